import {
  type SmpChallenge,
  type SmpInput,
  type SmpOptions,
  type SmpResult,
  validateSmpInput,
} from "./smp-types.js";

// Local copies of `bsUtil` and `round4` (smp-types.ts): hot loops call them millions of times, and a
// same-module function is inlined by V8 where an imported live binding may not be.
function bsUtil(sd: number, r: number): number {
  return sd <= 1 ? (1 - sd) * (1 + sd * r) : (1 - sd) * (1 + r);
}
function round4(x: number): number {
  return Math.trunc(0.5 + x * 10000) / 10000;
}

/**
 * An upper bound, with room for rounding, on i's expected gain from challenging j. The gain is
 * (1 − u_ij)(1 − 2·s_j·(1 − P)) with P = c_ij / (c_ij + c_ji) (see the search below); P grows with
 * i's coalition and shrinks with j's. i's coalition is at most its own and j's positive terms plus
 * what every third party m could add, w_m·(1 − u_mi) (a vote share times a loss, each in [0, 1]);
 * j's is at least its own terms. So P ≤ A / (A + B) for those two sums, and the gain ≤ the bound.
 */
function targetBound(loss: number, contribI: number, contribJ: number, eSum: number, sj: number): number {
  let a = MIN_CLTN + eSum;
  let b = MIN_CLTN;
  if (contribI > 0) a += contribI;
  else b -= contribI;
  if (contribJ > 0) a += contribJ;
  else b -= contribJ;
  const pMax = a / (a + b);
  return loss * (1 - 2 * sj * (1 - pMax)) * (1 + 1e-9) + 1e-12;
}

// Constants of KTAB's SMP (examples/smp/libsrc/smpbcn.cpp, KTAB/kmodel/libsrc/kmodel.cpp).
const MIN_SIG_EDU = 1e-5; // bestChallenge: smallest expected gain worth a challenge
const MIN_CLTN = 1e-10; // probEduChlg: empty coalition strength
const MIN_C = 1e-8; // Model::coalitions: empty coalition strength
const MIN_W = 1e-6; // interpBrgnSnPm: keeps 0/0 away when nobody cares

/**
 * An SMP input as the flat arrays `runSmpFinal` takes: capabilities, saliences and positions
 * (on the 0–1 scale) actor-major, d values per actor.
 */
export function flatSmpInput(input: SmpInput): {
  n: number;
  d: number;
  cap: Float64Array;
  sal: Float64Array;
  pos: Float64Array;
} {
  const n = input.actors.length;
  const d = input.dimensions.length;
  const cap = new Float64Array(n);
  const sal = new Float64Array(n * d);
  const pos = new Float64Array(n * d);
  input.actors.forEach((a, i) => {
    cap[i] = a.capability;
    for (let k = 0; k < d; k++) {
      sal[i * d + k] = a.salience[k]!;
      pos[i * d + k] = a.position[k]! / 100;
    }
  });
  return { n, d, cap, sal, pos };
}

/**
 * Runs KTAB's Spatial Model of Politics with its default parameters (VictoryProbModel Linear,
 * VotingRule Proportional, PCEModel Conditional, StateTransitions Deterministic, BigRRange Mid,
 * BigRAdjust OneThird, ThirdPartyCommit SemiCommit, InterVecBrgn S2P2, BargnModel InitOnlyInterp,
 * identity accommodation) and its stopping rule. Each turn costs O(n²·d + n³): the challenge
 * search evaluates every (i, j) pair against every third party once, from i's perspective only —
 * KTAB also evaluates every other perspective for its database log, hence its O(n⁴).
 * Source: `SMPState::doBCN`, `SMPState::probEduChlg`, `SMPState::setAllAUtil`, `smpStopFn`.
 */
