import type { AgreementSectionOptions } from "@entente/core";

/**
 * The agreement section's settings in `entente analyze`: the overview computes the whole Pareto
 * frontier only up to 250 packages (a labelled subset beyond); `entente agree` tries up to 1,000,
 * which costs about 16 times as much on a large frontier. Where the count is only bounded, the
 * overview's sampled estimate takes at most 100,000 walks (about 2 s on 20 issues × 10 actors;
 * its interval then a few percent wide); `entente agree` goes on until the interval is 1% wide.
 */
export const ANALYZE_AGREEMENT_OPTIONS: AgreementSectionOptions = {
  paretoMaxPoints: 250,
  estimateMaxSamples: 100_000,
};
