import { createHash } from "node:crypto";

/**
 * The Merkle tree of Certificate Transparency (RFC 9162, section 2.1; the same hashing as RFC 6962):
 * tree heads, inclusion proofs and consistency proofs over a list of leaf hashes, and their
 * verification. Pure: no I/O, no clock; hashes are 32-byte Buffers.
 */
export type Hash = Buffer;

/** MTH({}) = SHA-256() — the head of an empty tree. */
export const EMPTY_ROOT: Hash = createHash("sha256").digest();

/** The hash of a leaf's data: SHA-256(0x00 ‖ d) (RFC 9162 §2.1.1). */
export function leafHash(data: Uint8Array | string): Hash {
  return createHash("sha256").update(Buffer.of(0)).update(data).digest();
}

/** The hash of an interior node: SHA-256(0x01 ‖ left ‖ right) (RFC 9162 §2.1.1). */
export function nodeHash(left: Hash, right: Hash): Hash {
  return createHash("sha256").update(Buffer.of(1)).update(left).update(right).digest();
}

/** The largest power of two smaller than n (n ≥ 2): where RFC 9162 splits a tree of n leaves. */
function split(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** MTH(D[lo:hi]) over leaf hashes (RFC 9162 §2.1.1), iteratively by levels. */
export function rootOf(leaves: readonly Hash[], lo = 0, hi = leaves.length): Hash {
  if (hi <= lo) return EMPTY_ROOT;
  // Pairing adjacent nodes level by level and carrying an odd last node up unchanged gives the same
  // tree as the recursive split at the largest power of two (the left part is always perfect).
  let level = leaves.slice(lo, hi);
  while (level.length > 1) {
    const next: Hash[] = [];
    for (let i = 0; i + 1 < level.length; i += 2) next.push(nodeHash(level[i]!, level[i + 1]!));
    if (level.length % 2 === 1) next.push(level[level.length - 1]!);
    level = next;
  }
  return level[0]!;
}

/** PATH(m, D[0:n]): the inclusion proof of leaf m in the tree of its first n leaves (RFC 9162 §2.1.3.1). */
export function inclusionProof(leaves: readonly Hash[], m: number, n = leaves.length): Hash[] {
  if (!(m >= 0 && m < n && n <= leaves.length)) throw new RangeError(`no leaf ${m} in a tree of ${n}`);
  const path = (m: number, lo: number, hi: number): Hash[] => {
    if (hi - lo === 1) return [];
    const k = split(hi - lo);
    return m < k
      ? [...path(m, lo, lo + k), rootOf(leaves, lo + k, hi)]
      : [...path(m - k, lo + k, hi), rootOf(leaves, lo, lo + k)];
  };
  return path(m, 0, n);
}

/** PROOF(m, D[0:n]): the consistency proof between the trees of sizes m and n (RFC 9162 §2.1.4.1). */
export function consistencyProof(leaves: readonly Hash[], m: number, n = leaves.length): Hash[] {
  if (!(m >= 0 && m <= n && n <= leaves.length)) throw new RangeError(`no consistency from ${m} to ${n}`);
  if (m === 0 || m === n) return [];
  const sub = (m: number, lo: number, hi: number, b: boolean): Hash[] => {
    if (m === hi - lo) return b ? [] : [rootOf(leaves, lo, hi)];
    const k = split(hi - lo);
    return m <= k
      ? [...sub(m, lo, lo + k, b), rootOf(leaves, lo + k, hi)]
      : [...sub(m - k, lo + k, hi, false), rootOf(leaves, lo, lo + k)];
  };
  return sub(m, 0, n, true);
}

/** Verifies an inclusion proof: the algorithm of RFC 9162 §2.1.3.2. */
export function verifyInclusion(
  leaf: Hash,
  index: number,
  size: number,
  proof: readonly Hash[],
  root: Hash,
): boolean {
  if (!(index >= 0 && index < size)) return false;
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else r = nodeHash(r, p);
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && r.equals(root);
}

/** Verifies a consistency proof between two heads: the algorithm of RFC 9162 §2.1.4.2. */
export function verifyConsistency(
  size1: number,
  size2: number,
  root1: Hash,
  root2: Hash,
  proof: readonly Hash[],
): boolean {
  if (size1 < 0 || size2 < size1) return false;
  if (size1 === size2) return proof.length === 0 && root1.equals(root2);
  if (size1 === 0) return proof.length === 0;
  if (proof.length === 0) return false;
  const path = (size1 & (size1 - 1)) === 0 ? [root1, ...proof] : [...proof];
  let fn = size1 - 1;
  let sn = size2 - 1;
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  let fr = path[0]!;
  let sr = path[0]!;
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else sr = nodeHash(sr, c);
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && fr.equals(root1) && sr.equals(root2);
}

/**
 * The right edge of a tree: the heads of its perfect subtrees, largest first (one per 1-bit of the
 * size). Enough to append a leaf and to compute the new head in O(log n) without the leaves.
 */
export interface Frontier {
  size: number;
  nodes: Hash[];
}

/** Appends one leaf; returns the new frontier and the leaf's inclusion proof in the new tree. */
export function appendLeaf(f: Frontier, leaf: Hash): { frontier: Frontier; proof: Hash[] } {
  // The audit path of the newest leaf is the old frontier read right to left (RFC 9162's PATH with
  // m = n − 1 always takes the right branch, whose siblings are the perfect subtrees to its left).
  const proof = [...f.nodes].reverse();
  const nodes = [...f.nodes, leaf];
  let size = f.size;
  // Merge equal-sized perfect subtrees, as a binary counter carries.
  while (size % 2 === 1) {
    const right = nodes.pop()!;
    const left = nodes.pop()!;
    nodes.push(nodeHash(left, right));
    size = Math.floor(size / 2);
  }
  return { frontier: { size: f.size + 1, nodes }, proof };
}

/** The tree head of a frontier. */
export function frontierRoot(f: Frontier): Hash {
  if (f.nodes.length === 0) return EMPTY_ROOT;
  let r = f.nodes[f.nodes.length - 1]!;
  for (let i = f.nodes.length - 2; i >= 0; i--) r = nodeHash(f.nodes[i]!, r);
  return r;
}

/** Hex form of a hash (receipts and the API carry hex). */
export const toHex = (h: Hash): string => h.toString("hex");
/** A hash from its hex form. */
export const fromHex = (s: string): Hash => Buffer.from(s, "hex");