export function runSmp(input: SmpInput, options: SmpOptions = {}): SmpResult {
  validateSmpInput(input);
  const { n, d, cap, sal, pos } = flatSmpInput(input);
  const keep = options.history ?? true;
  const history: Float64Array[] = [pos];
  const riskAttitudes: number[][] = [];
  const challenges: SmpChallenge[] = [];
  const onState = keep
    ? (next: Float64Array, nra: Float64Array) => {
        history.push(next.slice());
        const r: number[] = [];
        for (let i = 0; i < n; i++) r.push(nra[i]!);
        riskAttitudes.push(r);
      }
    : null;
  const run = playSmp(n, d, cap, sal, pos, options, keep ? challenges : null, onState);
  if (!keep) history.push(run.final);
  const positions = history.map((p) => toRows(p, n, d));
  return {
    turns: run.turns,
    converged: run.converged,
    positions,
    riskAttitudes,
    challenges,
    lastDeltaRatio: run.lastDeltaRatio,
  };
}

/** Where an SMP run ends. */
export interface SmpOutcome {
  turns: number;
  converged: boolean;
  lastDeltaRatio: number;
  /**
   * Final positions on 0..1, actor-major (actor i, dimension k at i·d + k). A workspace buffer:
   * read it before the next run with as many actors and dimensions.
   */
  final: Float64Array;
}

/**
 * `runSmp` for a caller that needs only the final state (the Monte Carlo): the same turns on flat
 * arrays — capabilities, saliences (actor-major) and positions on 0..1 — with no history and no
 * per-run objects. The input must satisfy `validateSmpInput` (checked by the caller).
 */
export function runSmpFinal(
  n: number,
  d: number,
  cap: Float64Array,
  sal: Float64Array,
  pos: Float64Array,
  options: SmpOptions = {},
): SmpOutcome {
  return playSmp(n, d, cap, sal, pos, options, null, null);
}

/** The turn loop and KTAB's stopping rule (`smpStopFn`), shared by `runSmp` and `runSmpFinal`. */
function playSmp(
  n: number,
  d: number,
  cap: Float64Array,
  sal: Float64Array,
  pos0: Float64Array,
  options: SmpOptions,
  log: SmpChallenge[] | null,
  onState: ((next: Float64Array, nra: Float64Array) => void) | null,
): SmpOutcome {
  const maxTurns = options.maxTurns ?? 100;
  const minTurns = options.minTurns ?? 2;
  const minDeltaRatio = options.minDeltaRatio ?? 0.02;
  const minSigDelta = options.minSigDelta ?? 1e-4;
  const onTurn = options.onTurn;
  const ws = takeWorkspace(n, d);
  const { salSq, salSum, bufs } = ws;
  for (let i = 0; i < n; i++) {
    let q = 0; // Σ_k s_ik², the normaliser of bvDiff
    let t = 0; // Σ_k s_ik, the "overall salience" of an actor
    for (let k = 0; k < d; k++) {
      const s = sal[i * d + k]!;
      q += s * s;
      t += s;
    }
    salSq[i] = q;
    salSum[i] = t;
  }
  let pos = pos0;
  let d01 = 0;
  let ratio = 1;
  let converged = false;
  let turns = 0;
  for (let iter = 1; ; iter++) {
    // States rotate through three workspace buffers, so the state two turns back is still there.
    const next = bufs[iter % 3]!;
    smpTurn(n, d, pos, sal, salSq, salSum, cap, ws, iter - 1, log, next);
    onState?.(next, ws.nra);
    const dxy = stateDist(n, d, pos, next);
    if (iter === 1) d01 = dxy + minSigDelta;
    ratio = dxy / d01;
    const before = pos;
    pos = next;
    onTurn?.(iter);
    turns = iter;
    if (iter >= maxTurns) break;
    if (iter >= minTurns && ratio < minDeltaRatio) {
      converged = true;
      break;
    }
    // A state equal to the one two turns back repeats forever: a turn is a function of the state
    // alone, so the run alternates between `before` and `next`, every later turn moves exactly as
    // far as this one (stateDist is symmetric), and the ratio test that just failed fails again
    // until the turn limit. Jump there, to the state of the limit's parity. Only without callers
    // watching the turns.
    if (onState === null && onTurn === undefined) {
      // A turn that moved nobody left a fixed point: every later turn repeats it with a ratio of
      // 0 / d01, so the run ends at the first turn the rule stops at, in this same state.
      let still = true;
      for (let k = 0; k < n * d && still; k++) still = next[k] === before[k];
      if (still) {
        while (true) {
          turns++;
          if (turns >= maxTurns) break;
          if (turns >= minTurns && ratio < minDeltaRatio) {
            converged = true;
            break;
          }
        }
        break;
      }
    }
    if (iter >= 3 && onState === null && onTurn === undefined && iter >= minTurns) {
      const twoBack = bufs[(iter + 1) % 3]!;
      let same = true;
      for (let k = 0; k < n * d && same; k++) same = next[k] === twoBack[k];
      // Computed every turn, not only on the rare jump: code no warm-up run reached would cost V8 a
      // recompilation when first taken.
      const odd = (maxTurns - iter) % 2 === 1;
      if (same) {
        if (odd) pos = before;
        turns = maxTurns;
        break;
      }
    }
  }
  spares.set(n * 4096 + d, ws);
  return { turns, converged, lastDeltaRatio: ratio, final: pos };
}

