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
  const n = events.length;
  const times = new Float64Array(n);
  const known: number[] = [];
  let corrections = false;
  for (let i = 0; i < n; i++) {
    const e = events[i]!;
    const time = parseInstant(e.time, zoneOf(e));
    times[i] = time;
    const recorded = e.recorded === undefined ? time : parseInstant(e.recorded, zoneOf(e));
    if (time <= asOf && recorded <= asOf) {
      known.push(i);
      if (e.supersedes !== undefined) corrections = true;
    }
  }
  let live = known;
  if (corrections) {
    const superseded = new Set<string>();
    for (const i of known) {
      const s = events[i]!.supersedes;
      if (s !== undefined) superseded.add(s);
    }
    live = known.filter((i) => !superseded.has(events[i]!.id));
  }
  let sorted = true;
  for (let k = 1; k < live.length && sorted; k++) sorted = times[live[k - 1]!]! <= times[live[k]!]!;
  if (!sorted) live.sort((a, b) => times[a]! - times[b]! || a - b);
  const tracker = new ComplianceTracker(agreement, options);
  for (const i of live) tracker.append(events[i]!, times[i]!);
  tracker.advanceTo(asOf);
  return tracker.report();
}
