import { createHash } from "node:crypto";
import { type AuditEntry, auditHash, chainFields, verifyChain } from "./audit-chain.js";
import { type AuditReceipt, commitment, entryLeaf, type SignedHead, verifyHead } from "./audit-log.js";
import { canonicalJson } from "./canonical-json.js";
import {
  appendLeaf,
  type Frontier,
  fromHex,
  frontierRoot,
  leafHash,
  toHex,
  verifyConsistency,
  verifyInclusion,
} from "./merkle.js";
import { PROPOSAL_COLS, type ProposalRow } from "./proposal-row.js";
import type { SqlQueryable } from "./sql-client.js";

/** What a verifier brings: the public key it pins (never the database's word) and what it kept. */
export interface VerifyOptions {
  publicKeyPem: string;
  /** Receipts of writes, or bare heads fetched earlier (`{ head }`). */
  receipts: ReadonlyArray<Partial<AuditReceipt> & { head: SignedHead }>;
}

/** One thing found wrong; `seq` names the entry when the problem is in the log itself. */
export interface AuditProblem {
  seq: number | null;
  reason: string;
}

export interface AuditReport {
  ok: boolean;
  /** Entries read. */
  checked: number;
  /** The chain's last hash. */
  head?: string;
  trees: { tree: number; size: number; root: string }[];
  /** The first problem, for callers that name one. */
  firstBad?: AuditProblem;
  problems: AuditProblem[];
  receiptsChecked: number;
}

const MAX_PROBLEMS = 50;

/**
 * Verifies the audit log with database access. (1) The hash chain (audit-chain.ts). (2) Each
 * negotiation's Merkle tree: leaf positions without gaps, every stored head equal to the head
 * recomputed from the entries before it, and the latest head of each tree signed by the pinned key
 * — so rewriting entries, even with recomputed hashes, or appending one without the key, is found.
 * (3) The data tables re-derived from the log and compared, so an edit of the tables alone, or a
 * deletion of the log's entries that leaves their rows, is found. (4) Every kept receipt or head:
 * its signature, its proof, and that the log still holds its entry and extends its head — so a
 * truncation or rewrite done together with the tables is found by anyone who kept a receipt.
 */
export async function verifyAuditLog(
  db: SqlQueryable,
  entries: readonly AuditEntry[],
  options: VerifyOptions,
): Promise<AuditReport> {
  const problems: AuditProblem[] = [];
  const bad = (seq: number | null, reason: string) => {
    if (problems.length < MAX_PROBLEMS) problems.push({ seq, reason });
  };
  const chain = verifyChain(entries);
  if (!chain.ok) bad(chain.firstBad.seq, chain.firstBad.reason);

  // Trees: recompute every head; keep each size's root for the receipts.
  const frontiers = new Map<number, Frontier>();
  const roots = new Map<number, string[]>();
  const leafAt = new Map<number, string[]>();
  const signedSeen = new Set<number>();
  const lastOf = new Map<number, AuditEntry>();
  for (const e of entries) {
    const f = frontiers.get(e.treeId) ?? { size: 0, nodes: [] };
    if (e.leafIndex !== f.size) {
      bad(
        e.seq,
        `it is leaf ${e.leafIndex} of tree ${e.treeId}, expected leaf ${f.size} (missing or reordered)`,
      );
    }
    if (e.treeId !== (e.negotiationId ?? 0)) bad(e.seq, `it sits in tree ${e.treeId}, not its negotiation's`);
    const next = appendLeaf(f, entryLeaf(e)).frontier;
    const root = toHex(frontierRoot(next));
    frontiers.set(e.treeId, next);
    if (!roots.has(e.treeId)) {
      roots.set(e.treeId, []);
      leafAt.set(e.treeId, []);
    }
    roots.get(e.treeId)!.push(root);
    leafAt.get(e.treeId)!.push(e.hash);
    if (e.treeRoot === null || e.headSig === null) {
      if (signedSeen.has(e.treeId))
        bad(e.seq, "it has no signed head, yet entries before it do (appended without the key)");
    } else {
      signedSeen.add(e.treeId);
      if (e.treeRoot !== root) bad(e.seq, "its signed head does not match the entries up to it (rewritten)");
    }
    lastOf.set(e.treeId, e);
  }
  for (const [tree, e] of lastOf) {
    if (e.treeRoot === null || e.headSig === null) {
      if (signedSeen.has(tree)) continue; // reported above
      continue; // a tree written entirely before signed heads: nothing to check it against
    }
    const head = { tree, size: e.leafIndex + 1, root: e.treeRoot, keyId: "", signature: e.headSig };
    if (!verifyHead(head, options.publicKeyPem)) {
      bad(e.seq, `the latest head of tree ${tree} is not signed by the pinned key (forged or rewritten)`);
    }
  }

  for (const p of await rederive(db, entries)) bad(null, p);

  let receiptsChecked = 0;
  for (const r of options.receipts) {
    receiptsChecked++;
    const where = `receipt for tree ${r.head.tree} at size ${r.head.size}${r.entry ? ` (entry ${r.entry.seq})` : ""}`;
    if (!verifyHead(r.head, options.publicKeyPem)) {
      bad(null, `${where}: not signed by the pinned key`);
      continue;
    }
    if (!receiptHolds(r)) bad(null, `${where}: its entry and proof do not match its head`);
    const rs = roots.get(r.head.tree) ?? [];
    if (rs.length < r.head.size) {
      bad(
        null,
        `${where}: tree ${r.head.tree} now has ${rs.length} entries, fewer than the signed head (entries deleted)`,
      );
      continue;
    }
    if (rs[r.head.size - 1] !== r.head.root) {
      bad(null, `${where}: tree ${r.head.tree} no longer extends the signed head (entries rewritten)`);
      continue;
    }
    if (r.entry && leafAt.get(r.head.tree)![r.entry.leafIndex] !== r.entry.hash) {
      bad(r.entry.seq, `${where}: the log's entry differs from the receipt's`);
    }
  }

  return {
    ok: problems.length === 0,
    checked: entries.length,
    ...(chain.ok ? { head: chain.head } : {}),
    trees: [...frontiers].map(([tree, f]) => ({ tree, size: f.size, root: toHex(frontierRoot(f)) })),
    ...(problems[0] ? { firstBad: problems[0] } : {}),
    problems,
    receiptsChecked,
  };
}

