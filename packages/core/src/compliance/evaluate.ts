import type { Agreement } from "../model/agreement.js";
import type { MonitoringEvent } from "./events.js";
import { parseInstant } from "./time.js";
import { ComplianceTracker } from "./tracker.js";
import type { ComplianceOptions, ComplianceReport } from "./types.js";

/**
 * The state of every commitment for every obligor at `asOf`, as it was known then: only events
 * recorded by `asOf` count, a correction replaces the event it supersedes, and every start, deadline
 * and consultation deadline up to `asOf` takes effect. A pure function of (agreement, events, time).
 */
export function evaluateCompliance(
  agreement: Agreement,
  events: readonly MonitoringEvent[],
  asOf: number,
  options: ComplianceOptions = {},
): ComplianceReport {
  const zoneOf = (e: MonitoringEvent) => e.zone ?? options.zone ?? agreement.zone;
  const known: Array<{ e: MonitoringEvent; time: number; i: number }> = [];
  events.forEach((e, i) => {
    const time = parseInstant(e.time, zoneOf(e));
    const recorded = e.recorded === undefined ? time : parseInstant(e.recorded, zoneOf(e));
    if (time <= asOf && recorded <= asOf) known.push({ e, time, i });
  });
  const superseded = new Set<string>();
  for (const k of known) if (k.e.supersedes !== undefined) superseded.add(k.e.supersedes);
  const live = known.filter((k) => !superseded.has(k.e.id));
  let sorted = true;
  for (let k = 1; k < live.length && sorted; k++) sorted = live[k - 1]!.time <= live[k]!.time;
  if (!sorted) live.sort((a, b) => a.time - b.time || a.i - b.i);
  const tracker = new ComplianceTracker(agreement, options);
  for (const k of live) tracker.append(k.e, k.time);
  tracker.advanceTo(asOf);
  return tracker.report();
}
