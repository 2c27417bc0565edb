import type { Diagram } from "./diagram.js";
import { PowerError } from "./errors.js";

/**
 * A family of coalitions as a diagram over the same player order: a path from the root to terminal 1
 * picks, at each layer, whether that player is in the coalition. Built for the minimal winning and
 * minimal blocking coalitions.
 */
export type FamilyDiagram = Diagram;

/**
 * The minimal winning coalitions of a monotone game (or, with `blocking`, its minimal blocking
 * coalitions: B blocks when the players outside B cannot win), as a family diagram, by Coudert's
 * recursion (Coudert 1997, "Solving graph optimization problems with ZBDDs"): with f = x·f1 + x̄·f0,
 * Min(f) = Min(f0) ∪ x·{T ∈ Min(f1) : f0(T) = 0}. No coalition is enumerated.
 */
export function minimalFamily(dg: Diagram, blocking = false, maxNodes = 2_000_000): FamilyDiagram {
  const { n } = dg;
  // The blocking function b(B) = ¬f(N∖B): swap each node's children and negate the terminals.
  const fLo = (k: number, v: number) => (blocking ? dg.hi[k]![v]! : dg.lo[k]![v]!);
  const fHi = (k: number, v: number) => (blocking ? dg.lo[k]![v]! : dg.hi[k]![v]!);
  const terminalTrue = (v: number) => (blocking ? v === 0 : v === 1);
  if (n === 0) return { n, order: [], lo: [], hi: [], width: [2], root: terminalTrue(dg.root) ? 1 : 0 };

  // Constant sub-functions prune the recursion: Without(Z, false) = Z and Without(Z, true) = ∅.
  const constant: Int8Array[] = new Array(n + 1); // 0 false, 1 true, -1 neither
  constant[n] = Int8Array.of(terminalTrue(0) ? 1 : 0, terminalTrue(1) ? 1 : 0);
  for (let k = n - 1; k >= 0; k--) {
    const c = new Int8Array(dg.width[k]!);
    for (let v = 0; v < c.length; v++) {
      const a = constant[k + 1]![fLo(k, v)]!;
      c[v] = a === constant[k + 1]![fHi(k, v)]! ? a : -1;
    }
    constant[k] = c;
  }

  const lo: number[][] = Array.from({ length: n }, () => []);
  const hi: number[][] = Array.from({ length: n }, () => []);
  const unique: Array<Map<number, number>> = Array.from({ length: n }, () => new Map());
  let nodes = 0;
  const mk = (k: number, l: number, h: number): number => {
    const key = l * 67_108_864 + h;
    let id = unique[k]!.get(key);
    if (id === undefined) {
      if (++nodes > maxNodes)
        throw new PowerError(
          "too_many_players",
          `the minimal coalitions need more than ${maxNodes} diagram nodes; they are reported as not computed`,
        );
      id = lo[k]!.length;
      lo[k]!.push(l);
      hi[k]!.push(h);
      unique[k]!.set(key, id);
    }
    return id;
  };
  const empty: number[] = new Array(n + 1);
  empty[n] = 0;
  for (let k = n - 1; k >= 0; k--) empty[k] = mk(k, empty[k + 1]!, empty[k + 1]!);

  const minMemo: Array<Map<number, number>> = Array.from({ length: n }, () => new Map());
  const withoutMemo: Array<Map<number, number>> = Array.from({ length: n }, () => new Map());

  // Sets of family z (layer k) that the function g (layer k) rejects.
  const without = (k: number, z: number, g: number): number => {
    if (z === empty[k]) return z;
    const c = constant[k]![g]!;
    if (c === 0) return z;
    if (c === 1) return empty[k]!;
    if (k === n) return z; // unreachable: terminal g is constant
    const key = z * 67_108_864 + g;
    const memo = withoutMemo[k]!.get(key);
    if (memo !== undefined) return memo;
    const r = mk(k, without(k + 1, lo[k]![z]!, fLo(k, g)), without(k + 1, hi[k]![z]!, fHi(k, g)));
    withoutMemo[k]!.set(key, r);
    return r;
  };
  const min = (k: number, f: number): number => {
    if (k === n) return terminalTrue(f) ? 1 : 0;
    const c = constant[k]![f]!;
    if (c === 0) return empty[k]!;
    const memo = minMemo[k]!.get(f);
    if (memo !== undefined) return memo;
    const f0 = fLo(k, f);
    const r = mk(k, min(k + 1, f0), without(k + 1, min(k + 1, fHi(k, f)), f0));
    minMemo[k]!.set(f, r);
    return r;
  };
  const root = min(0, dg.root);
  return {
    n,
    order: dg.order,
    lo: lo.map((xs) => Int32Array.from(xs)),
    hi: hi.map((xs) => Int32Array.from(xs)),
    width: [...lo.map((xs) => xs.length), 2],
    root,
  };
}