/**
 * One spare workspace per number of actors and dimensions, reused by the next run of that size: a Monte Carlo runs
 * thousands of small SMPs, and typed-array allocation would dominate them. A run takes it out while
 * it works (so a nested run from `onTurn` gets its own) and every array is overwritten before use.
 */
const spares = new Map<number, Workspace>();
function takeWorkspace(n: number, d: number): Workspace {
  const key = n * 4096 + d;
  const ws = spares.get(key) ?? new Workspace(n, d);
  spares.delete(key);
  return ws;
}

/** Scratch arrays reused across turns so a run allocates O(n²) once. */
class Workspace {
  readonly n: number;
  readonly ownU: Float64Array;
  readonly rowSum: Float64Array;
  readonly util: Float64Array;
  readonly optP: Float64Array;
  /** Bargain utilities, one row of n per bargain of the turn (at most n bargains: one per initiator). */
  readonly bu: Float64Array;
  readonly dist: Float64Array; // dist[i*n+j]: bvDiff(ideal_i − pos_j, sal_i)
  readonly distT: Float64Array; // distT[j*n+i] = dist[i*n+j]
  readonly closeT: Float64Array; // 1 − distT: the risk-neutral utility
  readonly bendT: Float64Array; // (1 − distT)·distT
  readonly nra: Float64Array;
  readonly rin: Float64Array;
  readonly ani: Float64Array;
  readonly ei1: Float64Array;
  readonly ub: Float64Array;
  readonly order: Uint32Array;
  readonly w: Float64Array;
  /** w with the two parties of the contest being scored zeroed. */
  readonly wz: Float64Array;
  readonly pce: Float64Array;
  /** This turn's bargains, one per initiator i: its target (−1 for none) and the two positions. */
  readonly target: Int32Array;
  readonly posInit: Float64Array;
  readonly posRcvr: Float64Array;
  /** Whether row i of `bu` has been filled this turn. */
  readonly scored: Uint8Array;
  /** The options of the actor being resolved: 0 is its position, then initiators of its bargains. */
  readonly optionOf: Int32Array;
  /** Each actor's bargains (initiators, ascending) and how many: row k of optList, optCount[k]. */
  readonly optCount: Int32Array;
  readonly optList: Int32Array;
  /** Row of `util` holding each option of the actor being resolved (0: status quo, b + 1: bargain b). */
  readonly rowOf: Int32Array;
  /** Bargain b's contest against the status quo, once computed this turn. */
  readonly pairKnown: Uint8Array;
  readonly pairI: Float64Array;
  readonly pairJ: Float64Array;
  /** Σ_k s_ik² and Σ_k s_ik per actor. */
  readonly salSq: Float64Array;
  readonly salSum: Float64Array;
  /** Three state buffers the turns rotate through. */
  readonly bufs: Float64Array[];
  constructor(n: number, d: number) {
    this.n = n;
    this.target = new Int32Array(n);
    this.posInit = new Float64Array(n * d);
    this.posRcvr = new Float64Array(n * d);
    this.scored = new Uint8Array(n);
    this.optionOf = new Int32Array(n + 1);
    this.rowOf = new Int32Array(n + 1);
    this.optCount = new Int32Array(n);
    this.optList = new Int32Array(n * n);
    this.pairKnown = new Uint8Array(n);
    this.pairI = new Float64Array(n);
    this.pairJ = new Float64Array(n);
    this.salSq = new Float64Array(n);
    this.salSum = new Float64Array(n);
    this.bufs = [new Float64Array(n * d), new Float64Array(n * d), new Float64Array(n * d)];
    this.ownU = new Float64Array(n * n);
    this.rowSum = new Float64Array(n);
    this.util = new Float64Array(n * (n + 1));
    this.optP = new Float64Array(n + 1);
    this.bu = new Float64Array(n * n);
    this.dist = new Float64Array(n * n);
    this.distT = new Float64Array(n * n);
    this.closeT = new Float64Array(n * n);
    this.bendT = new Float64Array(n * n);
    this.nra = new Float64Array(n);
    this.rin = new Float64Array(n);
    this.ani = new Float64Array(n);
    this.ei1 = new Float64Array(n);
    this.ub = new Float64Array(n);
    this.order = new Uint32Array(n);
    this.w = new Float64Array(n);
    this.wz = new Float64Array(n);
    this.pce = new Float64Array(n);
  }
}

