import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BackupError, parseBackup, restoreBackup, type StoreBackup, takeBackup } from "./backup.js";
import { Store } from "./store.js";
import { openTestStore, testDbKind } from "./test-db.js";

const actor = { userId: null, userName: "test" };
let source: Store;
let target: Store;
let backup: StoreBackup;

beforeAll(async () => {
  source = await openTestStore();
  const admin = await source.createUser(actor, "admin", "hash", true);
  const by = { userId: admin.id, userName: "admin" };
  const v = await source.putScenario(by, "s", "json", "{}", {});
  const n = await source.createNegotiation(by, {
    title: "t",
    venue: "v",
    scenarioId: v.scenarioId,
    scenarioVersion: v.version,
  });
  await source.openRound(by, n.id, "r");
  for (let i = 0; i < 3; i++)
    await source.createProposal(by, {
      negotiationId: n.id,
      parentId: null,
      authorRole: "mediator",
      authorActor: null,
      package: { a: `x${i}` },
      note: "",
    });
  backup = await takeBackup(source.db);
  const fresh = await openTestStore();
  // The restored store verifies with the source's key (kept outside the database).
  target = new Store(fresh.db, undefined, source.signer);
}, 60_000);

afterAll(async () => {
  await source.db.close();
  await target.db.close();
});

describe(`backup and restore (${testDbKind()})`, () => {
  it("refuses another schema version, then restores every row into an empty store, where the audit log verifies and ids continue", async () => {
    // Another schema version is refused first (and leaves the store empty).
    const mismatch = await restoreBackup(target.db, { ...backup, schemaVersion: 1 }).catch((e: unknown) => e);
    expect((mismatch as BackupError).code).toBe("backup/schema-mismatch");
    const r = await restoreBackup(target.db, parseBackup(JSON.parse(JSON.stringify(backup))));
    const count = (s: Store, t: string) => s.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${t}`);
    for (const t of ["users", "proposals", "audit_log", "audit_trees", "rounds"])
      expect(await count(target, t), t).toEqual(await count(source, t));
    expect(r.rows).toBe(backup.tables.reduce((n, t) => n + t.rows.length, 0));
    const verified = await target.verifyAudit({ publicKeyPem: source.signer.publicKeyPem });
    expect(verified.ok, JSON.stringify(verified.problems)).toBe(true);
    expect(verified.checked).toBe(backup.tables.find((t) => t.name === "audit_log")!.rows.length);
    // A new user gets the next id, not one the backup holds.
    const next = await target.createUser(actor, "after-restore", "hash", false);
    expect(next.id).toBe(2);
  });

  it("refuses a store that holds any row, and changes nothing in it", async () => {
    const err = await restoreBackup(target.db, backup).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BackupError);
    expect((err as BackupError).code).toBe("backup/not-empty");
    expect((err as Error).message).toContain("users");
  });

  it("refuses files that are not backups", () => {
    expect(() => parseBackup({ format: "other" })).toThrow(/not an entente backup/);
    expect(() => parseBackup({ ...backup, tables: [{ rows: [] }] })).toThrow(/no name/);
  });
});
