import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  sign,
  verify,
} from "node:crypto";
import { type AuditEntry, type AuditFields, auditHash, chainFields, GENESIS_HASH } from "./audit-chain.js";
import { canonicalJson } from "./canonical-json.js";
import { appendLeaf, type Frontier, fromHex, frontierRoot, leafHash, toHex } from "./merkle.js";
import type { SqlQueryable } from "./sql-client.js";

/**
 * The signed Merkle log over the audit entries (in the manner of Certificate Transparency, RFC 9162):
 * every entry is also a leaf of its negotiation's tree (tree 0 holds the platform's own entries),
 * and after each entry the server signs the new tree head with an Ed25519 key kept outside the
 * database. A write's receipt is the entry, the signed head and the entry's inclusion proof.
 */

/** Signs tree heads. The private key never enters the database. */
export interface AuditSigner {
  /** First 16 hex digits of SHA-256 over the public key (SPKI DER). */
  keyId: string;
  /** The public key, PEM (SPKI): what verifiers pin. */
  publicKeyPem: string;
  sign(message: string): string;
}

/** A tree head as signed by the server. */
export interface SignedHead {
  tree: number;
  size: number;
  /** MTH of the tree's first `size` leaves, hex. */
  root: string;
  keyId: string;
  /** Ed25519 signature over {@link headMessage}, base64. */
  signature: string;
}

/** What a write returns: its entry, the head after it, and the proof that the entry is in that head. */
export interface AuditReceipt {
  entry: AuditEntry;
  head: SignedHead;
  /** RFC 9162 inclusion proof of leaf `entry.leafIndex` in the tree of `head.size`, hex. */
  proof: string[];
  publicKey: string;
  /**
   * For a confidential body: the random salt of its commitment (hex). Only the lodger gets it; with
   * it, the lodger can later prove what it lodged, and without it nobody can test guesses.
   */
  salt?: string;
}

/** The exact bytes a head signature covers. */
export function headMessage(tree: number, size: number, root: string): string {
  return canonicalJson({ log: "entente-audit/1", root, size, tree });
}

/**
 * A leaf's data is its entry's chain hash recomputed from the entry's content (see `auditHash`),
 * never the stored hash column: an edited entry changes its leaf whatever its stored hash says.
 */
export const entryLeaf = (e: AuditFields & { prevHash: string }) =>
  leafHash(auditHash(e.prevHash, chainFields(e)));

/** The tree an entry belongs to: its negotiation's, or tree 0 for platform entries. */
export const treeOf = (negotiationId: number | null) => negotiationId ?? 0;

/** A signer over an Ed25519 private key (PEM, PKCS#8). */
export function signerFromPem(privateKeyPem: string): AuditSigner {
  const key = createPrivateKey(privateKeyPem);
  if (key.asymmetricKeyType !== "ed25519") throw new Error("the audit key must be an Ed25519 private key");
  const pub = createPublicKey(key);
  return {
    keyId: keyIdOf(pub),
    publicKeyPem: pub.export({ type: "spki", format: "pem" }).toString(),
    sign: (m) => sign(null, Buffer.from(m), key).toString("base64"),
  };
}

/** A fresh Ed25519 key pair as PEM (PKCS#8 private key). */
export function generateAuditKeyPem(): string {
  return generateKeyPairSync("ed25519").privateKey.export({ type: "pkcs8", format: "pem" }).toString();
}

function keyIdOf(pub: KeyObject): string {
  return createHash("sha256")
    .update(pub.export({ type: "spki", format: "der" }))
    .digest("hex")
    .slice(0, 16);
}

/** The key id of a PEM public key. */
export const publicKeyId = (pem: string): string => keyIdOf(createPublicKey(pem));

/** Checks a head's Ed25519 signature against a pinned public key (PEM). */
export function verifyHead(head: SignedHead, publicKeyPem: string): boolean {
  try {
    return verify(
      null,
      Buffer.from(headMessage(head.tree, head.size, head.root)),
      createPublicKey(publicKeyPem),
      Buffer.from(head.signature, "base64"),
    );
  } catch {
    return false;
  }
}

/** What a write hands the appender: the entry's fields before its position is known. */
export type AuditInput = Omit<AuditFields, "seq">;

/** Writes one entry as a row of `audit_log` (nothing is checked: the appender computes it). */
export async function insertAuditRow(q: SqlQueryable, e: AuditEntry): Promise<void> {
  await q.query(
    `INSERT INTO audit_log (seq, at, user_id, user_name, action, subject, negotiation_id, from_version, payload,
       prev_hash, hash, tree_id, leaf_index, tree_root, head_sig)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15)`,
    [
      e.seq,
      e.at,
      e.userId,
      e.userName,
      e.action,
      e.subject,
      e.negotiationId,
      e.fromVersion,
      e.payload,
      e.prevHash,
      e.hash,
      e.treeId,
      e.leafIndex,
      e.treeRoot,
      e.headSig,
    ],
  );
}

