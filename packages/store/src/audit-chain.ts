import { createHash } from "node:crypto";
import { canonicalJson } from "./canonical-json.js";
import type { SqlQueryable } from "./sql-client.js";

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
    const { prevHash: _p, hash, ...fields } = e;
    if (auditHash(prev, fields) !== hash) return bad("its content does not match its hash");
    prev = hash;
    expectedSeq++;
    checked++;
  }
  return { ok: true, checked, head: prev };
}

/**
 * Writes one entry after `prevHash` inside the caller's transaction (which must hold the audit_log
 * lock and have read the head): the only place an entry's hash is computed and stored, for the store
 * and for the monitoring log alike.
 */
export async function insertAuditEntry(
  tx: SqlQueryable,
  prevHash: string,
  fields: AuditFields,
): Promise<{ seq: number; hash: string }> {
  const hash = auditHash(prevHash, fields);
  await tx.query(
    `INSERT INTO audit_log (seq, at, user_id, user_name, action, subject, negotiation_id, from_version, payload, prev_hash, hash)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)`,
    [
      fields.seq,
      fields.at,
      fields.userId,
      fields.userName,
      fields.action,
      fields.subject,
      fields.negotiationId,
      fields.fromVersion,
      fields.payload,
      prevHash,
      hash,
    ],
  );
  return { seq: fields.seq, hash };
}
