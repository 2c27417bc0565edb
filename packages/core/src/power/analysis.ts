import { groupDigits } from "../format/group-digits.js";
import type { GameCounts } from "./counts.js";
import { buildDiagram, diagramSize } from "./diagram.js";
import { diagramCounts } from "./diagram-counts.js";
import { PowerError } from "./errors.js";
import { gameClauses, isWinning, type SimpleGame } from "./game.js";
import { type SwingIndices, swingIndices } from "./indices.js";
import { familyCounts, listFamily, minimalFamily } from "./minimal.js";
import { estimateIndices, type IndexEstimates } from "./monte-carlo.js";
import { seededRandom } from "./prng.js";
import { RATIONAL_ZERO, type Rational, rational } from "./rational.js";
import { weightedGameCounts } from "./weighted-gf.js";

/** Minimal winning (or blocking) coalitions: always counted, listed when there are few. */
export interface CoalitionFamily {
  count: bigint;
  bySize: bigint[];
  /** Player indices of each coalition, when there are at most `listLimit`. */
  list?: number[][];
}

/** Exact analysis of a game. */
export interface ExactPower {
  method: "exact";
  players: string[];
  indices: SwingIndices;
  /** Deegan & Packel (1978): each minimal winning coalition is equally likely and splits its prize equally. */
  deeganPackel?: Rational[];
  /** Holler (1982) public good index: minimal winning coalitions a player belongs to, normalised. */
  holler?: Rational[];
  minimalWinning?: CoalitionFamily;
  minimalBlocking?: CoalitionFamily;
  /** Players in every winning coalition. */
  vetoPlayers: number[];
  /** How the counts were obtained, e.g. "decision diagram (12,330 nodes)". */
  engine: string;
}

/** Monte Carlo analysis of a game beyond exact reach; every figure is an estimate with a 95% interval. */
export interface EstimatedPower {
  method: "estimate";
  players: string[];
  estimates: IndexEstimates;
  vetoPlayers: number[];
  seed: number;
  reason: string;
}

export type PowerAnalysis = ExactPower | EstimatedPower;

/** Options of `analyzeGame`. */
export interface AnalyzeOptions {
  /** List minimal coalitions when there are at most this many. @default 12 */
  listLimit?: number;
  /** Seed of the Monte Carlo fallback. @default 1 */
  seed?: number;
  /** Samples of the Monte Carlo fallback. @default 20_000 */
  samples?: number;
  /** Largest diagram layer tried before falling back. @default 500_000 */
  maxLayerStates?: number;
}

/** Players in every winning coalition: the grand coalition wins and loses without them. */
export function vetoPlayers(game: SimpleGame): number[] {
  const n = game.players.length;
  const all = new Array<boolean>(n).fill(true);
  if (!isWinning(game, all)) return [];
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    all[i] = false;
    if (!isWinning(game, all)) out.push(i);
    all[i] = true;
  }
  return out;
}

function family(counts: ReturnType<typeof familyCounts>, list: number[][] | undefined): CoalitionFamily {
  return { count: counts.total, bySize: counts.bySize, ...(list ? { list } : {}) };
}

/**
 * Every index of a game, exactly where it can be reached: by the decision diagram (any rule), or for a
 * single weighted clause whose diagram is too wide, by the generating function; otherwise a seeded
 * Monte Carlo estimate, labelled as such.
 */
export function analyzeGame(game: SimpleGame, options: AnalyzeOptions = {}): PowerAnalysis {
  const listLimit = options.listLimit ?? 12;
  const n = game.players.length;
  const vetoes = vetoPlayers(game);
  let counts: GameCounts | undefined;
  let engine = "";
  let dg: ReturnType<typeof buildDiagram> | undefined;
  const clauses = gameClauses(game.root);
  const gfFits = clauses.length === 1 && clauses[0]!.quota * (n + 1) <= 200_000_000;
  const useGf = () => {
    counts = weightedGameCounts(clauses[0]!.weights, clauses[0]!.quota);
    engine = "generating function";
  };
  // Many players in one weighted clause: the generating function's O(n²·q) beats a wide diagram.
  if (gfFits && n > 40) useGf();
  else
    try {
      dg = buildDiagram(game, { maxLayerStates: options.maxLayerStates ?? 500_000 });
      counts = diagramCounts(dg);
      engine = `decision diagram (${groupDigits(diagramSize(dg))} nodes)`;
    } catch (e) {
      if (!(e instanceof PowerError)) throw e;
      if (gfFits) useGf();
    }
  if (!counts) {
    const seed = options.seed ?? 1;
    return {
      method: "estimate",
      players: [...game.players],
      estimates: estimateIndices(game, seededRandom(seed), options.samples ?? 20_000),
      vetoPlayers: vetoes,
      seed,
      reason: "the game is beyond exact reach (decision diagram and generating function too large)",
    };
  }
  const out: ExactPower = {
    method: "exact",
    players: [...game.players],
    indices: swingIndices(counts),
    vetoPlayers: vetoes,
    engine,
  };
  if (dg) {
    try {
      const win = minimalFamily(dg, false, 500_000);
      const wc = familyCounts(win);
      out.minimalWinning = family(wc, listFamily(win, listLimit));
      const block = minimalFamily(dg, true, 500_000);
      out.minimalBlocking = family(familyCounts(block), listFamily(block, listLimit));
      const memberships = wc.containing.map((row) => row.reduce((a, b) => a + b, 0n));
      const totalMemberships = memberships.reduce((a, b) => a + b, 0n);
      out.holler = memberships.map((m) =>
        totalMemberships === 0n ? RATIONAL_ZERO : rational(m, totalMemberships),
      );
      // Deegan–Packel: (1/|MWC|) Σ_{S ∋ i} 1/|S|, summed by size with a common denominator.
      const lcmDen = wc.bySize.reduce((acc, _x, s) => (s > 0 ? lcm(acc, BigInt(s)) : acc), 1n);
      out.deeganPackel = wc.containing.map((row) =>
        wc.total === 0n
          ? RATIONAL_ZERO
          : rational(
              row.reduce((acc, x, s) => (s > 0 ? acc + x * (lcmDen / BigInt(s)) : acc), 0n),
              wc.total * lcmDen,
            ),
      );
    } catch (e) {
      if (!(e instanceof PowerError)) throw e;
    }
  }
  return out;
}

function lcm(a: bigint, b: bigint): bigint {
  let x = a;
  let y = b;
  while (y !== 0n) [x, y] = [y, x % y];
  return (a / x) * b;
}