/** Σ_i ‖p_i − q_i‖₂ over actors: KTAB's `SMPModel::stateDist`. */
function stateDist(n: number, d: number, p: Float64Array, q: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let k = 0; k < d; k++) {
      const x = p[i * d + k]! - q[i * d + k]!;
      s += x * x;
    }
    sum += Math.sqrt(s);
  }
  return sum;
}

// Plain loops: Array.from(typedArray, fn) is an order of magnitude slower in V8.
function percent(p: ArrayLike<number>): number[] {
  const out: number[] = [];
  for (let k = 0; k < p.length; k++) out.push(p[k]! * 100);
  return out;
}

function toRows(p: Float64Array, n: number, d: number): number[][] {
  const rows: number[][] = [];
  for (let i = 0; i < n; i++) {
    const row: number[] = [];
    for (let k = 0; k < d; k++) row.push(p[i * d + k]! * 100);
    rows.push(row);
  }
  return rows;
}

/** One build–challenge–negotiate turn; writes the next positions (0..1 scale) into `next`. */
function smpTurn(
  n: number,
  d: number,
  pos: Float64Array,
  sal: Float64Array,
  salSq: Float64Array,
  salSum: Float64Array,
  cap: Float64Array,
  ws: Workspace,
  turn: number,
  log: SmpChallenge[] | null,
  next: Float64Array,
): void {
  const { dist, distT, closeT, bendT, nra, rin, ani, ei1, w, wz, ub, ownU, order, target, posInit, posRcvr } =
    ws;
  // Salience-weighted distances from each actor's ideal (= its position) to every position.
  if (d === 1) {
    // One dimension (every per-issue run): the same sums without the inner loop (0 + x² is x²).
    for (let i = 0; i < n; i++) {
      const pi = pos[i]!;
      const si = sal[i]!;
      const qi = salSq[i]!;
      for (let j = 0; j < n; j++) {
        const x = (pi - pos[j]!) * si;
        const v = Math.sqrt((x * x) / qi);
        dist[i * n + j] = v;
        distT[j * n + i] = v;
        closeT[j * n + i] = 1 - v;
        bendT[j * n + i] = (1 - v) * v;
      }
    }
  } else {
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let k = 0; k < d; k++) {
          const x = (pos[i * d + k]! - pos[j * d + k]!) * sal[i * d + k]!;
          s += x * x;
        }
        const v = Math.sqrt(s / salSq[i]!);
        dist[i * n + j] = v;
        distT[j * n + i] = v;
        closeT[j * n + i] = 1 - v;
        bendT[j * n + i] = (1 - v) * v;
      }
    }
  }
  inferRiskAttitudes(n, cap, ws);
  for (let i = 0; i < n; i++) w[i] = salSum[i]! * cap[i]!;

  // Build and challenge: each actor picks the target with the best expected gain.
  for (let i = 0; i < n; i++) {
    target[i] = -1;
    const ri2 = 2.0 * nra[i]!;
    // eSum bounds what third parties can add to i's side of any contest (see targetBound).
    let eSum = 0;
    for (let m = 0; m < n; m++) {
      const r = (ri2 + nra[m]!) / 3.0; // OneThird: r^h_i = (2 r_h + r_i)/3, here h = i
      rin[m] = r;
      const a = bsUtil(distT[i * n + m]!, r); // i's estimate of m's utility for i's position
      ani[m] = a;
      ei1[m] = 1 - a;
      eSum += w[m]! * (1 - a);
    }
    const wi = w[i]!;
    const rii = rin[i]!;
    for (let m = 0; m < n; m++) wz[m] = w[m]!;
    wz[i] = 0;
    // Targets whose gain cannot exceed MIN_SIG_EDU are dropped; the one with the largest upper bound
    // on its gain is tried first, then the others (in ascending j) only while their bound can still
    // beat the best gain found. Equal gains keep the lowest j, as KTAB's ascending scan does, so the
    // order of the tries does not change the choice.
    let count = 0;
    let top = -1;
    let topBound = 0;
    for (let j = 0; j < n; j++) {
      // i's utility of j's position, kept in ownU for resolveBargains (which reads row a with the
      // same exponent, (2r_a + r_a)/3).
      const u = bsUtil(dist[i * n + j]!, rii);
      ownU[i * n + j] = u;
      if (j === i) continue;
      const b = targetBound(1 - u, wi * (1 - u), w[j]! * (ani[j]! - 1), eSum, salSum[j]!);
      if (b <= MIN_SIG_EDU) continue;
      if (top < 0 || b > topBound) {
        top = count;
        topBound = b;
      }
      ub[count] = b;
      order[count++] = j;
    }
    let bestJ = -1;
    let bestP = 0;
    let bestEU = -1.0;
    for (let t = -1; t < count; t++) {
      if (t === top) continue;
      const o = t < 0 ? top : t;
      if (o < 0 || ub[o]! < bestEU) continue;
      const j = order[o]!;
      const uij = ownU[i * n + j]!;
      const uji = ani[j]!;
      const euSQ = 1 + uij;
      const contribI = wi * (1 - uij);
      const contribJ = w[j]! * (uji - 1);
      let chij = MIN_CLTN;
      let chji = MIN_CLTN;
      if (contribI > 0) chij += contribI;
      if (contribI < 0) chji -= contribI;
      if (contribJ > 0) chij += contribJ;
      if (contribJ < 0) chji -= contribJ;
      const cI = chij;
      const cJ = chji;
      const rowJ = j * n;
      // wz is w with i's and j's weights zeroed: their terms then add exactly +0 to both sums
      // (0·finite is ±0, and c + 0 is c), the same as skipping them, without a branch per m.
      const wjSaved = wz[j]!;
      wz[j] = 0;
      for (let m = 0; m < n; m++) {
        const wn = wz[m]!;
        const ei = ei1[m]!; // 1 − u_mi
        // 1 − u_mj = d − (1 − d)·d·r, from bsUtil(d, r) = (1 − d)(1 + d·r); (1 − d)·d is per turn.
        const ej = distT[rowJ + m]! - bendT[rowJ + m]! * rin[m]!;
        // Third party m weighs in on the little (i:j) contest it would join (Actor::vProbLittle).
        // (v + |v|)/2 is exactly max(v, 0) in floating point, and keeps this loop free of branches.
        const v0 = wn * (ej - ei);
        const a0 = Math.abs(v0);
        const cni = cI + 0.5 * (v0 + a0);
        const cnj = cJ + 0.5 * (a0 - v0);
        const pin = cni / (cni + cnj);
        // SemiCommit third-party vote (Actor::thirdPartyVoteSU) with u_mm = 1, simplified:
        // [p(2u_i + 1) + (1−p)·3u_j] − [p·3u_i + (1−p)(2u_j + 1)] = p(1 − u_i) − (1 − p)(1 − u_j).
        const vk = wn * (pin * ei - (1 - pin) * ej);
        const ak = Math.abs(vk);
        chij += 0.5 * (vk + ak);
        chji += 0.5 * (ak - vk);
      }
      wz[j] = wjSaved;
      const phij = chij / (chij + chji);
      const phji = chji / (chij + chji);
      const euCntst = phij * 2 + phji * (uij + uij);
      const sj = salSum[j]!;
      const euChlg = (1 - sj) * 2 + sj * euCntst;
      const du = euChlg - euSQ;
      if (MIN_SIG_EDU < du && (bestEU < du || (du === bestEU && j < bestJ))) {
        bestJ = j;
        bestP = phij;
        bestEU = du;
      }
    }
    if (bestJ >= 0 && bestEU > 0) {
      interpolateS2P2(d, pos, sal, i, bestJ, bestP, posInit, posRcvr);
      target[i] = bestJ;
      log?.push({
        turn,
        initiator: i,
        target: bestJ,
        probability: bestP,
        expectedGain: bestEU,
        initiatorPosition: percent(posInit.subarray(i * d, i * d + d)),
        targetPosition: percent(posRcvr.subarray(i * d, i * d + d)),
      });
    }
  }
  resolveBargains(n, d, pos, sal, salSq, cap, ws, next);
}

