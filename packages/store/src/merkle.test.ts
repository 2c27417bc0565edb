import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  appendLeaf,
  consistencyProof,
  EMPTY_ROOT,
  type Frontier,
  frontierRoot,
  type Hash,
  inclusionProof,
  leafHash,
  rootOf,
  toHex,
  verifyConsistency,
  verifyInclusion,
} from "./merkle.js";

// The RFC 6962 test vectors as published by transparency-dev/merkle (testonly/constants.go): eight
// leaves, the tree head for every size 1..8, and inclusion proofs of leaves 0 and 5 in the tree of 8.
const DATA = [
  "",
  "00",
  "10",
  "2021",
  "3031",
  "40414243",
  "5051525354555657",
  "606162636465666768696a6b6c6d6e6f",
];
const ROOTS = [
  "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
  "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
  "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
  "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
  "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
  "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
  "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
  "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
];
const LEAVES = DATA.map((h) => leafHash(Buffer.from(h, "hex")));

/** MTH straight from RFC 9162 §2.1.1's recursive definition, as the independent reference. */
function mth(d: readonly Hash[]): Hash {
  if (d.length === 0) return createHash("sha256").digest();
  if (d.length === 1) return d[0]!;
  let k = 1;
  while (k * 2 < d.length) k *= 2;
  return createHash("sha256")
    .update(Buffer.of(1))
    .update(mth(d.slice(0, k)))
    .update(mth(d.slice(k)))
    .digest();
}

const many = Array.from({ length: 40 }, (_, i) => leafHash(`entry ${i}`));

describe("the Merkle tree (RFC 9162)", () => {
  it("gives the published tree heads for every size", () => {
    expect(toHex(rootOf([]))).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    for (let n = 1; n <= 8; n++) expect(toHex(rootOf(LEAVES.slice(0, n))), `size ${n}`).toBe(ROOTS[n - 1]);
  });

  it("gives the published inclusion proofs", () => {
    expect(inclusionProof(LEAVES, 0).map(toHex)).toEqual([
      "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
      "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
      "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
    ]);
    expect(inclusionProof(LEAVES, 5).map(toHex)).toEqual([
      "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
      "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
      "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    ]);
  });

  it("agrees with the recursive definition, and the frontier with both, for every size up to 40", () => {
    let f: Frontier = { size: 0, nodes: [] };
    expect(frontierRoot(f).equals(EMPTY_ROOT)).toBe(true);
    for (let n = 1; n <= many.length; n++) {
      const tree = many.slice(0, n);
      expect(rootOf(tree).equals(mth(tree))).toBe(true);
      const step = appendLeaf(f, many[n - 1]!);
      f = step.frontier;
      expect(frontierRoot(f).equals(mth(tree)), `frontier head at ${n}`).toBe(true);
      // The newest leaf's proof from the frontier is RFC 9162's PATH(n − 1, D[n]).
      expect(step.proof.map(toHex)).toEqual(inclusionProof(tree, n - 1).map(toHex));
    }
  });

  it("verifies every inclusion proof in every tree size, and refuses a wrong leaf, index or root", () => {
    for (let n = 1; n <= 24; n++) {
      const tree = many.slice(0, n);
      const root = rootOf(tree);
      for (let m = 0; m < n; m++) {
        const p = inclusionProof(tree, m);
        expect(verifyInclusion(tree[m]!, m, n, p, root), `${m} in ${n}`).toBe(true);
        expect(verifyInclusion(many[39]!, m, n, p, root)).toBe(false);
        if (n > 1) expect(verifyInclusion(tree[m]!, (m + 1) % n, n, p, root)).toBe(false);
        expect(verifyInclusion(tree[m]!, m, n, p, rootOf(many.slice(0, n + 1)))).toBe(false);
      }
    }
  });

  it("verifies every consistency proof between sizes, and refuses one between different histories", () => {
    const forked = [...many.slice(0, 5), leafHash("forged"), ...many.slice(6)];
    for (let n = 1; n <= 24; n++) {
      for (let m = 1; m <= n; m++) {
        const p = consistencyProof(many, m, n);
        const r1 = rootOf(many.slice(0, m));
        const r2 = rootOf(many.slice(0, n));
        expect(verifyConsistency(m, n, r1, r2, p), `${m} → ${n}`).toBe(true);
        const forkedRoot = rootOf(forked.slice(0, n));
        const p2 = consistencyProof(forked, m, n);
        // Leaf 5 was replaced: a head that includes it cannot be proved a prefix of the forked tree;
        // one from before it still can (the fork left that prefix alone).
        if (n > 5) expect(verifyConsistency(m, n, r1, forkedRoot, p2), `fork ${m} → ${n}`).toBe(m <= 5);
      }
    }
  });
});
