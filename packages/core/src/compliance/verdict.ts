import type { Agreement, Commitment, Indicator } from "../model/agreement.js";
import type { InspectionEvent, MonitoringEvent, ReportEvent } from "./events.js";

/** What a finding says about one commitment: breached, complied with, or impossible to check. */
export type Verdict = "breach" | "comply" | "unverifiable";

/** Whether `count` complies with the indicator's threshold ("<=" 0 means "none"). */
export function countComplies(ind: Indicator, count: number): boolean {
  if (ind.op === "<=") return count <= ind.threshold;
  if (ind.op === ">=") return count >= ind.threshold;
  return count === ind.threshold;
}

/**
 * The verdict of a report or an inspection on a commitment. A count, when given, is judged against
 * the indicator's threshold, so a "withdrawal verified" report that still counts weapons in the zone
 * is a breach; without a count the report type decides.
 */
export function verdictOf(e: ReportEvent | InspectionEvent, c: Commitment): Verdict | undefined {
  const judged = e.count === undefined ? undefined : countComplies(c.indicator, e.count);
  if (e.kind === "inspection") {
    if (e.finding === "access-denied") return "unverifiable";
    if (judged !== undefined) return judged ? "comply" : "breach";
    return e.finding === "compliant" ? "comply" : "breach";
  }
  switch (e.type) {
    case "access-denied":
      return "unverifiable";
    case "withdrawal-verified":
    case "compliance-verified":
      return judged === false ? "breach" : "comply";
    case "ceasefire-violation":
    case "weapon-sighting":
      return judged === true ? undefined : "breach";
    default:
      return judged === false ? "breach" : undefined;
  }
}

/** Metric a report speaks of when it names none: a ceasefire violation counts against a ceasefire. */
function metricOf(e: ReportEvent | InspectionEvent): string | undefined {
  if (e.metric) return e.metric;
  if (e.kind === "report" && e.type === "ceasefire-violation") return "ceasefire-violations";
  return undefined;
}

/** Whether a finding's area and weapon class (when it states them) lie within the indicator's. */
function withinIndicator(e: ReportEvent | InspectionEvent, ind: Indicator): boolean {
  if (ind.area !== undefined && e.area !== undefined && ind.area !== e.area) return false;
  if (ind.weaponClasses && e.weaponClass !== undefined && !ind.weaponClasses.includes(e.weaponClass))
    return false;
  return true;
}

/** Indexes an agreement so each event finds its commitments in constant time. */
export class CommitmentIndex {
  readonly byId = new Map<string, number>();
  private readonly byMetric = new Map<string, number[]>();
  private readonly single: number[][] = [];

  constructor(readonly agreement: Agreement) {
    agreement.commitments.forEach((c, i) => {
      this.byId.set(c.id, i);
      this.single.push([i]);
      const list = this.byMetric.get(c.indicator.metric) ?? [];
      list.push(i);
      this.byMetric.set(c.indicator.metric, list);
    });
  }

  /** Indices of the commitments a report or inspection is about (empty when none matches); read-only. */
  matches(e: ReportEvent | InspectionEvent): readonly number[] {
    if (e.commitment !== undefined) {
      // Naming the commitment picks it, but the report must still be about its indicator: another
      // metric, area or weapon class is about something else (agreement schema: "reports about
      // another area do not count").
      const i = this.byId.get(e.commitment);
      if (i === undefined) return [];
      const ind = this.agreement.commitments[i]!.indicator;
      const fits = (e.metric === undefined || e.metric === ind.metric) && withinIndicator(e, ind);
      return fits ? this.single[i]! : [];
    }
    const metric = metricOf(e);
    const candidates = metric === undefined ? undefined : this.byMetric.get(metric);
    if (!candidates) return [];
    return candidates.filter((i) => withinIndicator(e, this.agreement.commitments[i]!.indicator));
  }

  /**
   * Whether a finding counts as verified for commitment `c`: filed by one of its designated monitors
   * with at least the agreement's minimum confidence. Anything else is an allegation.
   */
  isVerifiedFinding(e: MonitoringEvent & { confidence: number }, c: Commitment): boolean {
    return c.monitors.includes(e.by) && e.confidence >= this.agreement.verification.minConfidence;
  }
}
