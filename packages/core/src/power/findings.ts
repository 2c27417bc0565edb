import type { AccusedVote } from "../model/mechanism.js";

/** What the one-sentence finding about one mechanism and one potential violator is built from. */
export interface FindingInput {
  /** The mechanism's name as it reads after "Under", e.g. "unanimity including Russia". */
  mechanism: string;
  accused: string;
  accusedVote: AccusedVote;
  /** Whether the guarantors other than the accused can, together, activate a response. */
  canActivate: boolean;
  /** Whether the accused votes and is in every winning coalition. */
  accusedIsVeto: boolean;
  /** Whether the full set of guarantors, accused included, could activate one. */
  grandCoalitionWins: boolean;
  /** Smallest number of other guarantors that can activate a response (null when none can). */
  minBackers: number | null;
  /** Number of guarantors other than the accused that vote. */
  others: number;
  /** Names of the guarantors (other than the accused) that can activate one alone. */
  aloneNames: string[];
  /** Activation probability within the deadline (exact value or point estimate). */
  probability: number;
  /** 95% interval when the probability is an estimate. */
  interval?: [number, number];
  expectedHours: number | null;
  consultationHours: number;
}

const percent = (p: number) => {
  if (p === 0 || p === 1) return `${p * 100}%`;
  // Keep two significant digits for small chances, so 0.004% does not read as 0.0%.
  return p < 0.001 ? `${Number((p * 100).toPrecision(2))}%` : `${(p * 100).toFixed(1)}%`;
};
const hours = (h: number) => `${h < 10 ? h.toFixed(1) : Math.round(h)} h`;

function list(names: readonly string[]): string {
  if (names.length <= 1) return names.join("");
  return `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}

function outcome(f: FindingInput): string {
  if (f.probability === 0 && !f.interval) return "with the stated support it is never activated";
  const p = f.interval
    ? `about ${percent(f.probability)} (95% interval ${percent(f.interval[0])}–${percent(f.interval[1])}, estimated)`
    : percent(f.probability);
  const t =
    f.expectedHours !== null
      ? `, after ${hours(f.expectedHours)} of the ${hours(f.consultationHours)} consultation on average`
      : "";
  return `with the stated support it is activated with probability ${p}${t}`;
}

/**
 * The finding about one mechanism and one potential violator, in one plain sentence, e.g. "Under
 * unanimity including Russia, no guarantee can be activated against Russia: it is a veto player."
 */
export function activationFinding(f: FindingInput): string {
  const under = `Under ${f.mechanism}`;
  if (!f.canActivate) {
    if (f.accusedIsVeto)
      return `${under}, no guarantee can be activated against ${f.accused}: it is a veto player.`;
    if (f.accusedVote === "counts-as-no" && f.grandCoalitionWins)
      return `${under}, no guarantee can be activated against ${f.accused}: its vote counts as no and the rule cannot be met without it.`;
    return `${under}, no guarantee can be activated against ${f.accused}: the other guarantors cannot form a winning coalition.`;
  }
  if (f.aloneNames.length > 0 && f.aloneNames.length === f.others)
    return `${under}, any one guarantor can activate a guarantee against ${f.accused}; ${outcome(f)}.`;
  if (f.aloneNames.length > 0)
    return `${under}, ${list(f.aloneNames)} can each activate a guarantee against ${f.accused} alone; ${outcome(f)}.`;
  const needs =
    f.minBackers === null
      ? "a winning coalition of the other guarantors"
      : f.minBackers === f.others
        ? `all ${f.others} other guarantors`
        : `at least ${f.minBackers} of the other ${f.others} guarantors`;
  return `${under}, a guarantee against ${f.accused} needs ${needs}; ${outcome(f)}.`;
}
