import { guessAtLeast, marginalCounts } from "./marginal-counts.js";
import type { Prepared } from "./prepare.js";
import { UTILITY_EPS } from "./space.js";
import { feasibilitySurrogate } from "./surrogate.js";

export interface EstimateOptions {
  /** Seeded PRNG: the same seed gives the same estimate. */
  rand: () => number;
  /**
   * Stop once the relative standard error is at most this. The default makes the 99% interval
   * at most 1% of the estimate wide (2 × 2.576 × 0.00194 < 0.01). @default 0.00194
   */
  targetRelativeError?: number;
  /** Walks drawn before the stopping rule is first checked. @default 20_000 */
  minSamples?: number;
  /** Walks drawn at most. @default 600_000 */
  maxSamples?: number;
}

/**
 * A sampled estimate of the number of acceptable packages: not a bound. The interval is the normal
 * approximation at 99% confidence (estimate ± 2.576 standard errors), so it may miss the truth.
 */
export interface CountEstimate {
  estimate: number;
  standardError: number;
  /** estimate − 2.576·SE and + 2.576·SE (never below 0). */
  low: number;
  high: number;
  confidence: 0.99;
  samples: number;
}

const Z99 = 2.5758293035489;

/**
 * Estimates the number of acceptable packages by sequential importance sampling (Knuth 1975's
 * estimator of a search tree's size, with the importance weights of Rosenbluth & Rosenbluth 1955).
 * Each walk fixes the issues in the search order; at each issue it keeps only the options that the
 * search's admissible bounds cannot rule out, and picks one with probability proportional to a guess
 * of its acceptable completions: the fewest that the coupling surrogate or any of the three tightest
 * actors (least expected slack) would accept, read from single-precision rounding DPs. The walk's weight — the product of (sum of guesses / guess of the
 * pick) — times its outcome (1, or every completion once all actors are content with the worst of
 * them) is an unbiased estimate of the count whatever the guesses are; good guesses only shrink its
 * variance. Walks continue until the relative standard error reaches the target.
 */