/** Sizes and memberships of a family: how many sets of each size, and how many contain each player. */
export interface FamilyCounts {
  /** bySize[s]: sets of size s. */
  bySize: bigint[];
  /** containing[i][s]: sets of size s that contain player i. */
  containing: bigint[][];
  total: bigint;
}

/** Counts a family diagram's sets by size and by member (forward × backward path counts). */
export function familyCounts(fd: FamilyDiagram): FamilyCounts {
  const { n } = fd;
  const zeros = () => new Array<bigint>(n + 1).fill(0n);
  if (n === 0) {
    const bySize = [fd.root === 1 ? 1n : 0n];
    return { bySize, containing: [], total: bySize[0]! };
  }
  const fwd: bigint[][][] = [Array.from({ length: fd.width[0]! }, zeros)];
  fwd[0]![fd.root]![0] = 1n;
  for (let k = 0; k < n; k++) {
    const next = Array.from({ length: fd.width[k + 1]! }, zeros);
    fwd[k]!.forEach((x, v) => {
      const l = next[fd.lo[k]![v]!]!;
      const h = next[fd.hi[k]![v]!]!;
      for (let a = 0; a <= k; a++) {
        if (x[a] === 0n) continue;
        l[a]! += x[a]!;
        h[a + 1]! += x[a]!;
      }
    });
    fwd.push(next);
  }
  const bwd: bigint[][][] = new Array(n + 1);
  bwd[n] = [zeros(), zeros()];
  bwd[n]![1]![0] = 1n;
  for (let k = n - 1; k >= 0; k--) {
    bwd[k] = Array.from({ length: fd.width[k]! }, (_, v) => {
      const out = zeros();
      const l = bwd[k + 1]![fd.lo[k]![v]!]!;
      const h = bwd[k + 1]![fd.hi[k]![v]!]!;
      for (let b = 0; b < n - k; b++) {
        out[b]! += l[b]!;
        out[b + 1]! += h[b]!;
      }
      return out;
    });
  }
  const containing = Array.from({ length: n }, zeros);
  for (let k = 0; k < n; k++) {
    const row = containing[fd.order[k]!]!;
    fwd[k]!.forEach((x, v) => {
      const h = bwd[k + 1]![fd.hi[k]![v]!]!;
      for (let a = 0; a <= k; a++) {
        if (x[a] === 0n) continue;
        for (let b = 0; b < n - k; b++) if (h[b] !== 0n) row[a + b + 1]! += x[a]! * h[b]!;
      }
    });
  }
  const bySize = bwd[0]![fd.root]!;
  return { bySize, containing, total: bySize.reduce((a, b) => a + b, 0n) };
}

/** The sets of a family as sorted lists of player indices, or undefined when there are more than `limit`. */
export function listFamily(fd: FamilyDiagram, limit: number): number[][] | undefined {
  const out: number[][] = [];
  const current: number[] = [];
  let overflow = false;
  // A node is live when some path from it reaches terminal 1.
  const live: Uint8Array[] = new Array(fd.n + 1);
  live[fd.n] = Uint8Array.of(0, 1);
  for (let k = fd.n - 1; k >= 0; k--) {
    live[k] = Uint8Array.from(
      { length: fd.width[k]! },
      (_, v) => live[k + 1]![fd.lo[k]![v]!]! | live[k + 1]![fd.hi[k]![v]!]!,
    );
  }
  const walk = (k: number, v: number) => {
    if (overflow || !live[k]![v]) return;
    if (k === fd.n) {
      if (out.length >= limit) overflow = true;
      else out.push([...current].sort((a, b) => a - b));
      return;
    }
    walk(k + 1, fd.lo[k]![v]!);
    current.push(fd.order[k]!);
    walk(k + 1, fd.hi[k]![v]!);
    current.pop();
  };
  walk(0, fd.root);
  // Smaller coalitions first, then by player index, so listings read the same whatever the order of layers.
  out.sort((a, b) => a.length - b.length || a.join().localeCompare(b.join(), "en", { numeric: true }));
  return overflow ? undefined : out;
}
