import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AuditEntry, auditHash, chainFields } from "./audit-chain.js";
import {
  type AuditReceipt,
  entryLeaf,
  generateAuditKeyPem,
  headMessage,
  insertAuditRow,
  type SignedHead,
  signerFromPem,
} from "./audit-log.js";
import {
  type AuditReport,
  checkReceiptAgainstHead,
  checkServedEntries,
  verifyAuditLog,
} from "./audit-verify.js";
import { appendLeaf, consistencyProof, type Frontier, frontierRoot, toHex } from "./merkle.js";
import type { SqlQueryable } from "./sql-client.js";
import { readAuditLog, type Store } from "./store.js";
import { openTestStore, testDbKind } from "./test-db.js";

/**
 * Issue 14, point 5: the eleven tamperings that were tried on the log, each done straight in the
 * database (append-only triggers off, as an operator with database access would), then verified
 * three ways: with database access and no receipt, with database access and the receipts and heads
 * a delegation kept, and as a client holding those receipts against what the server would now serve
 * (its stored head and a consistency proof from the tampered leaves). Each tampering runs in a
 * transaction that is rolled back, so every case starts from the same intact log.
 */
let store: Store;
let t = Date.UTC(2026, 0, 1);
const kept: (Partial<AuditReceipt> & { head: SignedHead })[] = [];
let negotiationId = 0;
let publicKeyPem = "";
const attacker = signerFromPem(generateAuditKeyPem());
const TRIGGERS = ["audit_log", "proposals", "scores", "private_positions", "rounds", "scenario_versions"];

beforeAll(async () => {
  store = await openTestStore(() => {
    t += 1000;
    return new Date(t);
  });
  publicKeyPem = store.signer.publicKeyPem;
  const sys = { userId: null, userName: "system" };
  const admin = await store.createUser(sys, "admin", "h", true);
  const ua = await store.createUser(sys, "ua", "h", false);
  const ru = await store.createUser(sys, "ru", "h", false);
  const uaActor = { userId: ua.id, userName: "ua", receipts: [] as AuditReceipt[] };
  const adminActor = { userId: admin.id, userName: "admin" };
  const v = await store.putScenario(adminActor, "s", "json", "{}", { a: 1 });
  const n = await store.createNegotiation(adminActor, {
    title: "T",
    venue: "V",
    scenarioId: v.scenarioId,
    scenarioVersion: 1,
  });
  negotiationId = n.id;
  await store.addMember(adminActor, n.id, ua.id, "delegation", "ua");
  await store.addMember(adminActor, n.id, ru.id, "delegation", "ru");
  await store.openRound(adminActor, n.id, "one");
  const p = await store.createProposal(uaActor, {
    negotiationId: n.id,
    parentId: null,
    authorRole: "delegation",
    authorActor: "ua",
    package: { x: "a" },
    note: "first",
  });
  await store.putPrivatePositions(uaActor, n.id, "ua", { positions: [], batna: 0.42 });
  await store.putPrivatePositions({ userId: ru.id, userName: "ru" }, n.id, "ru", { positions: [] });
  await store.createProposal(
    { userId: ru.id, userName: "ru" },
    {
      negotiationId: n.id,
      parentId: p.id,
      authorRole: "delegation",
      authorActor: "ru",
      package: { x: "b" },
      note: "counter",
    },
  );
  await store.recordQuery(adminActor, n.id, "zone");
  await store.putScore(uaActor, n.id, p.id, "ua", 0.35, "");
  kept.push(...uaActor.receipts);
  // Heads fetched before the tampering (any member may fetch them).
  kept.push({ head: await store.signedHead(n.id) }, { head: await store.signedHead(0) });
});
afterAll(async () => {
  await store.db.close();
});

interface Verdicts {
  database: AuditReport;
  withReceipts: AuditReport;
  client: string[];
}

const ROLLBACK = new Error("rollback");

/** Tampers inside a transaction, verifies three ways, rolls back. */
async function underTampering(
  tamper: (tx: SqlQueryable, log: AuditEntry[]) => Promise<void>,
): Promise<Verdicts> {
  let out: Verdicts | undefined;
  await store.db
    .transaction(async (tx) => {
      for (const table of TRIGGERS)
        await tx.query(`ALTER TABLE ${table} DISABLE TRIGGER ${table}_append_only`);
      await tamper(tx, await readAuditLog(tx));
      const entries = await readAuditLog(tx);
      out = {
        database: await verifyAuditLog(tx, entries, { publicKeyPem, receipts: [] }),
        withReceipts: await verifyAuditLog(tx, entries, { publicKeyPem, receipts: kept }),
        client: asClient(entries),
      };
      throw ROLLBACK;
    })
    .catch((e) => {
      if (e !== ROLLBACK) throw e;
    });
  return out!;
}

