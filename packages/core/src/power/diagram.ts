import { PowerError } from "./errors.js";
import { evaluateTree, gameClauses, type SimpleGame, treeEvaluator } from "./game.js";

/**
 * A quasi-reduced ordered binary decision diagram (QOBDD) of a simple game: layer k decides whether
 * player `order[k]` is in the coalition; every node of layer k points to a `lo` (out) and `hi` (in)
 * node of layer k + 1; layer n holds the two terminals, 0 = losing and 1 = winning. Nodes are
 * canonical: two nodes of a layer are equal iff the rest of the game is the same function.
 *
 * This is the dynamic programme over weight vectors of Bolus (2011), "Power indices of simple
 * games and vector-weighted majority games by means of binary decision diagrams", EJOR 210(2):
 * a state is a vector of partial weight sums, one per weighted clause, and two sums are merged when
 * no completion by the remaining players can tell them apart.
 */
export interface Diagram {
  n: number;
  /** order[k]: the player (index into game.players) decided at layer k. */
  order: number[];
  /** lo[k][v], hi[k][v]: children in layer k + 1 of node v of layer k, for k = 0 … n − 1. */
  lo: Int32Array[];
  hi: Int32Array[];
  /** Number of nodes per layer, 0 … n (layer n always has the two terminals). */
  width: number[];
  /** The root: node 0 of layer 0, or the terminal (0 or 1) of a game without players. */
  root: number;
}

/** Options of the diagram builder. */
export interface DiagramOptions {
  /**
   * Give up (PowerError `too_many_players`) when one layer would hold more states than this; the
   * caller then falls back to a Monte Carlo estimate.
   * @default 2_000_000
   */
  maxLayerStates?: number;
  /**
   * Largest number of distinct subset sums of the remaining players kept per clause and layer to
   * merge equivalent states; beyond it states are keyed by their exact sum (still correct, less merged).
   * @default 8192
   */
  subsetSumLimit?: number;
}

function playerOrder(game: SimpleGame): number[] {
  const clauses = gameClauses(game.root);
  const n = game.players.length;
  const share = new Array<number>(n).fill(0);
  for (const c of clauses) {
    const total = c.weights.reduce((a, b) => a + b, 0) || 1;
    c.weights.forEach((w, i) => {
      share[i] = share[i]! + w / total;
    });
  }
  // Heavy players first keeps the undecided window narrow (Bolus 2011, section 4).
  return [...share.keys()].sort((a, b) => share[b]! - share[a]! || a - b);
}

/** Distinct subset sums of ws[k..], sorted, per k; undefined once there are more than `limit`. */
function restSubsetSums(ws: readonly number[], limit: number): Array<Float64Array | undefined> {
  const n = ws.length;
  const out: Array<Float64Array | undefined> = new Array(n + 1);
  out[n] = Float64Array.of(0);
  for (let k = n - 1; k >= 0; k--) {
    const prev = out[k + 1];
    if (!prev) break;
    const w = ws[k]!;
    const merged = new Float64Array(prev.length * 2);
    let i = 0;
    let j = 0;
    let m = 0;
    while (i < prev.length || j < prev.length) {
      const a = i < prev.length ? prev[i]! : Number.POSITIVE_INFINITY;
      const b = j < prev.length ? prev[j]! + w : Number.POSITIVE_INFINITY;
      const v = Math.min(a, b);
      if (a <= b) i++;
      else j++;
      if (m === 0 || merged[m - 1] !== v) merged[m++] = v;
    }
    if (m > limit) break;
    out[k] = merged.slice(0, m);
  }
  return out;
}