export function estimateCount(p: Prepared, options: EstimateOptions): CountEstimate {
  const { A, I } = p;
  const none: CountEstimate = {
    estimate: 0,
    standardError: 0,
    low: 0,
    high: 0,
    confidence: 0.99,
    samples: 0,
  };
  if (p.blocked) return none;
  const target = options.targetRelativeError ?? 0.00194;
  const minSamples = options.minSamples ?? 20_000;
  const maxSamples = options.maxSamples ?? 600_000;
  const rand = options.rand;
  const feas = feasibilitySurrogate(p);
  const w = feas.w;
  const rows: Float64Array[] = [];
  for (let a = 0; a < A; a++) {
    const r = new Float64Array(A);
    r[a] = 1;
    rows.push(r);
  }
  rows.push(w);
  const guess = marginalCounts(p, rows, 1024, true);
  const t = p.thresholds;
  const x = new Float64Array(A);
  let maxOpts = 0;
  for (const o of p.opts) maxOpts = Math.max(maxOpts, o.length);
  const cand = new Int32Array(maxOpts);
  const weight = new Float64Array(maxOpts);
  const content = new Uint8Array(A);

  // Mean and standard deviation of each actor's remaining utility when the remaining options are
  // drawn uniformly: a look-up-free way to rank how tight each actor is.
  const meanRem = new Float64Array((I + 1) * A);
  const sdRem = new Float64Array((I + 1) * A);
  for (let d = I - 1; d >= 0; d--) {
    const n = p.opts[d]!.length;
    const ud = p.u[d]!;
    for (let a = 0; a < A; a++) {
      let m1 = 0;
      let m2 = 0;
      for (let k = 0; k < n; k++) {
        m1 += ud[k * A + a]! / n;
        m2 += ud[k * A + a]! ** 2 / n;
      }
      meanRem[d * A + a] = meanRem[(d + 1) * A + a]! + m1;
      sdRem[d * A + a] = sdRem[(d + 1) * A + a]! + Math.max(0, m2 - m1 * m1);
    }
  }
  for (let j = 0; j < sdRem.length; j++) sdRem[j] = Math.sqrt(sdRem[j]!) || 1e-12;
  const GUIDES = 3;
  const guides = new Int32Array(GUIDES);
  const guideFrac = new Float64Array(GUIDES);

  /** One walk from the root: its weighted outcome (0 when it runs into a dead end). */
  const walk = (): number => {
    // Everything the loops read, as locals (loaded once a walk): V8 specialises only the first
    // closure of a function to the values it captures, so a second call in one process would
    // otherwise reload them at every use.
    const { minRem, maxRem, size: sizes, opts, u: us } = p;
    const { suffix, wt } = feas;
    const partial = x;
    const isContent = content;
    const thresholds = t;
    const surrogateW = w;
    const candidates = cand;
    const weights = weight;
    const guideActors = guides;
    const guideSlack = guideFrac;
    const remMean = meanRem;
    const remSd = sdRem;
    const table = guess.guess;
    partial.fill(0);
    isContent.fill(0);
    let sp = 0;
    let W = 1;
    for (let d = 0; d < I; d++) {
      const off = d * A;
      const off1 = off + A;
      const size = sizes[d + 1]!;
      // The GUIDES tightest actors (least expected slack) guide the pick; the others only prune.
      let all = true;
      let ng = 0;
      for (let a = 0; a < A; a++) {
        if (isContent[a]) continue;
        if (partial[a]! + minRem[off + a]! >= thresholds[a]! - UTILITY_EPS) {
          isContent[a] = 1;
          continue;
        }
        all = false;
        // The actor's expected slack, in standard deviations of its remaining utility: smaller is tighter.
        const slack = (partial[a]! + remMean[off + a]! - thresholds[a]!) / remSd[off + a]!;
        if (ng < GUIDES) {
          guideActors[ng] = a;
          guideSlack[ng++] = slack;
        } else {
          let worst = 0;
          for (let j = 1; j < GUIDES; j++) if (guideSlack[j]! > guideSlack[worst]!) worst = j;
          if (slack < guideSlack[worst]!) {
            guideActors[worst] = a;
            guideSlack[worst] = slack;
          }
        }
      }
      if (all) return W * sizes[d]!;
      const n = opts[d]!.length;
      const ud = us[d]!;
      let m = 0;
      for (let k = 0; k < n; k++) {
        const base = k * A;
        let s = sp;
        for (let a = 0; a < A; a++) s += surrogateW[a]! * ud[base + a]!;
        if (s + suffix[d + 1]! - wt < -UTILITY_EPS) continue;
        let dead = false;
        for (let a = 0; a < A; a++) {
          if (
            !isContent[a] &&
            partial[a]! + ud[base + a]! + maxRem[off1 + a]! < thresholds[a]! - UTILITY_EPS
          ) {
            dead = true;
            break;
          }
        }
        if (dead) continue;
        candidates[m] = k;
        weights[m++] = s;
      }
      if (m === 0) return 0;
      let j = 0;
      if (m > 1) {
        let sum = 0;
        for (let c = 0; c < m; c++) {
          const base = candidates[c]! * A;
          let g = Math.min(size, guessAtLeast(table, d + 1, A, wt - UTILITY_EPS - weights[c]!));
          for (let h = 0; h < ng; h++) {
            const a = guideActors[h]!;
            const u = guessAtLeast(
              table,
              d + 1,
              a,
              thresholds[a]! - UTILITY_EPS - partial[a]! - ud[base + a]!,
            );
            if (u < g) g = u;
          }
          // A child the bounds keep alive must stay reachable, or the estimator is biased.
          if (g < 0.5) g = 0.5;
          weights[c] = g;
          sum += g;
        }
        let r = rand() * sum;
        while (j < m - 1 && r >= weights[j]!) r -= weights[j++]!;
        W *= sum / weights[j]!;
      }
      const base = candidates[j]! * A;
      for (let a = 0; a < A; a++) {
        partial[a]! += ud[base + a]!;
        sp += surrogateW[a]! * ud[base + a]!;
      }
    }
    for (let a = 0; a < A; a++) if (partial[a]! < thresholds[a]! - UTILITY_EPS) return 0;
    return W;
  };

  let s1 = 0;
  let s2 = 0;
  let n = 0;
  while (n < maxSamples) {
    const X = walk();
    s1 += X;
    s2 += X * X;
    n++;
    if (n >= minSamples && n % 1000 === 0) {
      const mean = s1 / n;
      const se = Math.sqrt(Math.max(0, s2 / n - mean * mean) / n);
      if (mean === 0 || se <= target * mean) break;
    }
  }
  const estimate = s1 / n;
  const standardError = Math.sqrt(Math.max(0, s2 / n - estimate * estimate) / n);
  return {
    estimate,
    standardError,
    low: Math.max(0, estimate - Z99 * standardError),
    high: estimate + Z99 * standardError,
    confidence: 0.99,
    samples: n,
  };
}
