import { drawRng } from "./random.js";

/** Folds 0..k−1 for n cases: a seeded shuffle dealt round-robin. */
export function foldsOf(n: number, k: number, seed: number): Int32Array {
  const order = Array.from({ length: n }, (_, i) => i);
  const rng = drawRng(seed, 0);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const fold = new Int32Array(n);
  order.forEach((c, r) => {
    fold[c] = r % k;
  });
  return fold;
}