/** What `entente audit verify --server --receipts` concludes from the server's answers over this log. */
function asClient(entries: AuditEntry[]): string[] {
  const problems: string[] = [];
  for (const r of kept) {
    const tree = entries.filter((e) => e.treeId === r.head.tree).sort((a, b) => a.leafIndex - b.leafIndex);
    const last = tree[tree.length - 1];
    if (!last?.treeRoot || !last.headSig) {
      problems.push(`tree ${r.head.tree}: the server has no signed head`);
      continue;
    }
    const current = {
      tree: r.head.tree,
      size: last.leafIndex + 1,
      root: last.treeRoot,
      keyId: "",
      signature: last.headSig,
    };
    const leaves = tree.map(entryLeaf);
    if (leaves.length < current.size || current.size < r.head.size) {
      const wrong = checkReceiptAgainstHead(r, publicKeyPem, current, []);
      problems.push(wrong ?? "the server cannot prove its head");
      continue;
    }
    const proof =
      current.size > r.head.size ? consistencyProof(leaves, r.head.size, current.size).map(toHex) : [];
    const wrong = checkReceiptAgainstHead(r, publicKeyPem, current, proof);
    if (wrong) problems.push(wrong);
    problems.push(...checkServedEntries(tree, current, kept));
  }
  return problems;
}

/** Rewrites the chain and every tree from `fromSeq` on, as an attacker without the key would (own key). */
async function rewriteFrom(
  tx: SqlQueryable,
  log: AuditEntry[],
  fromSeq: number,
  edit: (e: AuditEntry) => AuditEntry,
) {
  const frontiers = new Map<number, Frontier>();
  let prev = "0".repeat(64);
  for (const original of log) {
    let e = original;
    if (e.seq >= fromSeq) {
      e = edit({ ...e, prevHash: prev });
      e.hash = auditHash(prev, chainFields(e));
    }
    const f = appendLeaf(frontiers.get(e.treeId) ?? { size: 0, nodes: [] }, entryLeaf(e)).frontier;
    frontiers.set(e.treeId, f);
    if (e.seq >= fromSeq) {
      const root = toHex(frontierRoot(f));
      await tx.query(
        "UPDATE audit_log SET payload = $1, prev_hash = $2, hash = $3, tree_root = $4, head_sig = $5 WHERE seq = $6",
        [e.payload, e.prevHash, e.hash, root, attacker.sign(headMessage(e.treeId, f.size, root)), e.seq],
      );
    }
    prev = e.hash;
  }
}

const inNegotiation = (log: AuditEntry[]) => log.filter((e) => e.negotiationId === negotiationId);
const middle = (log: AuditEntry[]) => inNegotiation(log)[3]!;

