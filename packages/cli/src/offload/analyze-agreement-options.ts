import type { AgreementSectionOptions } from "@entente/core";

/**
 * The agreement section's settings in `entente analyze`: the overview computes the whole Pareto
 * frontier only up to 250 packages (a labelled subset beyond); `entente agree` tries up to 1,000,
 * which costs about 16 times as much on a large frontier.
 */
export const ANALYZE_AGREEMENT_OPTIONS: AgreementSectionOptions = { paretoMaxPoints: 250 };
