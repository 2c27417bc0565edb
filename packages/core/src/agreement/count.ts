import { bottomTable } from "./bottom-table.js";
import { countTwoActors } from "./count-two.js";
import { marginalCounts } from "./marginal-counts.js";
import { type Prepared, toPackage } from "./prepare.js";
import { singleActorSuffix } from "./single-actor-suffix.js";
import { UTILITY_EPS } from "./space.js";
import { feasibilitySurrogate } from "./surrogate.js";

export interface CountOptions {
  /** Search nodes allowed across all passes; past it the answer is a proven interval. @default 20_000_000 */
  nodeBudget?: number;
  /** How many acceptable packages to return as a sample. @default 5 */
  sample?: number;
  /** Seeded PRNG for the sample (uniform over the acceptable packages found); none → the first found. */
  rand?: () => number;
  /** Skip the two-actor meet-in-the-middle count (used internally to draw its sample). */
  noMeetInMiddle?: boolean;
  /** Largest number of completions listed in the meet-in-the-middle table of the last issues. @default 40_000 */
  tableSize?: number;
}

interface Sampled {
  key: number;
  picks: Int32Array;
  /** Depth from which the sample may be completed at random (I: already complete). */
  depth: number;
}

/** How many packages every actor can accept: exact, or a proven interval. */
export interface CountResult {
  exact: boolean;
  /** Proven: at least this many packages are acceptable to all. */
  lower: number;
  /** Proven: at most this many. Equal to `lower` when exact. */
  upper: number;
  /** Packages in the space (before red lines). */
  total: number;
  /** Issues fixed in the deepest completed pass; below it, subtrees were bounded, not searched. */
  depth: number;
  nodes: number;
  /** Some acceptable packages, in the space's issue/option order. */
  sample: number[][];
}

/**
 * Counts acceptable packages by branch and bound with interval reasoning. A partial package is
 * discarded when some actor cannot reach its threshold even with its best remaining options (or a
 * surrogate constraint Σλ_a(u_a − t_a) ≥ 0 fails), and counted whole — all its completions, without
 * visiting them — when every actor reaches its threshold even with its worst remaining options.
 * Passes deepen one issue at a time (iterative deepening); at the depth limit an undecided partial
 * package contributes proven bounds: at most the fewest completions any single actor accepts, and at
 * least Σ_a accepted_a − (A−1)·completions (Bonferroni), both from per-actor rounding DPs.
 * The last pass that fits the node budget gives the answer; it is exact when nothing was undecided.
 */
