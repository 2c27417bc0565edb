import type { EventKind, MonitoringEvent } from "./events.js";

/**
 * Rank of each event kind among events at one instant: a milestone first (it may start a
 * commitment at that instant), then a party's declaration, then the monitors' findings, then a
 * referral of those findings, the joint commission's ruling on them, and last the guarantors' votes
 * (which may answer a consultation the findings just opened). See docs/compliance.md, "Ties".
 */
const kindRank: Record<EventKind, number> = {
  milestone: 0,
  declaration: 1,
  report: 2,
  inspection: 2,
  notification: 2,
  activity: 2,
  referral: 3,
  ruling: 4,
  vote: 5,
};

/** Compares two ids character by character (UTF-16 code units), the same everywhere. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The order of two events that happened at the same instant: by kind (see `kindRank`), then by id.
 * Never by their row in the file, so a log gives the same result however its rows are arranged.
 */
export function compareSameInstant(a: MonitoringEvent, b: MonitoringEvent): number {
  return kindRank[a.kind] - kindRank[b.kind] || compareIds(a.id, b.id);
}
