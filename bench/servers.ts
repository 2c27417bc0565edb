/**
 * What several benchmarks set up alike: `entente serve` in its own process with its admin signed
 * in, a throw-away PostgreSQL (or DATABASE_URL), and a negotiation with an open round to write
 * proposals into directly through the store.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { type Actor, openStore, startTempPostgres } from "@entente/store";

const cli = fileURLToPath(new URL("../packages/cli/dist/entente.js", import.meta.url));

/** A JSON call to the served API: the status and the parsed answer. */
export type Call = (
  method: string,
  path: string,
  body?: unknown,
  token?: string,
) => Promise<{ status: number; json: Record<string, unknown> }>;

export interface Served {
  /** Base URL, e.g. `http://127.0.0.1:41234` (no `/api`). */
  url: string;
  child: ChildProcess;
  /** Calls the API with the admin's token unless another token is given. */
  call: Call;
  /** The admin's session token (its printed one-time password already replaced). */
  adminToken: string;
  /** Signs `name` in and returns the session token. */
  signIn(name: string, password: string): Promise<string>;
  /** Ends the server process and waits for it to exit. */
  stop(): Promise<void>;
}

/**
 * Starts `entente serve --port 0 ARGS` (never DATABASE_URL from the environment: pass
 * `--database-url` for PostgreSQL), waits for "entente: ready", signs the admin in and replaces
 * the printed one-time password, as a first sign-in must. `nodeArgs` go to Node before the script
 * (e.g. `--cpu-prof`).
 */
export async function serveWithAdmin(
  args: string[],
  env: NodeJS.ProcessEnv = {},
  nodeArgs: string[] = [],
): Promise<Served> {
  const childEnv = { ...process.env, ...env };
  delete childEnv.DATABASE_URL;
  const child = spawn(process.execPath, [...nodeArgs, cli, "serve", "--port", "0", ...args], {
    env: childEnv,
    stdio: ["ignore", "pipe", "inherit"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  let out = "";
  const { url, password } = await new Promise<{ url: string; password: string }>((resolve, reject) => {
    child.once("exit", (c) => reject(new Error(`server exited with ${c}: ${out}`)));
    child.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      if (out.includes("entente: ready"))
        resolve({
          url: /serving (\S+)\/api/.exec(out)![1]!,
          password: /one-time password: (\S+)/.exec(out)![1]!,
        });
    });
  });
  let adminToken = "";
  const call: Call = async (method, path, body, token = adminToken) => {
    const res = await fetch(url + path, {
      method,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    return { status: res.status, json: (await res.json()) as Record<string, unknown> };
  };
  const signIn = async (name: string, pw: string) => {
    const r = await call("POST", "/api/login", { name, password: pw });
    if (r.status !== 200) throw new Error(`sign-in of ${name} refused: ${JSON.stringify(r.json)}`);
    return r.json.token as string;
  };
  adminToken = await signIn("admin", password);
  await call("POST", "/api/me/password", { currentPassword: password, newPassword: "bench-admin-password" });
  return {
    url,
    child,
    call,
    adminToken,
    signIn,
    async stop() {
      child.kill("SIGTERM");
      await exited;
    },
  };
}

/**
 * Runs `fn` against PostgreSQL: DATABASE_URL when set, else a throw-away cluster on loopback.
 * Returns undefined when neither exists (no `initdb` on PATH).
 */
export async function withPostgres<T>(fn: (databaseUrl: string) => Promise<T>): Promise<T | undefined> {
  const pg = process.env.DATABASE_URL
    ? { databaseUrl: process.env.DATABASE_URL, stop() {} }
    : startTempPostgres();
  if (!pg) return undefined;
  try {
    return await fn(pg.databaseUrl);
  } finally {
    pg.stop();
  }
}

/** The row printed when no PostgreSQL could be had. */
export const postgresSkipped = {
  name: "PostgreSQL: skipped (initdb not found and DATABASE_URL unset)",
  ms: 0,
};

/**
 * Milliseconds per sequential `Store.createProposal` call (after 20 warm-up calls) into a fresh
 * scenario, negotiation and round, opened with `options` (see `openStore`).
 */
export async function directProposalMs(
  options: Parameters<typeof openStore>[0],
  count: number,
  actor: Actor = { userId: null, userName: "bench" },
): Promise<number> {
  const store = await openStore(options);
  try {
    const v = await store.putScenario(actor, `bench-${Math.random()}`, "json", "{}", {});
    const n = await store.createNegotiation(actor, {
      title: "b",
      venue: "v",
      scenarioId: v.scenarioId,
      scenarioVersion: v.version,
    });
    await store.openRound(actor, n.id, "r");
    const input = {
      negotiationId: n.id,
      parentId: null,
      authorRole: "mediator",
      authorActor: null,
      package: { a: "b" },
      note: "",
    };
    for (let i = 0; i < 20; i++) await store.createProposal(actor, input);
    const t0 = performance.now();
    for (let i = 0; i < count; i++) await store.createProposal(actor, input);
    return (performance.now() - t0) / count;
  } finally {
    await store.db.close();
  }
}

/**
 * A mediator ("med") in a new negotiation on the first stored scenario, with an open round: where
 * the proposal benches write. Returns the proposals path, a valid package and the mediator's token.
 */
export async function mediatorRound(
  served: Served,
): Promise<{ path: string; body: { package: Record<string, unknown>; note: string }; token: string }> {
  const { call } = served;
  const med = await call("POST", "/api/users", { name: "med", password: "mediator-password-1" });
  const sid = ((await call("GET", "/api/scenarios")).json.scenarios as { id: number }[])[0]!.id;
  const n = (
    await call("POST", "/api/negotiations", {
      title: "Bench",
      venue: "Geneva",
      scenarioId: sid,
      scenarioVersion: 1,
    })
  ).json.id as number;
  await call("POST", `/api/negotiations/${n}/members`, {
    userId: (med.json.user as { id: number }).id,
    role: "mediator",
  });
  const token = await served.signIn("med", "mediator-password-1");
  await call("POST", `/api/negotiations/${n}/rounds`, { label: "bench" }, token);
  const parsed = (await call("GET", `/api/scenarios/${sid}/versions/1`, undefined, token)).json
    .parsed as unknown as {
    issues: Array<{ id: string; kind: string; min?: number; options?: { id: string }[] }>;
  };
  const pkg = Object.fromEntries(
    parsed.issues.map((i) => [i.id, i.kind === "numeric" ? i.min : i.options![0]!.id]),
  );
  return { path: `/api/negotiations/${n}/proposals`, body: { package: pkg, note: "bench" }, token };
}
