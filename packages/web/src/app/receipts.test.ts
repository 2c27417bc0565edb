import { consistencyProof, inclusionProof, leafHash, rootOf, toHex } from "@entente/store";
import { describe, expect, it } from "vitest";
import { consistent, included } from "./receipts.js";

// The browser's RFC 9162 checks (WebCrypto SHA-256) against the store's proofs (node:crypto), for
// every tree size up to 20 and every prefix and leaf: the independent implementation must agree.
const leaves = Array.from({ length: 20 }, (_, i) => leafHash(`entry ${i}`));

describe("receipt checks in the browser", () => {
  it("accept every consistency proof the store makes, and refuse a wrong root", async () => {
    for (let n = 1; n <= leaves.length; n++)
      for (let m = 1; m <= n; m++) {
        const proof = consistencyProof(leaves, m, n).map(toHex);
        const r1 = toHex(rootOf(leaves.slice(0, m)));
        const r2 = toHex(rootOf(leaves.slice(0, n)));
        expect(await consistent(m, n, r1, r2, proof), `${m}→${n}`).toBe(true);
        if (m < n) expect(await consistent(m, n, r2, r2, proof), `${m}→${n} forged`).toBe(false);
      }
  });

  it("accept every inclusion proof the store makes, and refuse another leaf", async () => {
    for (let n = 1; n <= leaves.length; n++)
      for (let i = 0; i < n; i++) {
        const proof = inclusionProof(leaves, i, n).map(toHex);
        const root = toHex(rootOf(leaves.slice(0, n)));
        expect(await included(new Uint8Array(leaves[i]!), i, n, root, proof)).toBe(true);
        if (n > 1)
          expect(await included(new Uint8Array(leaves[(i + 1) % n]!), i, n, root, proof)).toBe(false);
      }
  });
});
