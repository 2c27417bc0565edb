import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const cli = fileURLToPath(new URL("../../packages/cli/dist/entente.js", import.meta.url));
const root = fileURLToPath(new URL("../../", import.meta.url));

export interface SpawnedServer {
  url: string;
  child: ChildProcess;
  /** The admin's one-time password, on the first start only. */
  adminPassword?: string;
  output: () => string;
}

/** Starts `entente serve` on a free loopback port and waits until it prints its URL. */
export async function spawnServer(loc: { dataDir?: string; databaseUrl?: string }): Promise<SpawnedServer> {
  const args = [cli, "serve", "--port", "0"];
  if (loc.databaseUrl) args.push("--database-url", loc.databaseUrl);
  else args.push("--data-dir", loc.dataDir!);
  const env = { ...process.env };
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, args, { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  child.stderr!.on("data", (d: Buffer) => {
    out += d.toString();
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 60_000);
    child.on("exit", (code) => reject(new Error(`server exited with ${code}:\n${out}`)));
    child.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      const url = /serving (http:\/\/\S+)\/api/.exec(out)?.[1];
      if (url && out.includes("entente: ready")) {
        clearTimeout(timer);
        const pw = /one-time password: (\S+)/.exec(out)?.[1];
        resolve({ url, child, output: () => out, ...(pw ? { adminPassword: pw } : {}) });
      }
    });
  });
}

/** A tiny JSON client for the API. */
export function client(url: string) {
  let token = "";
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(url + path, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { "content-type": "application/json" } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const json = (await res.json()) as Record<string, unknown>;
    return { status: res.status, json };
  };
  return {
    call,
    async login(name: string, password: string) {
      const r = await call("POST", "/api/login", { name, password });
      if (r.status !== 200) throw new Error(`login failed: ${JSON.stringify(r.json)}`);
      token = (r.json as { token: string }).token;
    },
    /** Signs in with a one-time password and replaces it with `newPassword`, as the server requires. */
    async adopt(name: string, oneTimePassword: string, newPassword: string) {
      await this.login(name, oneTimePassword);
      const r = await call("POST", "/api/me/password", { currentPassword: oneTimePassword, newPassword });
      if (r.status !== 200) throw new Error(`password change failed: ${JSON.stringify(r.json)}`);
    },
  };
}
