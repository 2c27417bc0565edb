import { once } from "node:events";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Scenario } from "@entente/core";
import { createTestLocation, openStore, testDbKind } from "@entente/store";
import { describe, expect, it } from "vitest";
import { client, type SpawnedServer, spawnServer } from "./platform-server.js";
import { runCli } from "./run-cli.js";

/**
 * `entente audit verify --server URL --receipts DIR`, black box (issue 14): a real `entente serve`,
 * a delegation that keeps the receipts of its writes (the `Audit-Receipts` header) as files, and the
 * real CLI in a client process with no database access. A clean log passes; after one entry's
 * payload is edited straight in the database (append-only trigger off, as an operator could) and
 * the server restarted on it, the same command exits 1 and says the served entries no longer give
 * the signed head. It starts two servers (tens of seconds on a busy machine with PGlite), so it runs
 * in CI's PostgreSQL pass; ENTENTE_AUDIT_CLIENT_TEST=1 runs it on PGlite too.
 */
async function stop(s: SpawnedServer): Promise<void> {
  if (s.child.exitCode !== null || s.child.signalCode !== null) return;
  const gone = once(s.child, "exit");
  s.child.kill("SIGTERM");
  await gone;
}

const run = testDbKind() === "postgres" || process.env.ENTENTE_AUDIT_CLIENT_TEST === "1";

describe.skipIf(!run)(`audit verify as a client (${testDbKind()})`, () => {
  it("passes a clean log and finds an entry edited in the database, from kept receipts alone", async () => {
    const loc = await createTestLocation();
    const receipts = mkdtempSync(join(tmpdir(), "entente-receipts-"));
    const first = await spawnServer(loc);
    let nid = 0;
    let proposalSeq = 0;
    let token = "";
    try {
      const admin = client(first.url);
      await admin.adopt("admin", first.adminPassword!, "administrator-password-1");
      const scen = (await admin.call("GET", "/api/scenarios")).json as { scenarios: { id: number }[] };
      const sid = scen.scenarios[0]!.id;
      nid = (
        (
          await admin.call("POST", "/api/negotiations", {
            title: "T",
            venue: "V",
            scenarioId: sid,
            scenarioVersion: 1,
          })
        ).json as { id: number }
      ).id;
      const med = await admin.call("POST", "/api/users", { name: "med", password: "mediator-password-1" });
      await admin.call("POST", `/api/negotiations/${nid}/members`, {
        userId: (med.json as { user: { id: number } }).user.id,
        role: "mediator",
      });
      const m = client(first.url);
      await m.login("med", "mediator-password-1");
      await m.call("POST", `/api/negotiations/${nid}/rounds`, { label: "one" });
      const v = (await m.call("GET", `/api/scenarios/${sid}/versions/1`)).json as { parsed: Scenario };
      const pkg = Object.fromEntries(
        v.parsed.issues.map((i) => [i.id, i.kind === "numeric" ? i.min : i.options[0]!.id]),
      );
      token = (
        (await fetch(`${first.url}/api/login`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ name: "med", password: "mediator-password-1" }),
        }).then((r) => r.json())) as { token: string }
      ).token;
      // Three proposals; each answer's receipts are kept as a file, as a delegation's client would.
      for (let i = 0; i < 3; i++) {
        const res = await fetch(`${first.url}/api/negotiations/${nid}/proposals`, {
          method: "POST",
          headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
          body: JSON.stringify({ package: pkg, note: `p${i}` }),
        });
        expect(res.status).toBe(201);
        const header = res.headers.get("audit-receipts");
        expect(header).toBeTruthy();
        const kept = JSON.parse(Buffer.from(header!, "base64url").toString("utf8")) as {
          entry: { seq: number };
        }[];
        writeFileSync(join(receipts, `proposal-${i}.json`), JSON.stringify(kept));
        if (i === 0) proposalSeq = kept[0]!.entry.seq;
      }
      const clean = runCli([
        "audit",
        "verify",
        "--server",
        first.url,
        "--receipts",
        receipts,
        "--token",
        token,
      ]);
      expect(clean.exitCode, clean.stdout + clean.stderr).toBe(0);
      expect(clean.stdout).toMatch(/audit log consistent with 3 kept receipts across 1 trees/);
    } finally {
      await stop(first);
    }

    // The operator edits the first proposal's entry in the database (the server is stopped: PGlite
    // allows one process per directory), then serves the edited log.
    const s = await openStore(loc);
    try {
      await s.db.exec("ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only");
      const [row] = await s.db.query<{ payload: string }>("SELECT payload FROM audit_log WHERE seq = $1", [
        proposalSeq,
      ]);
      expect(row?.payload).toMatch(/"note":"p0"/);
      await s.db.query("UPDATE audit_log SET payload = $1 WHERE seq = $2", [
        row!.payload.replace('"note":"p0"', '"note":"edited"'),
        proposalSeq,
      ]);
      await s.db.exec("ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only");
    } finally {
      await s.db.close();
    }
    const second = await spawnServer(loc);
    try {
      const r = runCli(["audit", "verify", "--server", second.url, "--receipts", receipts, "--token", token]);
      expect(r.exitCode, r.stdout + r.stderr).toBe(1);
      expect(r.stderr).toMatch(/audit log broken/);
      expect(r.stderr + r.stdout).toMatch(/the entries the server serves do not give its signed head/);
    } finally {
      await stop(second);
    }
  }, 120_000);
});