/**
 * Appends entries inside one transaction that holds the audit_log lock: extends the global hash
 * chain and each entry's tree, signs each new head, and on `flush` saves the trees' frontiers.
 */
export class AuditAppender {
  private readonly frontiers = new Map<number, Frontier>();
  private readonly dirty = new Set<number>();

  private constructor(
    private readonly tx: SqlQueryable,
    private readonly signer: AuditSigner,
    private head: { seq: number; hash: string },
  ) {}

  /** Reads the chain's head; the caller's transaction must already hold the audit_log lock. */
  static async open(tx: SqlQueryable, signer: AuditSigner): Promise<AuditAppender> {
    const last = await tx.query<{ seq: number; hash: string }>(
      "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1",
    );
    const head = last[0] ? { seq: Number(last[0].seq), hash: last[0].hash } : { seq: 0, hash: GENESIS_HASH };
    return new AuditAppender(tx, signer, head);
  }

  private async frontier(tree: number): Promise<Frontier> {
    const hit = this.frontiers.get(tree);
    if (hit) return hit;
    const [row] = await this.tx.query<{ size: number; frontier: string }>(
      "SELECT size, frontier FROM audit_trees WHERE tree_id = $1",
      [tree],
    );
    let f: Frontier;
    if (row) f = { size: Number(row.size), nodes: (JSON.parse(row.frontier) as string[]).map(fromHex) };
    else {
      // First entry of this tree since the trees were introduced: build it from the stored leaves.
      f = { size: 0, nodes: [] };
      for (const e of await treeEntries(this.tx, tree)) f = appendLeaf(f, entryLeaf(e)).frontier;
    }
    this.frontiers.set(tree, f);
    return f;
  }

  /** Appends one entry; returns its receipt (without salt). */
  async append(input: AuditInput): Promise<AuditReceipt> {
    const fields: AuditFields = { seq: this.head.seq + 1, ...input };
    const hash = auditHash(this.head.hash, fields);
    const tree = treeOf(fields.negotiationId);
    const before = await this.frontier(tree);
    const { frontier, proof } = appendLeaf(before, leafHash(hash));
    const root = toHex(frontierRoot(frontier));
    const signature = this.signer.sign(headMessage(tree, frontier.size, root));
    const entry: AuditEntry = {
      ...fields,
      prevHash: this.head.hash,
      hash,
      treeId: tree,
      leafIndex: before.size,
      treeRoot: root,
      headSig: signature,
    };
    await insertAuditRow(this.tx, entry);
    this.head = { seq: fields.seq, hash };
    this.frontiers.set(tree, frontier);
    this.dirty.add(tree);
    return {
      entry,
      head: { tree, size: frontier.size, root, keyId: this.signer.keyId, signature },
      proof: proof.map(toHex),
      publicKey: this.signer.publicKeyPem,
    };
  }

  /** Saves the frontier of every tree this appender extended (same transaction). */
  async flush(): Promise<void> {
    for (const tree of this.dirty) {
      const f = this.frontiers.get(tree)!;
      await this.tx.query(
        `INSERT INTO audit_trees (tree_id, size, frontier) VALUES ($1,$2,$3)
         ON CONFLICT (tree_id) DO UPDATE SET size = EXCLUDED.size, frontier = EXCLUDED.frontier`,
        [tree, f.size, JSON.stringify(f.nodes.map(toHex))],
      );
    }
    this.dirty.clear();
  }
}

/** SHA-256(salt ‖ text), hex: a commitment to a confidential body that only the salt's holder can open. */
export function commitment(saltHex: string, text: string): string {
  return createHash("sha256").update(Buffer.from(saltHex, "hex")).update(text).digest("hex");
}

/** The entries of one tree in leaf order (optionally its first `size`). */
export async function treeEntries(q: SqlQueryable, tree: number, size?: number): Promise<AuditEntry[]> {
  const rows = await q.query<Record<string, unknown>>(
    `SELECT seq, at, user_id, user_name, action, subject, negotiation_id, from_version, payload, prev_hash, hash,
            tree_id, leaf_index, tree_root, head_sig
     FROM audit_log WHERE tree_id = $1 AND ($2::int IS NULL OR leaf_index < $2) ORDER BY leaf_index`,
    [tree, size ?? null],
  );
  return rows.map((r) => ({
    seq: Number(r.seq),
    at: r.at as string,
    userId: r.user_id as number | null,
    userName: r.user_name as string,
    action: r.action as string,
    subject: r.subject as string,
    negotiationId: r.negotiation_id as number | null,
    fromVersion: r.from_version as number | null,
    payload: r.payload as string,
    prevHash: r.prev_hash as string,
    hash: r.hash as string,
    treeId: Number(r.tree_id),
    leafIndex: Number(r.leaf_index),
    treeRoot: r.tree_root as string | null,
    headSig: r.head_sig as string | null,
  }));
}