type Rows = Map<string, string>;

const sha256 = (t: string) => createHash("sha256").update(t).digest("hex");

/**
 * Re-derives the data tables from the log and compares them with the tables: users (name, admin
 * flag), scenario versions (body digest), negotiations, members, rounds, proposals, scores and
 * private positions (their commitments, opened with the salt kept in each row). Returns one line per
 * difference (at most 50). Tables the log does not describe (sessions) are not compared.
 */
export async function rederive(db: SqlQueryable, entries: readonly AuditEntry[]): Promise<string[]> {
  const fromLog: Record<string, Rows> = {};
  const put = (table: string, key: string, value: unknown) => {
    fromLog[table] ??= new Map();
    fromLog[table].set(key, canonicalJson(value));
  };
  const users = new Map<string, { name?: unknown; isAdmin?: unknown }>();
  const memberCount = new Map<string, number>();
  for (const e of entries) {
    let d: Record<string, unknown>;
    try {
      d = JSON.parse(e.payload) as Record<string, unknown>;
    } catch {
      continue; // reported by the chain check
    }
    const id = e.subject.split(":")[1] ?? "";
    if (e.subject.startsWith("user:") && ("name" in d || "isAdmin" in d)) {
      const u = users.get(id) ?? {};
      users.set(id, { name: d.name ?? u.name, isAdmin: d.isAdmin ?? u.isAdmin });
    }
    switch (e.action) {
      case "scenario.version":
        put("scenario_versions", `${id}/${d.version}`, { format: d.format, sha256: d.bodySha256 });
        break;
      case "negotiation.create":
        put("negotiations", id, {
          title: d.title,
          venue: d.venue,
          scenarioId: d.scenarioId,
          scenarioVersion: d.scenarioVersion,
        });
        break;
      case "member.add": {
        const k = `${e.negotiationId}/${d.userId}/${d.role}/${d.actorId ?? ""}`;
        memberCount.set(k, (memberCount.get(k) ?? 0) + 1);
        break;
      }
      case "member.remove": {
        const k = `${e.negotiationId}/${d.userId}/${d.role}/${d.actorId ?? ""}`;
        memberCount.set(k, (memberCount.get(k) ?? 0) - 1);
        break;
      }
      case "round.open":
        put("rounds", `${e.negotiationId}/${d.number}`, { label: d.label });
        break;
      case "proposal.create":
      case "proposal.counter":
        put("proposals", id, {
          negotiationId: e.negotiationId,
          round: d.round,
          parentId: d.parentId,
          package: d.package,
          authorActor: d.authorActor,
          ...("note" in d ? { note: d.note, authorRole: d.authorRole } : {}),
        });
        break;
      case "score.put":
        if ("scoreId" in d)
          put("scores", String(d.scoreId), { proposal: id, actor: d.actorId, c: d.commitment });
        else put("scores", `legacy/${id}/${d.actorId}/${d.sha256}`, true);
        break;
      case "acceptance.seal":
        put("acceptances", String(d.acceptanceId), { c: d.commitment });
        break;
      case "text.adopt":
        put("text_versions", `${e.negotiationId}/${d.version}`, { proposalId: d.proposalId });
        break;
      case "agreement.record":
        put("agreements", `${e.negotiationId}/${d.version}`, { proposalId: d.proposalId, digest: d.digest });
        break;
      case "private.put":
        put("private_positions", `${e.negotiationId}/${d.actorId}/${d.version}`, {
          c: d.commitment ?? d.sha256,
        });
        break;
    }
  }
  for (const [id, u] of users) put("users", id, u);
  for (const [k, n] of memberCount) if (n !== 0) put("members", k, n);

  const fromDb: Record<string, Rows> = {};
  const row = (table: string, key: string, value: unknown) => {
    fromDb[table] ??= new Map();
    fromDb[table].set(key, canonicalJson(value));
  };
  for (const r of await db.query<{ id: number; name: string; is_admin: boolean }>(
    "SELECT id, name, is_admin FROM users",
  ))
    row("users", String(r.id), { name: r.name, isAdmin: r.is_admin });
  for (const r of await db.query<{ scenario_id: number; version: number; format: string; body: string }>(
    "SELECT scenario_id, version, format, body FROM scenario_versions",
  ))
    row("scenario_versions", `${r.scenario_id}/${r.version}`, { format: r.format, sha256: sha256(r.body) });
  for (const r of await db.query<{
    id: number;
    title: string;
    venue: string;
    scenario_id: number;
    scenario_version: number;
  }>("SELECT id, title, venue, scenario_id, scenario_version FROM negotiations"))
    row("negotiations", String(r.id), {
      title: r.title,
      venue: r.venue,
      scenarioId: r.scenario_id,
      scenarioVersion: r.scenario_version,
    });
  const dbMembers = new Map<string, number>();
  for (const r of await db.query<{
    negotiation_id: number;
    user_id: number;
    role: string;
    actor_id: string | null;
  }>(
    "SELECT negotiation_id, user_id, role, actor_id FROM members m WHERE NOT EXISTS (SELECT 1 FROM member_removals r WHERE r.member_id = m.id)",
  )) {
    const k = `${r.negotiation_id}/${r.user_id}/${r.role}/${r.actor_id ?? ""}`;
    dbMembers.set(k, (dbMembers.get(k) ?? 0) + 1);
  }
  for (const [k, n] of dbMembers) row("members", k, n);
  for (const r of await db.query<{ negotiation_id: number; number: number; label: string }>(
    "SELECT negotiation_id, number, label FROM rounds",
  ))
    row("rounds", `${r.negotiation_id}/${r.number}`, { label: r.label });
  const logProposals = fromLog.proposals ?? new Map();
  for (const r of await db.query<ProposalRow>(`SELECT ${PROPOSAL_COLS} FROM proposals`)) {
    const logged = logProposals.get(String(r.id));
    const withNote = logged?.includes('"note":') ?? false;
    row("proposals", String(r.id), {
      negotiationId: r.negotiation_id,
      round: r.round,
      parentId: r.parent_id,
      package: JSON.parse(r.package),
      authorActor: r.author_actor,
      ...(withNote ? { note: r.note, authorRole: r.author_role } : {}),
    });
  }
  for (const r of await db.query<{
    id: number;
    proposal_id: number;
    actor_id: string;
    score: number;
    comment: string;
    salt: string | null;
  }>("SELECT id, proposal_id, actor_id, score, comment, salt FROM scores")) {
    const text = canonicalJson({ comment: r.comment, score: Number(r.score) });
    if (r.salt)
      row("scores", String(r.id), {
        proposal: String(r.proposal_id),
        actor: r.actor_id,
        c: commitment(r.salt, text),
      });
    else row("scores", `legacy/${r.proposal_id}/${r.actor_id}/${sha256(text)}`, true);
  }
  for (const r of await db.query<{
    negotiation_id: number;
    actor_id: string;
    version: number;
    body: string;
    salt: string | null;
  }>("SELECT negotiation_id, actor_id, version, body, salt FROM private_positions"))
    row("private_positions", `${r.negotiation_id}/${r.actor_id}/${r.version}`, {
      c: r.salt ? commitment(r.salt, r.body) : sha256(r.body),
    });
  for (const r of await db.query<{ negotiation_id: number; version: number; proposal_id: number }>(
    "SELECT negotiation_id, version, proposal_id FROM text_versions",
  ))
    row("text_versions", `${r.negotiation_id}/${r.version}`, { proposalId: r.proposal_id });
  for (const r of await db.query<{
    negotiation_id: number;
    version: number;
    proposal_id: number;
    body: string;
  }>("SELECT negotiation_id, version, proposal_id, body FROM agreements"))
    row("agreements", `${r.negotiation_id}/${r.version}`, {
      proposalId: r.proposal_id,
      digest: sha256(r.body),
    });

  const out: string[] = [];
  for (const table of [
    "users",
    "scenario_versions",
    "negotiations",
    "members",
    "rounds",
    "proposals",
    "scores",
    "private_positions",
    "text_versions",
    "agreements",
  ]) {
    const a = fromLog[table] ?? new Map();
    const b = fromDb[table] ?? new Map();
    for (const [k, v] of b) {
      if (!a.has(k)) out.push(`${table} ${k}: in the table but not in the log (added or its entry deleted)`);
      else if (a.get(k) !== v) out.push(`${table} ${k}: differs from the log (edited)`);
    }
    for (const k of a.keys())
      if (!b.has(k)) out.push(`${table} ${k}: in the log but not in the table (deleted)`);
    if (out.length >= MAX_PROBLEMS) break;
  }
  return out.slice(0, MAX_PROBLEMS);
}

