import { bsUtil, round4, type SmpInput, type SmpOptions, validateSmpInput } from "./smp-types.js";

/**
 * The straightforward implementation of KTAB's SMP: the same model as `runSmp`, written the way
 * KTAB's C++ reads (`smp.cpp`, `smpbcn.cpp`, `kmodel.cpp`) — nested arrays, every actor's full
 * estimate matrix aUtil[h](i, j) materialised each turn (n³ numbers), `probEduChlg` evaluated for
 * every target with KTAB's literal formulas, bargain utilities summed over all actors. It is the
 * baseline of `bench/forecast.bench.ts` and the oracle `runSmp` is tested against.
 * Returns the positions per state (0..100) and the number of turns.
 */
export function runSmpReference(
  input: SmpInput,
  options: SmpOptions = {},
): { turns: number; positions: number[][][] } {
  validateSmpInput(input);
  const maxTurns = options.maxTurns ?? 100;
  const minTurns = options.minTurns ?? 2;
  const minDeltaRatio = options.minDeltaRatio ?? 0.02;
  const minSigDelta = options.minSigDelta ?? 1e-4;
  const n = input.actors.length;
  const cap = input.actors.map((a) => a.capability);
  const sal = input.actors.map((a) => [...a.salience]);
  const salSum = sal.map((s) => s.reduce((x, y) => x + y, 0));
  const history: number[][][] = [input.actors.map((a) => a.position.map((x) => x / 100))];
  let d01 = 0;
  for (let iter = 1; ; iter++) {
    const pos = history[history.length - 1]!;
    const next = turn(n, pos, sal, salSum, cap);
    history.push(next);
    const dxy = stateDist(pos, next);
    if (iter === 1) d01 = dxy + minSigDelta;
    if (iter >= maxTurns || (iter >= minTurns && dxy / d01 < minDeltaRatio)) break;
  }
  return { turns: history.length - 1, positions: history.map((s) => s.map((p) => p.map((x) => x * 100))) };
}

function bvDiff(a: number[], b: number[], s: number[]): number {
  let ds = 0;
  let ss = 0;
  for (let k = 0; k < a.length; k++) {
    const x = (a[k]! - b[k]!) * s[k]!;
    ds += x * x;
    ss += s[k]! * s[k]!;
  }
  return Math.sqrt(ds / ss);
}

function stateDist(p: number[][], q: number[][]): number {
  let sum = 0;
  for (let i = 0; i < p.length; i++) {
    let s = 0;
    for (let k = 0; k < p[i]!.length; k++) s += (p[i]![k]! - q[i]![k]!) ** 2;
    sum += Math.sqrt(s);
  }
  return sum;
}

/** Model::coalitions + vProb(Linear) + condPCE, for options scored by u[actor][option]. */
function scalarPce(w: number[], u: number[][], numOpt: number): number[] {
  const c: number[][] = Array.from({ length: numOpt }, () => new Array<number>(numOpt).fill(0));
  for (let i = 0; i < numOpt; i++) {
    for (let j = 0; j < i; j++) {
      let cij = 1e-8;
      let cji = 1e-8;
      for (let k = 0; k < w.length; k++) {
        const v = w[k]! * (u[k]![i]! - u[k]![j]!);
        if (v > 0) cij += v;
        if (v < 0) cji -= v;
      }
      c[i]![j] = cij;
      c[j]![i] = cji;
    }
  }
  const p: number[] = [];
  for (let i = 0; i < numOpt; i++) {
    let pi = 1;
    for (let j = 0; j < numOpt; j++) pi *= i === j ? 0.5 : c[i]![j]! / (c[i]![j]! + c[j]![i]!);
    p.push(pi);
  }
  const total = p.reduce((a, b) => a + b, 0);
  return p.map((x) => x / total);
}

interface Bargain {
  init: number;
  rcvr: number;
  posInit: number[];
  posRcvr: number[];
}