/** Number of entries of the sorted array `xs` that are < x. */
function countBelow(xs: Float64Array, x: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (xs[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Builds the canonical QOBDD of a game (see `Diagram`). */
export function buildDiagram(game: SimpleGame, options: DiagramOptions = {}): Diagram {
  const maxStates = options.maxLayerStates ?? 2_000_000;
  const limit = options.subsetSumLimit ?? 8192;
  const n = game.players.length;
  const order = playerOrder(game);
  const clauses = gameClauses(game.root);
  const d = clauses.length;
  const w = clauses.map((c) => order.map((p) => c.weights[p]!));
  const quota = clauses.map((c) => c.quota);
  const rest = w.map((ws) => {
    const r = new Array<number>(n + 1).fill(0);
    for (let k = n - 1; k >= 0; k--) r[k] = r[k + 1]! + ws[k]!;
    return r;
  });
  const sums = w.map((ws) => restSubsetSums(ws, limit));
  const met: Array<boolean | undefined> = new Array(d);
  const parts: string[] = new Array(d);
  const evaluate = treeEvaluator(game.root);

  // Per layer and clause: how many class values an undecided sum can take, so that a state's
  // classes pack into one number (a fast Map key) whenever the product stays below 2^52.
  const spans: Float64Array[] = [];
  const numeric: boolean[] = [];
  for (let k = 0; k <= n; k++) {
    const row = new Float64Array(d);
    let product = 1;
    for (let c = 0; c < d; c++) {
      row[c] = (sums[c]![k] ? sums[c]![k]!.length + 1 : rest[c]![k]! + 1) + 2;
      product *= row[c]!;
    }
    spans.push(row);
    numeric.push(product < 2 ** 52);
  }
  const TRUE_KEY = -1;
  const FALSE_KEY = -2;

  // The key of a state at layer k: settled (true/false) or one class per clause. Sums with the same
  // number of completions below q − p are interchangeable (they win with exactly the same completions).
  const keyOf = (k: number, state: Float64Array): number | string => {
    const packed = numeric[k]!;
    const span = spans[k]!;
    let key = 0;
    let mult = 1;
    for (let c = 0; c < d; c++) {
      const p = state[c]!;
      const q = quota[c]!;
      let cls: number;
      if (p >= q) {
        met[c] = true;
        cls = 0;
      } else if (p + rest[c]![k]! < q) {
        met[c] = false;
        cls = 1;
      } else {
        met[c] = undefined;
        const ss = sums[c]![k];
        cls = 2 + (ss ? countBelow(ss, q - p) : p - (q - rest[c]![k]!));
      }
      if (packed) {
        key += cls * mult;
        mult *= span[c]!;
      } else parts[c] = String(cls);
    }
    const settled = evaluate(met);
    if (settled !== undefined) return settled ? TRUE_KEY : FALSE_KEY;
    return packed ? key : parts.join(",");
  };

  // Top-down: states of each layer with a representative sum vector.
  const lo: Int32Array[] = [];
  const hi: Int32Array[] = [];
  let reps = new Float64Array(d);
  let count = 1;
  for (let k = 0; k < n; k++) {
    const index = new Map<number | string, number>();
    if (k === n - 1) {
      // Terminals: every clause is settled at layer n, so only these two keys occur.
      index.set(FALSE_KEY, 0);
      index.set(TRUE_KEY, 1);
    }
    let next = new Float64Array(Math.max(2, count * 2) * d);
    let nextCount = index.size;
    const los = new Int32Array(count);
    const his = new Int32Array(count);
    const cand = new Float64Array(d);
    for (let s = 0; s < count; s++) {
      for (let choice = 0; choice < 2; choice++) {
        for (let c = 0; c < d; c++) cand[c] = reps[s * d + c]! + (choice ? w[c]![k]! : 0);
        const key = keyOf(k + 1, cand);
        let id = index.get(key);
        if (id === undefined) {
          id = nextCount++;
          index.set(key, id);
          if (id * d + d > next.length) {
            const grown = new Float64Array(next.length * 2);
            grown.set(next);
            next = grown;
          }
          next.set(cand, id * d);
        }
        (choice ? his : los)[s] = id;
      }
    }
    if (nextCount > maxStates)
      throw new PowerError(
        "too_many_players",
        `the exact computation would need more than ${maxStates} states in one layer; use the Monte Carlo estimate`,
      );
    lo.push(los);
    hi.push(his);
    reps = next;
    count = nextCount;
  }
  if (n === 0) {
    const win = evaluateTree(
      game.root,
      quota.map((q) => q <= 0),
    );
    return { n, order, lo: [], hi: [], width: [2], root: win ? 1 : 0 };
  }

  // Bottom-up: merge nodes whose (lo, hi) children coincide, so equal subfunctions share a node.
  const width = new Array<number>(n + 1).fill(0);
  width[n] = 2;
  let canon = Int32Array.of(0, 1);
  for (let k = n - 1; k >= 0; k--) {
    const m = lo[k]!.length;
    const ids = new Map<number, number>();
    const map = new Int32Array(m);
    const newLo: number[] = [];
    const newHi: number[] = [];
    const below = width[k + 1]!;
    for (let v = 0; v < m; v++) {
      const l = canon[lo[k]![v]!]!;
      const h = canon[hi[k]![v]!]!;
      const key = l * below + h;
      let id = ids.get(key);
      if (id === undefined) {
        id = newLo.length;
        ids.set(key, id);
        newLo.push(l);
        newHi.push(h);
      }
      map[v] = id;
    }
    lo[k] = Int32Array.from(newLo);
    hi[k] = Int32Array.from(newHi);
    width[k] = newLo.length;
    canon = map;
  }
  return { n, order, lo, hi, width, root: 0 };
}

/** Total number of nodes, a measure of how hard the game is. */
export function diagramSize(dg: Diagram): number {
  return dg.width.reduce((a, b) => a + b, 0);
}

/**
 * The fewest players that form a winning coalition, never using player `excluded` (an index into the
 * game's players): a shortest path to the winning terminal where taking a player costs 1.
 * Returns null when no such coalition exists.
 */
export function smallestWinning(dg: Diagram, excluded = -1): number | null {
  const { n } = dg;
  if (n === 0) return dg.root === 1 ? 0 : null;
  let below = Float64Array.of(Number.POSITIVE_INFINITY, 0);
  for (let k = n - 1; k >= 0; k--) {
    const cur = new Float64Array(dg.width[k]!);
    const barred = dg.order[k] === excluded;
    for (let v = 0; v < cur.length; v++) {
      const out = below[dg.lo[k]![v]!]!;
      const take = barred ? Number.POSITIVE_INFINITY : 1 + below[dg.hi[k]![v]!]!;
      cur[v] = Math.min(out, take);
    }
    below = cur;
  }
  const best = below[dg.root]!;
  return Number.isFinite(best) ? best : null;
}
