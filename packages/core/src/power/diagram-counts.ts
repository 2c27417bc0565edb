import type { GameCounts } from "./counts.js";
import type { Diagram } from "./diagram.js";

/**
 * Swing and winning-coalition counts by size from a QOBDD: for the node v of layer k that decides
 * player i, fwd(v) counts the coalitions of the earlier players that reach v (by size) and bwd(u)
 * counts the completions by later players from u that win; i's swings are
 * Σ_v fwd(v) ⊛ (bwd(hi v) − bwd(lo v)) (Bolus 2011, §5). Counts stay in doubles while they cannot
 * exceed 2^53 (n ≤ 52, since every count is at most 2^(n−1)), else in BigInt.
 */
export function diagramCounts(dg: Diagram): GameCounts {
  return dg.n <= 52 ? countsFloat(dg) : countsBig(dg);
}

function countsFloat(dg: Diagram): GameCounts {
  const { n } = dg;
  const stride = n + 1;
  if (n === 0) return { n, swings: [], winning: [dg.root === 1 ? 1n : 0n] };
  // fwd[k]: width[k] × stride; bwd[k] likewise.
  const fwd: Float64Array[] = [];
  fwd[0] = new Float64Array(stride);
  fwd[0][dg.root * stride] = 1;
  for (let k = 0; k < n; k++) {
    const cur = fwd[k]!;
    const next = new Float64Array(dg.width[k + 1]! * stride);
    const lo = dg.lo[k]!;
    const hi = dg.hi[k]!;
    for (let v = 0; v < dg.width[k]!; v++) {
      const base = v * stride;
      const l = lo[v]! * stride;
      const h = hi[v]! * stride + 1;
      for (let a = 0; a <= k; a++) {
        const x = cur[base + a]!;
        if (x === 0) continue;
        next[l + a]! += x;
        next[h + a]! += x;
      }
    }
    fwd[k + 1] = next;
  }
  const bwd: Float64Array[] = [];
  bwd[n] = new Float64Array(2 * stride);
  bwd[n][stride] = 1;
  for (let k = n - 1; k >= 0; k--) {
    const below = bwd[k + 1]!;
    const cur = new Float64Array(dg.width[k]! * stride);
    const lo = dg.lo[k]!;
    const hi = dg.hi[k]!;
    const span = n - k;
    for (let v = 0; v < dg.width[k]!; v++) {
      const base = v * stride;
      const l = lo[v]! * stride;
      const h = hi[v]! * stride;
      for (let b = 0; b < span; b++) {
        cur[base + b]! += below[l + b]!;
        cur[base + b + 1]! += below[h + b]!;
      }
    }
    bwd[k] = cur;
  }
  const swings = Array.from({ length: n }, () => new Array<bigint>(n).fill(0n));
  const acc = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    acc.fill(0);
    const f = fwd[k]!;
    const below = bwd[k + 1]!;
    const lo = dg.lo[k]!;
    const hi = dg.hi[k]!;
    const tail = n - k - 1;
    for (let v = 0; v < dg.width[k]!; v++) {
      if (lo[v] === hi[v]) continue;
      const base = v * stride;
      const l = lo[v]! * stride;
      const h = hi[v]! * stride;
      for (let a = 0; a <= k; a++) {
        const x = f[base + a]!;
        if (x === 0) continue;
        for (let b = 0; b <= tail; b++) acc[a + b]! += x * (below[h + b]! - below[l + b]!);
      }
    }
    const row = swings[dg.order[k]!]!;
    for (let s = 0; s < n; s++) row[s] = BigInt(acc[s]!);
  }
  const winning = Array.from(bwd[0]!.subarray(dg.root * stride, dg.root * stride + stride), (x) => BigInt(x));
  return { n, swings, winning };
}

function countsBig(dg: Diagram): GameCounts {
  const { n } = dg;
  const zeros = (len: number) => new Array<bigint>(len).fill(0n);
  let layer: bigint[][] = [zeros(n + 1)];
  layer = Array.from({ length: dg.width[0]! }, () => zeros(n + 1));
  layer[dg.root]![0] = 1n;
  const fwd: bigint[][][] = [layer];
  for (let k = 0; k < n; k++) {
    const next = Array.from({ length: dg.width[k + 1]! }, () => zeros(n + 1));
    for (let v = 0; v < dg.width[k]!; v++) {
      const x = layer[v]!;
      const l = next[dg.lo[k]![v]!]!;
      const h = next[dg.hi[k]![v]!]!;
      for (let a = 0; a <= k; a++) {
        if (x[a] === 0n) continue;
        l[a]! += x[a]!;
        h[a + 1]! += x[a]!;
      }
    }
    fwd.push(next);
    layer = next;
  }
  const bwd: bigint[][][] = new Array(n + 1);
  bwd[n] = [zeros(n + 1), zeros(n + 1)];
  bwd[n]![1]![0] = 1n;
  for (let k = n - 1; k >= 0; k--) {
    const below = bwd[k + 1]!;
    bwd[k] = Array.from({ length: dg.width[k]! }, (_, v) => {
      const out = zeros(n + 1);
      const l = below[dg.lo[k]![v]!]!;
      const h = below[dg.hi[k]![v]!]!;
      for (let b = 0; b < n - k; b++) {
        out[b]! += l[b]!;
        out[b + 1]! += h[b]!;
      }
      return out;
    });
  }
  const swings = Array.from({ length: n }, () => zeros(n));
  for (let k = 0; k < n; k++) {
    const row = swings[dg.order[k]!]!;
    for (let v = 0; v < dg.width[k]!; v++) {
      if (dg.lo[k]![v] === dg.hi[k]![v]) continue;
      const x = fwd[k]![v]!;
      const l = bwd[k + 1]![dg.lo[k]![v]!]!;
      const h = bwd[k + 1]![dg.hi[k]![v]!]!;
      for (let a = 0; a <= k; a++) {
        if (x[a] === 0n) continue;
        for (let b = 0; b < n - k; b++) row[a + b]! += x[a]! * (h[b]! - l[b]!);
      }
    }
  }
  return { n, swings, winning: bwd[0]![dg.root]! };
}