/**
 * Risk attitudes from each position's chance of winning a risk-neutral contest (KTAB
 * `SMPState::setAllAUtil`: coalitions weighted by capability alone, conditional PCE, BigRRange Mid).
 */
function inferRiskAttitudes(n: number, cap: Float64Array, ws: Workspace): void {
  const { pce, nra, closeT } = ws;
  for (let i = 0; i < n; i++) pce[i] = 1; // a loop: TypedArray#fill's call costs more at this size
  // Coalition of actors k preferring position i to j: Σ_k cap_k·max(0, u_ki − u_kj), u = 1 − dist.
  for (let i = 0; i < n; i++) {
    const rowI = i * n;
    for (let j = 0; j < i; j++) {
      const rowJ = j * n;
      let cij = MIN_C;
      let cji = MIN_C;
      for (let k = 0; k < n; k++) {
        const v = cap[k]! * (closeT[rowI + k]! - closeT[rowJ + k]!);
        const a = Math.abs(v); // (v ± |v|)/2 is exactly max(±v, 0): no data-dependent branch
        cij += 0.5 * (v + a);
        cji += 0.5 * (a - v);
      }
      const t = cij + cji;
      pce[i] = pce[i]! * (cij / t);
      pce[j] = pce[j]! * (cji / t);
    }
  }
  conditionalPce(n, pce);
  let pMin = 1.0;
  let pMax = 0.0;
  for (let i = 0; i < n; i++) {
    const p = pce[i]!;
    if (p < pMin) pMin = p;
    if (p > pMax) pMax = p;
  }
  for (let i = 0; i < n; i++) {
    // With every position equally likely KTAB would divide by zero; risk neutrality is the limit.
    nra[i] = pMax > pMin ? (3 * pce[i]! - (pMax + 2 * pMin)) / (2 * (pMax - pMin)) : 0;
  }
}

