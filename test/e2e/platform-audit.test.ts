import { createTestLocation, openStore, type Store, testDbKind } from "@entente/store";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli } from "./run-cli.js";

/**
 * `entente audit verify` against a real store: intact, then with each entry tampered directly in the
 * database (the trigger that makes the table append-only disabled first, as an attacker with
 * database access would), the command must exit 1 and name exactly that entry.
 */
let loc: { dataDir?: string; databaseUrl?: string };
let args: string[];
const sys = { userId: null, userName: "system" };

async function withStore<T>(fn: (s: Store) => Promise<T>): Promise<T> {
  const s = await openStore(loc);
  try {
    return await fn(s);
  } finally {
    await s.db.close();
  }
}
/** Runs `sql` with the append-only trigger off; returns the column's previous value when asked. */
async function tamper(
  sql: string,
  params: (string | number)[] = [],
  column?: string,
  seq?: number,
): Promise<string> {
  return withStore(async (s) => {
    const before = column
      ? (
          await s.db.query<{ v: string }>(`SELECT ${column}::text AS v FROM audit_log WHERE seq = $1`, [seq!])
        )[0]!.v
      : "";
    await s.db.exec("ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only");
    await s.db.query(sql, params);
    await s.db.exec("ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only");
    return before;
  });
}

beforeAll(async () => {
  loc = await createTestLocation();
  args = loc.databaseUrl ? ["--database-url", loc.databaseUrl] : ["--data-dir", loc.dataDir!];
  await withStore(async (s) => {
    const u = await s.createUser(sys, "admin", "x", true);
    const v = await s.putScenario(sys, "s", "json", "{}", { a: 1 });
    const n = await s.createNegotiation(sys, {
      title: "T",
      venue: "V",
      scenarioId: v.scenarioId,
      scenarioVersion: 1,
    });
    await s.openRound({ userId: u.id, userName: "admin" }, n.id, "one");
    await s.putPrivatePositions(sys, n.id, "ua", { positions: [] });
  });
});

describe(`entente audit verify (${testDbKind()})`, () => {
  it("reports an intact log with its entry count", () => {
    const r = runCli(["audit", "verify", ...args]);
    expect(r.stderr).toBe("");
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/intact: 5 entries/);
  });

  it("names each tampered entry (payload, author, stored hash) and passes again once restored", async () => {
    for (const [seq, column, value] of [
      [1, "payload", '{"isAdmin":false,"name":"admin"}'],
      [2, "user_name", "mallory"],
      [5, "hash", "0".repeat(64)],
    ] as const) {
      const original = await tamper(
        `UPDATE audit_log SET ${column} = $1 WHERE seq = $2`,
        [value, seq],
        column,
        seq,
      );
      const r = runCli(["audit", "verify", ...args]);
      expect(r.exitCode, r.stdout + r.stderr).toBe(1);
      expect(r.stderr).toContain(`broken at entry ${seq}:`);
      await tamper(`UPDATE audit_log SET ${column} = $1 WHERE seq = $2`, [original, seq]);
    }
    expect(runCli(["audit", "verify", ...args]).exitCode).toBe(0);
  });

  it("finds a deleted entry at the link after the gap", async () => {
    await tamper("DELETE FROM audit_log WHERE seq = 3");
    const r = runCli(["audit", "verify", ...args, "--format", "json"]);
    expect(r.exitCode).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: false, firstBad: { seq: 4 } });
  });
});