/**
 * A client's check of one kept receipt (or head) against the server's current signed head of the
 * same tree and the consistency proof the server gave from the receipt's size to it (RFC 9162
 * §2.1.4). Returns what is wrong, or null. Pure: the caller fetches `current` and `proof`.
 */
export function checkReceiptAgainstHead(
  r: Partial<AuditReceipt> & { head: SignedHead },
  publicKeyPem: string,
  current: SignedHead,
  proof: readonly string[],
): string | null {
  if (!verifyHead(r.head, publicKeyPem)) return "the receipt's head is not signed by the pinned key";
  if (!receiptHolds(r)) return "the receipt's entry and proof do not match its head";
  if (!verifyHead(current, publicKeyPem)) return "the server's current head is not signed by the pinned key";
  if (current.size < r.head.size) {
    return `the log now has ${current.size} entries, fewer than the ${r.head.size} of the receipt's head (entries deleted)`;
  }
  const ok = verifyConsistency(
    r.head.size,
    current.size,
    fromHex(r.head.root),
    fromHex(current.root),
    proof.map(fromHex),
  );
  return ok ? null : "the server's log does not extend the receipt's head (rewritten, or a split view)";
}

/**
 * A client's check of the entries a server serves for one tree against its signed head: the tree
 * recomputed from the entries' content must give the head, and each kept receipt's entry must be
 * the one served at its position. This is what finds an entry edited inside a kept head's prefix,
 * which a consistency proof alone does not touch. Pure; returns what is wrong.
 */