/**
 * Finishes `condPCE`: `p` holds Π_{j≠i} P(i > j); multiply by P(i > i) = ½ and normalise.
 * KTAB multiplies in column order j = 0..n−1; products of the same factors in another order can
 * differ in the last bit only, far below the 0.5-point reproduction tolerance.
 */
function conditionalPce(n: number, p: Float64Array): void {
  let sum = 0;
  for (let i = 0; i < n; i++) {
    p[i] = p[i]! * 0.5;
    sum += p[i]!;
  }
  for (let i = 0; i < n; i++) p[i] = p[i]! / sum;
}

/**
 * KTAB `SMPActor::interpBrgnSnPm(2, 2, …)`: weights s²·p² per dimension, rounded to 4 decimals;
 * written to row i of `posInit` and `posRcvr` (i's bargain).
 */
function interpolateS2P2(
  d: number,
  pos: Float64Array,
  sal: Float64Array,
  i: number,
  j: number,
  prbI: number,
  posInit: Float64Array,
  posRcvr: Float64Array,
): void {
  const prbJ = 1 - prbI;
  for (let k = 0; k < d; k++) {
    const tik = pos[i * d + k]!;
    const tjk = pos[j * d + k]!;
    const sik = sal[i * d + k]!;
    const sjk = sal[j * d + k]!;
    const wik = sik * sik * (prbI * prbI);
    const wjk = sjk * sjk * (prbJ * prbJ);
    posInit[i * d + k] = round4(((wik + MIN_W) * tik + wjk * tjk) / (wik + MIN_W + wjk));
    posRcvr[i * d + k] = round4((wik * tik + (MIN_W + wjk) * tjk) / (wik + MIN_W + wjk));
  }
}

