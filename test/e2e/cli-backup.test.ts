import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createTestLocation, testDbKind } from "@entente/store";
import { describe, expect, it } from "vitest";
import { repoRoot, runCli } from "./run-cli.js";

/**
 * `entente backup` / `entente restore`, black-box through the CLI on both stores: a snapshot of a
 * store with audit entries restores into a new store where `entente audit verify` passes with the
 * key kept outside the database, and a second restore into it is refused. Heavy (a server and five
 * CLI runs that open a store, each in its own process): it runs once, in the PostgreSQL pass of CI,
 * which then tests the embedded store too.
 */
const cli = join(repoRoot, "packages/cli/dist/entente.js");

async function serve(
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ url: string; child: ChildProcess; password: string }> {
  const child = spawn(process.execPath, [cli, "serve", "--port", "0", ...args], {
    cwd: repoRoot,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stderr!.on("data", (d: Buffer) => {
    if (!out.includes("entente: ready")) out += d.toString();
  });
  return new Promise((resolve, reject) => {
    child.on("exit", (code) => reject(new Error(`server exited with ${code}: ${out}`)));
    child.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      const url = /serving (http:\/\/\S+)\/api/.exec(out)?.[1];
      if (url && out.includes("entente: ready"))
        resolve({ url, child, password: /one-time password: (\S+)/.exec(out)![1]! });
    });
  });
}

/** Signs the admin in, sets its password, and makes audited writes: users, a negotiation, rounds. */
async function write(url: string, password: string): Promise<(i: number) => Promise<number>> {
  const post = async (path: string, body: unknown, token = "") => {
    const r = await fetch(url + path, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    return { status: r.status, json: (await r.json()) as Record<string, unknown> };
  };
  let token = (await post("/api/login", { name: "admin", password })).json.token as string;
  const fresh = "backup-test-Vq3#Lm8!Zr2";
  await post("/api/me/password", { currentPassword: password, newPassword: fresh }, token);
  token = (await post("/api/login", { name: "admin", password: fresh })).json.token as string;
  const n = await post(
    "/api/negotiations",
    { title: "Kept", venue: "Oslo", scenarioId: 1, scenarioVersion: 1 },
    token,
  );
  const id = Number(n.json.id);
  await post("/api/users", { name: "delegate", password: "delegate-Pw8#kQ2!x" }, token);
  return async (i) => {
    return (await post(`/api/negotiations/${id}/rounds`, { label: `Round ${i}` }, token)).status;
  };
}

const stop = (child: ChildProcess) =>
  new Promise<void>((r) => {
    child.removeAllListeners("exit");
    child.once("exit", () => r());
    child.kill("SIGTERM");
  });

/** `audit verify --format json` on a store: exit code and report. */
function verify(args: string[], env: NodeJS.ProcessEnv) {
  const r = runCli(["audit", "verify", "--format", "json", ...args], { env });
  return {
    exitCode: r.exitCode,
    report: JSON.parse(r.stdout || "{}") as { ok?: boolean; checked?: number; head?: string },
  };
}

describe.runIf(testDbKind() === "postgres")("entente backup and restore", () => {
  it("restores a stopped embedded store into a new one where audit verify passes, and refuses a store with data", async () => {
    const env = { ...process.env, DATABASE_URL: "", ENTENTE_AUDIT_KEY_FILE: "" };
    const src = mkdtempSync(join(tmpdir(), "entente-backup-src-"));
    const dst = mkdtempSync(join(tmpdir(), "entente-backup-dst-"));
    const file = join(mkdtempSync(join(tmpdir(), "entente-backup-")), "store.json");
    const server = await serve(["--data-dir", src], env);
    const more = await write(server.url, server.password);
    for (let i = 0; i < 3; i++) expect(await more(i)).toBe(201);
    await stop(server.child);

    const taken = runCli(["backup", "--data-dir", src, file], { env });
    expect(taken.exitCode, taken.stderr).toBe(0);
    expect(taken.stdout).toContain(`keep ${join(src, "audit-key.pem")} safe on its own`);
    const restored = runCli(["restore", "--data-dir", dst, file], { env });
    expect(restored.exitCode, restored.stderr).toBe(0);
    // The key stays where it was: the restore made none (a new one would not verify the heads).
    expect(existsSync(join(dst, "audit-key.pem"))).toBe(false);
    expect(restored.stdout).toContain("Put the audit key you kept at");

    const key = join(src, "audit-key.pem");
    const after = verify(["--data-dir", dst, "--audit-key", key], env);
    expect(after.exitCode).toBe(0);
    // Every entry of the snapshot's audit log was checked in the restored store.
    const backup = JSON.parse(readFileSync(file, "utf8")) as {
      tables: Array<{ name: string; rows: unknown[] }>;
    };
    const entries = backup.tables.find((t) => t.name === "audit_log")!.rows.length;
    expect(entries).toBeGreaterThan(5);
    expect(after.report).toMatchObject({ ok: true, checked: entries });

    const again = runCli(["restore", "--data-dir", dst, file], { env });
    expect(again.exitCode).toBe(1);
    expect(again.stderr).toContain("the store is not empty");
    const bad = runCli(["restore", "--data-dir", mkdtempSync(join(tmpdir(), "entente-backup-x-")), key], {
      env,
    });
    expect(bad.exitCode).toBe(2);
    const none = runCli(["backup", "--data-dir", join(src, "no-such-store"), file], { env });
    expect(none.exitCode).toBe(2);
    expect(none.stderr).toContain("no embedded store in");
  }, 120_000);

  it("backs up a PostgreSQL store while its server writes, and the restore verifies", async () => {
    const [{ databaseUrl: from }, { databaseUrl: to }] = [
      await createTestLocation(),
      await createTestLocation(),
    ];
    const key = join(mkdtempSync(join(tmpdir(), "entente-backup-key-")), "audit-key.pem");
    const env = { ...process.env, DATABASE_URL: "", ENTENTE_AUDIT_KEY_FILE: key };
    const file = join(mkdtempSync(join(tmpdir(), "entente-backup-")), "store.json");
    const server = await serve(["--database-url", from!], env);
    const more = await write(server.url, server.password);
    // Writes go on while the snapshot is taken: it must be one consistent cut of them.
    let writing = true;
    const writer = (async () => {
      for (let i = 0; writing; i++) expect(await more(i)).toBe(201);
    })();
    await new Promise((r) => setTimeout(r, 300));
    const taken = runCli(["backup", "--database-url", from!, file], { env });
    writing = false;
    await writer;
    await stop(server.child);
    expect(taken.exitCode, taken.stderr).toBe(0);

    const restored = runCli(["restore", "--database-url", to!, file], { env });
    expect(restored.exitCode, restored.stderr).toBe(0);
    const after = verify(["--database-url", to!], env);
    expect(after.exitCode).toBe(0);
    expect(after.report.ok).toBe(true);
    // Refused: the restored store, and the source with its data.
    for (const target of [to!, from!]) {
      const again = runCli(["restore", "--database-url", target, file], { env });
      expect(again.exitCode).toBe(1);
      expect(again.stderr).toContain("the store is not empty");
    }
  }, 120_000);
});
