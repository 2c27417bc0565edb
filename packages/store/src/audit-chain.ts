import { createHash } from "node:crypto";
import { canonicalJson } from "./canonical-json.js";

/** The hash that precedes the first entry. */
export const GENESIS_HASH = "0".repeat(64);

/** What is hashed for one audit entry: every stored column except the hash itself. */
export interface AuditFields {
  seq: number;
  at: string;
  userId: number | null;
  userName: string;
  action: string;
  subject: string;
  negotiationId: number | null;
  fromVersion: number | null;
  /** Canonical JSON text of the entry's details. */
  payload: string;
}

export interface AuditEntry extends AuditFields {
  prevHash: string;
  hash: string;
  /** The Merkle tree the entry is a leaf of: its negotiation's, or 0 (see audit-log.ts). */
  treeId: number;
  /** Its position in that tree. */
  leafIndex: number;
  /** The signed head of the tree just after this entry (null for entries older than signed heads). */
  treeRoot: string | null;
  headSig: string | null;
}

/** The fields the chain hash covers, picked from a stored entry. */
export function chainFields(e: AuditFields): AuditFields {
  return {
    seq: e.seq,
    at: e.at,
    userId: e.userId,
    userName: e.userName,
    action: e.action,
    subject: e.subject,
    negotiationId: e.negotiationId,
    fromVersion: e.fromVersion,
    payload: e.payload,
  };
}

/**
 * hash_n = SHA-256(hash_{n-1} ‖ canonicalJson(entry_n)), hex. Chaining means a change to any entry
 * changes every later hash, so an edit is found even if the editor recomputes that entry's hash.
 */
export function auditHash(prevHash: string, fields: AuditFields): string {
  return createHash("sha256")
    .update(prevHash)
    .update(canonicalJson({ ...fields }))
    .digest("hex");
}

export type AuditVerdict =
  | { ok: true; checked: number; head: string }
  | { ok: false; checked: number; firstBad: { seq: number; reason: string } };

/**
 * Recomputes the chain over entries in `seq` order and names the first entry that does not
 * match: a gap in the sequence, a broken link to the previous hash, a payload that is not in
 * canonical form, or a hash that differs from the recomputed one.
 */
export function verifyChain(entries: Iterable<AuditEntry>): AuditVerdict {
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  let checked = 0;
  for (const e of entries) {
    const bad = (reason: string): AuditVerdict => ({ ok: false, checked, firstBad: { seq: e.seq, reason } });
    if (e.seq !== expectedSeq)
      return bad(`expected entry ${expectedSeq} here, found ${e.seq} (missing or reordered)`);
    if (e.prevHash !== prev) return bad("its previous-hash link does not match the entry before it");
    let canonical: string;
    try {
      canonical = canonicalJson(JSON.parse(e.payload));
    } catch {
      return bad("its payload is not valid JSON");
    }
    if (canonical !== e.payload) return bad("its payload is not in canonical form");
    if (auditHash(prev, chainFields(e)) !== e.hash) return bad("its content does not match its hash");
    prev = e.hash;
    expectedSeq++;
    checked++;
  }
  return { ok: true, checked, head: prev };
}