function turn(n: number, pos: number[][], sal: number[][], salSum: number[], cap: number[]): number[][] {
  const vDiff = pos.map((pi, i) => pos.map((pj) => bvDiff(pi, pj, sal[i]!)));
  const rn = vDiff.map((row) => row.map((d) => bsUtil(d, 0)));
  const pce = scalarPce(cap, rn, n);
  let pMin = 1;
  let pMax = 0;
  for (const p of pce) {
    pMin = Math.min(pMin, p);
    pMax = Math.max(pMax, p);
  }
  const nra = pce.map((p) => (pMax > pMin ? (3 * p - (pMax + 2 * pMin)) / (2 * (pMax - pMin)) : 0));
  // aUtil[h][i][j]: h's estimate of i's utility for j's position (BigRAdjust OneThird).
  const aUtil = nra.map((rh) => vDiff.map((row, i) => row.map((d) => bsUtil(d, (2.0 * rh + nra[i]!) / 3.0))));

  const probEduChlg = (h: number, k: number, i: number, j: number): [number, number] => {
    const A = aUtil[h]!;
    const [uii, uij, uji, ujj] = [A[i]![i]!, A[i]![j]!, A[j]![i]!, A[j]![j]!];
    const euSQ = A[k]![i]! + A[k]![j]!;
    const uhkij = A[k]![i]! + A[k]![i]!;
    const uhkji = A[k]![j]! + A[k]![j]!;
    const ci = salSum[i]! * cap[i]! * (uii - uij);
    const cj = salSum[j]! * cap[j]! * (uji - ujj);
    let chij = 1e-10 + Math.max(ci, 0) + Math.max(cj, 0);
    let chji = 1e-10 + Math.max(-ci, 0) + Math.max(-cj, 0);
    const [cI, cJ] = [chij, chji];
    for (let m = 0; m < n; m++) {
      if (m === i || m === j) continue;
      const wn = salSum[m]! * cap[m]!;
      const [uni, unj, unn] = [A[m]![i]!, A[m]![j]!, A[m]![m]!];
      const v0 = wn * (uni - unj);
      const cni = v0 > 0 ? cI + v0 : cI;
      const cnj = v0 < 0 ? cJ - v0 : cJ;
      const pin = cni / (cni + cnj);
      const pjn = 1 - pin;
      const uIkJ = pin * (uni + uni + unn) + pjn * (unj + unj + unj);
      const uIJk = pin * (uni + uni + uni) + pjn * (unj + unj + unn);
      const vk = wn * (uIkJ - uIJk);
      if (vk > 0) chij += vk;
      if (vk < 0) chji -= vk;
    }
    const phij = chij / (chij + chji);
    const phji = chji / (chij + chji);
    const euCntst = phij * uhkij + phji * uhkji;
    const euChlg = (1 - salSum[j]!) * uhkij + salSum[j]! * euCntst;
    return [phij, euChlg - euSQ];
  };

  const brgns: Bargain[][] = pos.map((p, i) => [{ init: i, rcvr: i, posInit: p, posRcvr: p }]);
  for (let i = 0; i < n; i++) {
    let bestJ = -1;
    let bestP = 0;
    let bestEU = -1;
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      const [p, edu] = probEduChlg(i, i, i, j);
      if (1e-5 < edu && bestEU < edu) [bestJ, bestP, bestEU] = [j, p, edu];
    }
    if (bestJ < 0 || !(bestEU > 0)) continue;
    const j = bestJ;
    const b: Bargain = { init: i, rcvr: j, posInit: [], posRcvr: [] };
    for (let k = 0; k < pos[i]!.length; k++) {
      const [tik, tjk, sik, sjk] = [pos[i]![k]!, pos[j]![k]!, sal[i]![k]!, sal[j]![k]!];
      const wik = sik ** 2 * bestP ** 2;
      const wjk = sjk ** 2 * (1 - bestP) ** 2;
      b.posInit.push(round4(((wik + 1e-6) * tik + wjk * tjk) / (wik + 1e-6 + wjk)));
      b.posRcvr.push(round4((wik * tik + (1e-6 + wjk) * tjk) / (wik + 1e-6 + wjk)));
    }
    brgns[i]!.push(b);
    brgns[j]!.push(b);
  }

  const posUtil = (a: number, p: number[]) => bsUtil(bvDiff(pos[a]!, p, sal[a]!), nra[a]!);
  return brgns.map((list, k) => {
    const u = pos.map((_, a) =>
      list.map((b) => {
        let sum = 0;
        if (b.init === b.rcvr) {
          for (let m = 0; m < n; m++) sum += aUtil[a]![a]![m]!;
        } else {
          sum = posUtil(a, b.posInit) + posUtil(a, b.posRcvr);
          for (let m = 0; m < n; m++) if (m !== b.init && m !== b.rcvr) sum += aUtil[a]![a]![m]!;
        }
        return sum / n;
      }),
    );
    const p = scalarPce(cap, u, list.length);
    let best = 0;
    for (let m = 1; m < p.length; m++) if (p[best]! < p[m]!) best = m;
    const b = list[best]!;
    return b.init === b.rcvr ? pos[k]! : b.init === k ? b.posInit : b.posRcvr;
  });
}