export function countAcceptable(p: Prepared, options: CountOptions = {}): CountResult {
  // One or two actors: exact by meet in the middle; the search below only draws the sample.
  if (p.A <= 2 && !options.noMeetInMiddle) {
    const exact = countTwoActors(p);
    if (exact !== null) {
      let total = 1;
      for (const iss of p.space.issues) total *= iss.options.length;
      if ((options.sample ?? 5) === 0)
        return { exact: true, lower: exact, upper: exact, total, depth: p.I, nodes: 0, sample: [] };
      const r = countAcceptable(p, {
        ...options,
        noMeetInMiddle: true,
        nodeBudget: Math.min(options.nodeBudget ?? 200_000, 200_000),
      });
      return { ...r, exact: true, lower: exact, upper: exact, depth: p.I };
    }
  }
  const { A, I } = p;
  const budget = options.nodeBudget ?? 20_000_000;
  const want = options.sample ?? 5;
  let total = 1;
  for (const iss of p.space.issues) total *= iss.options.length;
  const none: CountResult = { exact: true, lower: 0, upper: 0, total, depth: I, nodes: 0, sample: [] };
  if (p.blocked) return none;
  const feas = feasibilitySurrogate(p);
  if (feas.suffix[0]! - feas.wt < -UTILITY_EPS) return none;
  const rows: Float64Array[] = [];
  for (let a = 0; a < A; a++) rows.push(new Float64Array(A).fill(0, 0, A).map((_, b) => (a === b ? 1 : 0)));
  rows.push(feas.w);
  // The rounding DPs are only needed if a pass stops at a depth limit; build them on first use.
  let mcCache: ReturnType<typeof marginalCounts> | null = null;
  const mcOf = () => {
    mcCache ??= marginalCounts(p, rows, 4096);
    return mcCache;
  };
  const lu = new Float64Array(2);
  // Exact meet-in-the-middle counts for the deepest issues (see bottom-table.ts).
  // Built only if a plain pass does not finish: fat acceptable sets are counted faster whole.
  let table: ReturnType<typeof bottomTable> = null;
  const need = new Float64Array(A + 1);
  const scan = { scanned: 0, first: -1 };
  const single = singleActorSuffix(p);
  const t = p.thresholds;
  const partial = new Float64Array((I + 1) * A);
  const sp = new Float64Array(I + 1);
  const picks = new Int32Array(I);
  const w = feas.w;

  let nodes = 0;
  let lower = 0;
  let upper = 0;
  let frontier = 0;
  let abort = false;
  let passBudget = 0;
  // Weighted reservoir sample (Efraimidis & Spirakis 2006) over fully acceptable subtrees.
  let reservoir: Sampled[] = [];

  const offer = (d: number, weight: number, fixed = false) => {
    if (want === 0) return;
    const key = options.rand ? Math.log(options.rand() || Number.MIN_VALUE) / weight : -reservoir.length;
    const entry = (): Sampled => ({ key, picks: picks.slice(), depth: fixed ? I : d });
    if (reservoir.length < want) reservoir.push(entry());
    else {
      let m = 0;
      for (let j = 1; j < reservoir.length; j++) if (reservoir[j]!.key < reservoir[m]!.key) m = j;
      if (key > reservoir[m]!.key) reservoir[m] = entry();
    }
  };

  // Proven bounds on the completions of the node at depth d (partial sums already set): rounding
  // DPs per live actor and for the surrogate. Returns the gap; lu receives [lower, upper].
  const nodeBounds = (d: number): number => {
    const off = d * A;
    const size = p.size[d]!;
    let ub = size;
    let lbSum = 0;
    let live = 0;
    const mc = mcOf();
    for (let a = 0; a < A; a++) {
      const x = partial[off + a]!;
      // An actor content with every completion constrains nothing here.
      if (x + p.minRem[off + a]! >= t[a]! - UTILITY_EPS) continue;
      live++;
      mc.bounds(d, a, t[a]! - UTILITY_EPS - x, lu);
      if (lu[1]! < ub) ub = lu[1]!;
      lbSum += lu[0]!;
    }
    // The surrogate row couples opposed actors: few completions satisfy both camps at once.
    mc.bounds(d, A, feas.wt - UTILITY_EPS - sp[d]!, lu);
    if (lu[1]! < ub) ub = lu[1]!;
    // Bonferroni over the live actors: |∩ A_a| ≥ Σ|A_a| − (L−1)·size.
    const lb = Math.max(0, lbSum - (live - 1) * size);
    lu[0] = lb;
    lu[1] = Math.max(ub, lb);
    return lu[1]! - lb;
  };

  /**
   * Counts the completions of the node at depth d into lower/upper; nodes at the depth limit
   * contribute proven bounds instead of being searched. Once the pass's budget is spent, the nodes
   * not yet visited contribute their bounds too, so an unfinished pass is a proven interval as well.
   */
  const visit = (d: number, limit: number): void => {
    const off = d * A;
    let allAccept = true;
    let undecided = -1;
    let nUndecided = 0;
    for (let a = 0; a < A; a++) {
      const x = partial[off + a]!;
      if (x + p.maxRem[off + a]! < t[a]! - UTILITY_EPS) return;
      if (x + p.minRem[off + a]! < t[a]! - UTILITY_EPS) {
        allAccept = false;
        undecided = a;
        nUndecided++;
      }
    }
    if (sp[d]! + feas.suffix[d]! - feas.wt < -UTILITY_EPS) return;
    if (allAccept) {
      lower += p.size[d]!;
      upper += p.size[d]!;
      offer(d, p.size[d]!);
      return;
    }
    // One actor left to satisfy: its sorted completion utilities give the count at once (the
    // surrogate is implied: it only combines the actors' own constraints).
    if (nUndecided === 1) {
      const c = single.count(d, undecided, t[undecided]! - UTILITY_EPS - partial[off + undecided]!);
      if (c >= 0) {
        nodes++;
        if (nodes > passBudget) abort = true;
        lower += c;
        upper += c;
        if (c > 0) {
          // The undecided actor's favourite completion stands for this prefix in the sample.
          single.best(d, undecided, picks);
          offer(d, c, true);
        }
        return;
      }
    }
    if (table && d === table.depth) {
      for (let a = 0; a < A; a++) need[a] = t[a]! - UTILITY_EPS - partial[off + a]!;
      need[A] = feas.wt - UTILITY_EPS - sp[d]!;
      const c = table.count(need, scan);
      nodes += 1 + (scan.scanned >> 2);
      if (nodes > passBudget) abort = true;
      lower += c;
      upper += c;
      if (c > 0) {
        // One matching completion stands for this prefix in the sample (fixed, not re-drawn).
        table.decode(scan.first, picks);
        offer(d, c, true);
      }
      return;
    }
    if (abort && !bounding) return;
    if (abort || d === limit) {
      nodeBounds(d);
      lower += lu[0]!;
      upper += lu[1]!;
      frontier++;
      // A dozen bound look-ups cost about as much as a few search nodes.
      nodes += 3;
      return;
    }
    const n = p.opts[d]!.length;
    const ud = p.u[d]!;
    const off1 = off + A;
    for (let k = 0; k < n; k++) {
      if (!abort && ++nodes > passBudget) abort = true;
      picks[d] = k;
      let s = sp[d]!;
      for (let a = 0; a < A; a++) {
        const v = ud[k * A + a]!;
        partial[off1 + a] = partial[off + a]! + v;
        s += w[a]! * v;
      }
      sp[d + 1] = s;
      visit(d + 1, limit);
    }
  };

  let bestLower = 0;
  let bestUpper = p.size[0]!;
  let bestDepth = 0;
  let sample: Sampled[] = [];
  let spent = 0;
  let bounding = false;
  let lastPassNodes = -1;
  let lastFrontier = 0;
  // First a plain full-depth pass on an eighth of the budget: most real spaces finish exactly there.
  // Only if it does not are the passes of iterative deepening run, with the meet-in-the-middle table
  // (a pass that reaches the table's depth is exact) and proven bounds at the depth limit. Every pass,
  // finished or cut short by the budget, proves an interval; the answer is their intersection.
  const limits = [I];
  for (let l = Math.min(I, 3); l <= I; l++) limits.push(l);
  for (let pass = 0; pass < limits.length && spent < budget; pass++) {
    const trial = pass === 0;
    const limit = limits[pass]!;
    if (pass === 1) table = bottomTable(p, feas.w, options.tableSize ?? 40_000);
    // Skip a pass that cannot fit: the next one costs about the frontier times the branching. (A pass
    // cut short still proves an interval, but a shallower one than its predecessor's, seldom better.)
    const branching = p.opts[limit - 1]?.length ?? 1;
    if (lastPassNodes >= 0 && lastPassNodes + lastFrontier * branching > budget - spent) break;
    nodes = 0;
    lower = upper = frontier = 0;
    abort = false;
    bounding = !trial;
    passBudget = trial ? Math.floor(budget / 8) : budget - spent;
    reservoir = [];
    visit(0, limit);
    spent += nodes;
    if (trial && abort) continue;
    if (reservoir.length >= sample.length) sample = reservoir;
    if (lower > bestLower) bestLower = lower;
    if (upper < bestUpper) bestUpper = upper;
    if (!abort) {
      bestDepth = limit;
      lastPassNodes = nodes;
      lastFrontier = frontier;
    }
    if (abort || bestLower === bestUpper) break;
  }
  const exact = bestLower === bestUpper;
  return {
    exact,
    lower: bestLower,
    upper: bestUpper,
    total,
    depth: bestDepth,
    nodes: spent,
    sample: drawSample(p, sample, want, options.rand),
  };
}

/**
 * Turns sampled fully-acceptable subtrees into distinct packages: each subtree is completed at
 * random (any completion is acceptable), and subtrees are revisited while distinct packages remain.
 */
function drawSample(
  p: Prepared,
  reservoir: Sampled[],
  want: number,
  rand: (() => number) | undefined,
): number[][] {
  const seen = new Set<string>();
  const out: number[][] = [];
  const sorted = [...reservoir].sort((x, y) => y.key - x.key);
  for (let round = 0; round < want * 4 && out.length < want && sorted.length; round++) {
    const r = sorted[round % sorted.length]!;
    const full = r.picks.slice();
    let tries = 0;
    for (;;) {
      for (let d = r.depth; d < p.I; d++) {
        const n = p.opts[d]!.length;
        // Without a PRNG, walk completions in odometer order from the round number.
        full[d] = rand ? Math.floor(rand() * n) : Math.floor(round / sorted.length / p.size[d + 1]!) % n;
      }
      const pkg = toPackage(p, full);
      const key = pkg.join(",");
      if (!seen.has(key)) {
        seen.add(key);
        out.push(pkg);
        break;
      }
      if (++tries > 8 || p.size[r.depth] === 1) break;
    }
  }
  return out;
}
