import { weightedMedian } from "./baseline.js";
import { type IssueSpec, toUnit } from "./forecast-input.js";
import { runSmp } from "./smp.js";

/**
 * Probability of each option winning under KTAB's `Model::scalarPCE` with proportional voting,
 * linear victory odds and the conditional process (`PCEModel::ConditionalPCM`): each actor a votes
 * w_a·(u_a(i) − u_a(j)) in the contest of options i and j, P(i ≻ j) = (Σ votes for i) / (Σ |votes|)
 * (½ when nobody cares), and an option's probability is the product of its pairwise victory odds,
 * normalised.
 */
export function conditionalPce(
  weights: ArrayLike<number>,
  utilities: ReadonlyArray<ArrayLike<number>>,
): number[] {
  const m = utilities.length;
  const p = new Array<number>(m).fill(1);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < i; j++) {
      let forI = 0;
      let forJ = 0;
      for (let a = 0; a < weights.length; a++) {
        const v = weights[a]! * (utilities[i]![a]! - utilities[j]![a]!);
        if (v > 0) forI += v;
        else forJ -= v;
      }
      const t = forI + forJ;
      const pij = t > 0 ? forI / t : 0.5;
      p[i] = p[i]! * pij;
      p[j] = p[j]! * (1 - pij);
    }
  }
  const total = p.reduce((a, b) => a + b, 0);
  return p.map((x) => (total > 0 ? x / total : 1 / m));
}

/**
 * KTAB's own outcome measure for an SMP run, beside SMP's weighted median: the expected position
 * Σ pₖ·xₖ over the distinct final positions xₖ, with pₖ each position's probability under
 * `conditionalPce`, weights capability × salience and each actor's risk-neutral utility
 * 1 − |ideal − x| (0..1 scale). Source: KTAB `SMPState::pDist` and `Model::scalarPCE`. Returned
 * with the weighted median of the same run (the `smp` model's forecast), both on 0..100.
 */
export function smpOutcomes(spec: IssueSpec): { median: number; expected: number } {
  const stakes = spec.stakes.filter((s) => s.capability * s.salience > 0);
  if (stakes.length === 0) return { median: Number.NaN, expected: Number.NaN };
  const ideals = stakes.map((s) => toUnit(spec.issue, s.ideal));
  const run = runSmp(
    {
      dimensions: [spec.issue.id],
      actors: stakes.map((s, i) => ({
        id: s.actor,
        capability: s.capability,
        position: [ideals[i]!],
        salience: [s.salience],
      })),
    },
    { history: false },
  );
  // runSmp reports positions on 0..100.
  const last = run.positions[run.positions.length - 1]!.map((p) => p[0]!);
  const weights = stakes.map((s) => s.capability * s.salience);
  const distinct = [...new Set(last)];
  const utilities = distinct.map((x) => ideals.map((ideal) => 1 - Math.abs(ideal - x) / 100));
  const p = conditionalPce(weights, utilities);
  return {
    median: weightedMedian(last, weights),
    expected: distinct.reduce((acc, x, k) => acc + p[k]! * x, 0),
  };
}