const TAMPERINGS: [string, (tx: SqlQueryable, log: AuditEntry[]) => Promise<void>][] = [
  [
    "1 edits an entry's payload",
    (tx, log) =>
      tx
        .query("UPDATE audit_log SET payload = $1 WHERE seq = $2", [
          '{"label":"two","number":1}',
          middle(log).seq,
        ])
        .then(() => {}),
  ],
  [
    "2 edits an entry's user name",
    (tx, log) =>
      tx.query("UPDATE audit_log SET user_name = 'mallory' WHERE seq = $1", [middle(log).seq]).then(() => {}),
  ],
  [
    "3 edits an entry's time",
    (tx, log) =>
      tx
        .query("UPDATE audit_log SET at = '2020-01-01T00:00:00.000Z' WHERE seq = $1", [middle(log).seq])
        .then(() => {}),
  ],
  [
    "4 deletes an entry in the middle",
    (tx, log) => tx.query("DELETE FROM audit_log WHERE seq = $1", [middle(log).seq]).then(() => {}),
  ],
  [
    "5 swaps two entries",
    async (tx, log) => {
      const [a, b] = [inNegotiation(log)[2]!.seq, inNegotiation(log)[3]!.seq];
      await tx.query("UPDATE audit_log SET seq = -1 WHERE seq = $1", [a]);
      await tx.query("UPDATE audit_log SET seq = $1 WHERE seq = $2", [a, b]);
      await tx.query("UPDATE audit_log SET seq = $1 WHERE seq = -1", [b]);
    },
  ],
  [
    "6 edits an entry and recomputes its own hash",
    async (tx, log) => {
      const e = { ...middle(log), userName: "mallory" };
      await tx.query("UPDATE audit_log SET user_name = $1, hash = $2 WHERE seq = $3", [
        e.userName,
        auditHash(e.prevHash, chainFields(e)),
        e.seq,
      ]);
    },
  ],
  [
    "7 rewrites every entry from one on, hashes and heads recomputed",
    (tx, log) =>
      rewriteFrom(tx, log, middle(log).seq, (e) =>
        e.seq === middle(log).seq ? { ...e, payload: '{"label":"two","number":1}' } : e,
      ),
  ],
  [
    "8 appends a forged entry with a correct hash",
    async (tx, log) => {
      const last = log[log.length - 1]!;
      const tree = inNegotiation(log);
      let f: Frontier = { size: 0, nodes: [] };
      for (const e of tree) f = appendLeaf(f, entryLeaf(e)).frontier;
      const fields = {
        ...chainFields(last),
        seq: last.seq + 1,
        action: "member.add",
        userName: "admin",
        payload: '{"actorId":"ru","role":"delegation","userId":1}',
      };
      const hash = auditHash(last.hash, fields);
      const g = appendLeaf(f, entryLeaf({ ...fields, prevHash: last.hash })).frontier;
      const root = toHex(frontierRoot(g));
      await insertAuditRow(tx, {
        ...fields,
        prevHash: last.hash,
        hash,
        treeId: negotiationId,
        leafIndex: f.size,
        treeRoot: root,
        headSig: attacker.sign(headMessage(negotiationId, g.size, root)),
      });
    },
  ],
  [
    "9 deletes the last entries",
    (tx, log) => tx.query("DELETE FROM audit_log WHERE seq > $1", [log.length - 3]).then(() => {}),
  ],
  ["10 deletes every entry", (tx) => tx.query("DELETE FROM audit_log").then(() => {})],
  [
    "11a makes a user admin in the users table",
    (tx) => tx.query("UPDATE users SET is_admin = true WHERE name = 'ru'").then(() => {}),
  ],
  [
    "11b makes a user mediator in the members table",
    (tx) =>
      tx
        .query(
          "INSERT INTO members (negotiation_id, user_id, role, actor_id, created_at) SELECT $1, id, 'mediator', NULL, 'x' FROM users WHERE name = 'ru'",
          [negotiationId],
        )
        .then(() => {}),
  ],
  [
    "11c edits a proposal",
    (tx) => tx.query(`UPDATE proposals SET package = '{"x":"z"}' WHERE note = 'first'`).then(() => {}),
  ],
  ["11d edits a score", (tx) => tx.query("UPDATE scores SET score = 0.99").then(() => {})],
  [
    "11e edits private positions",
    (tx) =>
      tx
        .query(`UPDATE private_positions SET body = '{"batna":0.1,"positions":[]}' WHERE actor_id = 'ua'`)
        .then(() => {}),
  ],
];

describe(`the audit log under tampering (${testDbKind()})`, () => {
  it("verifies intact with and without receipts, and as a client", async () => {
    const v = await underTampering(async () => {});
    expect(v.database.problems).toEqual([]);
    expect(v.withReceipts.problems).toEqual([]);
    expect(v.withReceipts.receiptsChecked).toBe(kept.length);
    expect(v.client).toEqual([]);
  });

  for (const [name, tamper] of TAMPERINGS) {
    it(`finds it when someone ${name.slice(name.indexOf(" ") + 1)} (${name.split(" ")[0]})`, async () => {
      const v = await underTampering(tamper);
      expect(v.database.ok, "with database access, no receipt").toBe(false);
      expect(v.withReceipts.ok, "with database access and the kept receipts").toBe(false);
      // A client sees the log, not the data tables: it finds every tampering of the log itself.
      if (!name.startsWith("11"))
        expect(v.client.length, "as a client with the kept receipts").toBeGreaterThan(0);
    });
  }

  it("needs a receipt when the last entries and their rows are deleted together (the log's stated limit)", async () => {
    const v = await underTampering(async (tx, log) => {
      const last = log[log.length - 1]!; // ua's score
      await tx.query("DELETE FROM scores WHERE id = $1", [JSON.parse(last.payload).scoreId]);
      await tx.query("DELETE FROM audit_log WHERE seq = $1", [last.seq]);
    });
    expect(v.database.ok, "a consistent shorter log and tables: nothing to compare with").toBe(true);
    expect(v.withReceipts.problems.map((p) => p.reason).join()).toMatch(/entries deleted/);
    expect(v.client.join()).toMatch(/entries deleted/);
  });

  it("logs confidential bodies as salted commitments that only the receipt's salt opens", async () => {
    const log = await store.allAudit();
    const score = log.find((e) => e.action === "score.put")!;
    expect(JSON.parse(score.payload)).not.toHaveProperty("sha256");
    expect(score.payload).not.toContain("0.35");
    const receipt = kept.find((r) => r.entry?.action === "score.put")!;
    const { commitment } = await import("./audit-log.js");
    expect(commitment(receipt.salt!, '{"comment":"","score":0.35}')).toBe(
      JSON.parse(score.payload).commitment,
    );
  });
});
