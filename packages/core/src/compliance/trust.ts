import type { Agreement } from "../model/agreement.js";
import { DAY_MS } from "./time.js";
import type { ComplianceReport, StatusChange } from "./types.js";

export interface TrustOptions {
  /** Days after which a piece of evidence weighs half as much. @default 180 */
  halfLifeDays?: number;
}

/** One scored piece of a party's record: how well it went (0..1), how much it weighs, when. */
export interface TrustEvidence {
  party: string;
  at: number;
  score: number;
  weight: number;
  commitment: string;
}

/**
 * A party's compliance record as scored evidence. Verified on time scores 1, verified late 0.5,
 * a verified violation or a missed deadline 0, each weighted by the commitment's salience; denied
 * access scores 0 at half weight (it blocks verification without proving a breach); a dispute,
 * a claim or a start is not evidence either way.
 */
export function trustEvidence(agreement: Agreement, changes: readonly StatusChange[]): TrustEvidence[] {
  const salience = new Map(agreement.commitments.map((c) => [c.id, c.salience]));
  const out: TrustEvidence[] = [];
  for (const c of changes) {
    const w = salience.get(c.commitment) ?? 1;
    const base = { party: c.obligor, at: c.at, commitment: c.commitment };
    // Late means verified after the deadline, whether or not the slot passed through overdue
    // (a declaration before the deadline keeps it out of overdue but does not make it on time).
    if (c.to === "verified") out.push({ ...base, score: c.late ? 0.5 : 1, weight: w });
    else if (c.to === "violated" || c.to === "overdue") out.push({ ...base, score: 0, weight: w });
    else if (c.to === "unverifiable") out.push({ ...base, score: 0, weight: w / 2 });
  }
  return out;
}

/**
 * Trust in `party` at time `at`: the mean of a Beta(1 + good, 1 + bad) distribution over its
 * scored record, where each piece of evidence decays exponentially with the given half-life —
 * the Beta Reputation System of Jøsang & Ismail (2002) with their forgetting factor. With no
 * record it is 0.5 (no information); it tends to the weighted share of good outcomes as evidence
 * accumulates, and recent conduct outweighs old. See docs/trust-index.md.
 */
export function trustAt(
  evidence: readonly TrustEvidence[],
  party: string,
  at: number,
  options: TrustOptions = {},
): number {
  const lambda = Math.LN2 / ((options.halfLifeDays ?? 180) * DAY_MS);
  let good = 0;
  let total = 0;
  for (const e of evidence) {
    if (e.party !== party || e.at > at) continue;
    const w = e.weight * Math.exp(-lambda * (at - e.at));
    good += w * e.score;
    total += w;
  }
  return (1 + good) / (2 + total);
}

export interface TrustSeries {
  party: string;
  points: Array<{ at: number; trust: number }>;
}

/** Trust per obligor at each of `times` (for the chart), from a compliance report's timeline. */
export function trustSeries(
  agreement: Agreement,
  report: ComplianceReport,
  times: readonly number[],
  options: TrustOptions = {},
): TrustSeries[] {
  const evidence = trustEvidence(agreement, report.changes);
  const parties = [...new Set(agreement.commitments.flatMap((c) => c.obligors))].sort();
  return parties.map((party) => ({
    party,
    points: times.map((at) => ({ at, trust: trustAt(evidence, party, at, options) })),
  }));
}
