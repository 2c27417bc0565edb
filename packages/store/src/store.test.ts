import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GENESIS_HASH } from "./audit-chain.js";
import { jsonDiff } from "./json-diff.js";
import type { Store } from "./store.js";
import { openTestStore, testDbKind } from "./test-db.js";

let store: Store;
const admin = { userId: null, userName: "system" };
let t = Date.UTC(2026, 0, 1);
beforeAll(async () => {
  store = await openTestStore(() => {
    t += 1000;
    return new Date(t);
  });
});
afterAll(async () => {
  await store.db.close();
});

describe(`store on ${testDbKind()}`, () => {
  it("keeps every scenario version readable and numbers them 1, 2, …", async () => {
    const v1 = await store.putScenario(admin, "s", "json", '{"a":1}', { a: 1 });
    const v2 = await store.putScenario(admin, "s", "json", '{"a":2}', { a: 2 });
    expect([v1.version, v2.version, v2.fromVersion]).toEqual([1, 2, 1]);
    expect((await store.scenarioVersion(v1.scenarioId, 1)).parsed).toEqual({ a: 1 });
    expect((await store.listScenarioVersions(v1.scenarioId)).map((v) => v.version)).toEqual([1, 2]);
  });

  it("returns the latest private positions per actor and only the asked actor's", async () => {
    const sc = (await store.listScenarios())[0]!;
    const n = await store.createNegotiation(admin, {
      title: "T",
      venue: "Geneva",
      scenarioId: sc.id,
      scenarioVersion: 1,
    });
    await store.putPrivatePositions(admin, n.id, "ua", { v: 1 });
    await store.putPrivatePositions(admin, n.id, "ua", { v: 2 });
    await store.putPrivatePositions(admin, n.id, "ru", { v: 9 });
    expect((await store.privatePositions(n.id, "ua")).map((p) => [p.version, p.body])).toEqual([
      [2, { v: 2 }],
    ]);
    expect((await store.privatePositions(n.id)).map((p) => p.actorId).sort()).toEqual(["ru", "ua"]);
  });

  it("refuses proposals before a round is opened, then numbers rounds from 1", async () => {
    const sc = (await store.listScenarios())[0]!;
    const n = await store.createNegotiation(admin, {
      title: "R",
      venue: "Istanbul",
      scenarioId: sc.id,
      scenarioVersion: 2,
    });
    const base = {
      negotiationId: n.id,
      parentId: null,
      authorRole: "mediator",
      authorActor: null,
      package: {},
      note: "",
    };
    await expect(store.createProposal(admin, base)).rejects.toMatchObject({ code: "conflict" });
    expect((await store.openRound(admin, n.id, "first")).number).toBe(1);
    const p = await store.createProposal(admin, { ...base, package: { b: 2, a: "x" } });
    expect(p.round).toBe(1);
    const c = await store.createProposal(admin, { ...base, parentId: p.id });
    expect((await store.proposal(c.negotiationId, c.id)).parentId).toBe(p.id);
  });

  it("commits concurrent changes together, and one failing change does not undo the others", async () => {
    const sc = (await store.listScenarios())[0]!;
    const n = await store.createNegotiation(admin, {
      title: "G",
      venue: "Oslo",
      scenarioId: sc.id,
      scenarioVersion: 1,
    });
    await store.openRound(admin, n.id, "r");
    const base = {
      negotiationId: n.id,
      parentId: null,
      authorRole: "mediator",
      authorActor: null,
      package: {},
      note: "",
    };
    const results = await Promise.allSettled([
      ...Array.from({ length: 10 }, () => store.createProposal(admin, base)),
      store.createProposal(admin, { ...base, parentId: 999_999 }), // no such parent: must fail alone
      ...Array.from({ length: 10 }, () => store.createProposal(admin, base)),
    ]);
    expect(results.map((r) => r.status).filter((s) => s === "rejected")).toHaveLength(1);
    expect(results[10]).toMatchObject({ status: "rejected", reason: { code: "not_found" } });
    expect(await store.proposals(n.id)).toHaveLength(20);
    expect(await store.verifyAudit()).toMatchObject({ ok: true });
  });

  it("chains audit entries from the genesis hash and verifies them", async () => {
    const log = await store.audit();
    expect(log[0]!.prevHash).toBe(GENESIS_HASH);
    expect(log.map((e) => e.seq)).toEqual(log.map((_, i) => i + 1));
    expect(await store.verifyAudit()).toMatchObject({ ok: true, checked: log.length });
  });

  it("records a digest, never the body, of private positions in the audit log", async () => {
    const entries = (await store.audit()).filter((e) => e.action === "private.put");
    expect(entries.length).toBe(3);
    for (const e of entries) expect(JSON.parse(e.payload)).not.toHaveProperty("body");
  });

  it("refuses UPDATE and DELETE on the audit log at the database level", async () => {
    await expect(store.db.query("UPDATE audit_log SET action = 'x' WHERE seq = 1")).rejects.toThrow(
      /append-only/,
    );
    await expect(store.db.query("DELETE FROM proposals")).rejects.toThrow(/append-only/);
  });

  it("names the first tampered entry when a row is changed behind the store's back", async () => {
    await store.db.exec("ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only");
    await store.db.query("UPDATE audit_log SET user_name = 'mallory' WHERE seq = 3");
    await store.db.exec("ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only");
    expect(await store.verifyAudit()).toMatchObject({ ok: false, firstBad: { seq: 3 } });
  });
});

describe("jsonDiff", () => {
  it("matches array items by id, so an inserted actor is one addition", () => {
    const a = { actors: [{ id: "ua" }, { id: "ru", n: 1 }] };
    const b = { actors: [{ id: "eu" }, { id: "ua" }, { id: "ru", n: 2 }] };
    expect(jsonDiff(a, b)).toEqual([
      { path: "/actors/ru/n", op: "changed", before: 1, after: 2 },
      { path: "/actors/eu", op: "added", after: { id: "eu" } },
    ]);
  });
});