/**
 * Each actor adopts the most probable of its options — keep its position, or one of the bargains it
 * proposed or received — judged by everyone's average utility over the resulting state, weighed
 * by capability (KTAB `doBCN`'s `brgnUtil` and `Model::scalarPCE`, deterministic transitions).
 */
function resolveBargains(
  n: number,
  d: number,
  pos: Float64Array,
  sal: Float64Array,
  salSq: Float64Array,
  cap: Float64Array,
  ws: Workspace,
  next: Float64Array,
): void {
  const {
    nra,
    ownU,
    rowSum,
    util,
    bu,
    target,
    posInit,
    posRcvr,
    scored,
    optionOf,
    rowOf,
    optCount,
    optList,
  } = ws;
  // ownU[a*n+x]: a's utility of x's position, filled by the challenge search; rowSum[a]: Σ_x ownU,
  // the status-quo state value.
  for (let a = 0; a < n; a++) {
    let s = 0;
    for (let x = 0; x < n; x++) s += ownU[a * n + x]!;
    rowSum[a] = s;
    // util row 0: every actor's value of the state if the actor being resolved keeps its position.
    util[a] = s / n;
  }
  // util row b + 1: the value of the state after bargain b, the same whichever of its two parties
  // is being resolved, so it is filled once per turn (with its contest against the status quo).
  for (let i = 0; i < n; i++) {
    scored[i] = 0;
    ws.pairKnown[i] = 0;
    optCount[i] = 0;
  }
  // Each actor's bargains, the one it proposed and those it received, in initiator order as KTAB
  // lists them: bargain i goes to its initiator's list and its target's.
  for (let i = 0; i < n; i++) {
    const t = target[i]!;
    if (t < 0) continue;
    optList[i * n + optCount[i]!++] = i;
    optList[t * n + optCount[t]!++] = i;
  }
  for (let k = 0; k < n; k++) {
    let nb = 1; // option 0 is the status quo
    rowOf[0] = 0;
    for (let c = 0; c < optCount[k]!; c++) {
      const i = optList[k * n + c]!;
      optionOf[nb] = i;
      rowOf[nb++] = i + 1;
    }
    if (nb === 1) {
      for (let c = 0; c < d; c++) next[k * d + c] = pos[k * d + c]!;
      continue;
    }
    for (let m = 1; m < nb; m++) {
      const b = optionOf[m]!;
      if (scored[b] !== 0) continue;
      scored[b] = 1;
      bargainUtilities(n, d, pos, sal, salSq, nra, b, posInit, posRcvr, bu);
      const base = b * n;
      const rcvr = target[b]!;
      const row = (b + 1) * n;
      for (let a = 0; a < n; a++) {
        const rest = rowSum[a]! - ownU[a * n + b]! - ownU[a * n + rcvr]!;
        util[row + a] = (bu[base + a]! + rest) / n;
      }
    }
    const best = mostProbableOption(n, nb, cap, util, rowOf, ws);
    const src = best === 0 ? -1 : optionOf[best]!;
    for (let c = 0; c < d; c++) {
      next[k * d + c] = src < 0 ? pos[k * d + c]! : src === k ? posInit[src * d + c]! : posRcvr[src * d + c]!;
    }
  }
}