export function checkServedEntries(
  entries: readonly AuditEntry[],
  head: SignedHead,
  receipts: ReadonlyArray<Partial<AuditReceipt> & { head: SignedHead }>,
): string[] {
  const problems: string[] = [];
  const tree = [...entries].sort((a, b) => a.leafIndex - b.leafIndex);
  let f: Frontier = { size: 0, nodes: [] };
  for (const [i, e] of tree.entries()) {
    if (e.leafIndex !== i) {
      problems.push(
        `tree ${head.tree}: the server serves leaf ${e.leafIndex} where leaf ${i} belongs (missing or reordered)`,
      );
      return problems;
    }
    f = appendLeaf(f, entryLeaf(e)).frontier;
  }
  if (f.size !== head.size || toHex(frontierRoot(f)) !== head.root) {
    problems.push(
      `tree ${head.tree}: the entries the server serves do not give its signed head (an entry was changed)`,
    );
  }
  for (const r of receipts) {
    if (!r.entry || r.head.tree !== head.tree) continue;
    if (
      tree[r.entry.leafIndex]?.hash !== r.entry.hash ||
      entryLeaf(tree[r.entry.leafIndex]!).toString("hex") !== entryLeaf(r.entry).toString("hex")
    )
      problems.push(`tree ${head.tree}: entry ${r.entry.seq} differs from the receipt's`);
  }
  return problems;
}

/** Whether a receipt's entry hashes to itself and its proof puts it in its head (true for a bare head). */
function receiptHolds(r: Partial<AuditReceipt> & { head: SignedHead }): boolean {
  if (!r.entry || !r.proof) return true;
  return (
    auditHash(r.entry.prevHash, chainFields(r.entry)) === r.entry.hash &&
    verifyInclusion(
      leafHash(r.entry.hash),
      r.entry.leafIndex,
      r.head.size,
      r.proof.map(fromHex),
      fromHex(r.head.root),
    )
  );
}