/** Utility to every actor a of bargain b's two positions, summed, into row b of `bu` (SMPActor::posUtil). */
function bargainUtilities(
  n: number,
  d: number,
  pos: Float64Array,
  sal: Float64Array,
  salSq: Float64Array,
  nra: Float64Array,
  b: number,
  posInit: Float64Array,
  posRcvr: Float64Array,
  bu: Float64Array,
): void {
  const base = b * n;
  if (d === 1) {
    const pi = posInit[b]!;
    const pr = posRcvr[b]!;
    // After round4 the two positions of a bargain usually coincide (they differ by MIN_W-sized
    // terms): then both utilities are the same number, computed once.
    const same = pi === pr;
    for (let a = 0; a < n; a++) {
      const s = sal[a]!;
      const q = salSq[a]!;
      const r = nra[a]!;
      const xi = (pos[a]! - pi) * s;
      const ui = bsUtil(Math.sqrt((xi * xi) / q), r);
      if (same) {
        bu[base + a] = ui + ui;
      } else {
        const xr = (pos[a]! - pr) * s;
        bu[base + a] = ui + bsUtil(Math.sqrt((xr * xr) / q), r);
      }
    }
    return;
  }
  for (let a = 0; a < n; a++) {
    let si = 0;
    let sr = 0;
    for (let c = 0; c < d; c++) {
      const s = sal[a * d + c]!;
      const xi = (pos[a * d + c]! - posInit[b * d + c]!) * s;
      const xr = (pos[a * d + c]! - posRcvr[b * d + c]!) * s;
      si += xi * xi;
      sr += xr * xr;
    }
    const r = nra[a]!;
    bu[base + a] = bsUtil(Math.sqrt(si / salSq[a]!), r) + bsUtil(Math.sqrt(sr / salSq[a]!), r);
  }
}

/** Index of the most probable option under proportional voting, linear odds, conditional PCE. */
function mostProbableOption(
  n: number,
  nb: number,
  cap: Float64Array,
  util: Float64Array,
  rowOf: Int32Array,
  ws: Workspace,
): number {
  const { optP: p, pairKnown, pairI, pairJ } = ws;
  for (let i = 0; i < nb; i++) p[i] = 1;
  for (let i = 0; i < nb; i++) {
    const ri = rowOf[i]! * n;
    for (let j = 0; j < i; j++) {
      const rj = rowOf[j]! * n;
      // A bargain against the status quo is the same contest in both of its parties' lists.
      const b = rowOf[i]! - 1;
      let cij: number;
      let cji: number;
      if (j === 0 && pairKnown[b] !== 0) {
        cij = pairI[b]!;
        cji = pairJ[b]!;
      } else {
        cij = MIN_C;
        cji = MIN_C;
        for (let a = 0; a < n; a++) {
          const v = cap[a]! * (util[ri + a]! - util[rj + a]!);
          const av = Math.abs(v); // branch-free max(±v, 0), exact as in inferRiskAttitudes
          cij += 0.5 * (v + av);
          cji += 0.5 * (av - v);
        }
        if (j === 0) {
          pairKnown[b] = 1;
          pairI[b] = cij;
          pairJ[b] = cji;
        }
      }
      const t = cij + cji;
      p[i] = p[i]! * (cij / t);
      p[j] = p[j]! * (cji / t);
    }
  }
  // Normalising does not change the argmax; KTAB keeps the first maximum.
  let best = 0;
  let bestP = -1;
  for (let i = 0; i < nb; i++) {
    if (bestP < p[i]!) {
      bestP = p[i]!;
      best = i;
    }
  }
  return best;
}
