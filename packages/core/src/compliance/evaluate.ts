import type { Agreement } from "../model/agreement.js";
import type { MonitoringEvent } from "./events.js";
import { compareIds, compareSameInstant } from "./order.js";
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
  const recordedAt = new Float64Array(n);
  const known: number[] = [];
  let corrections = false;
  for (let i = 0; i < n; i++) {
    const e = events[i]!;
    const time = parseInstant(e.time, zoneOf(e));
    times[i] = time;
    const recorded = e.recorded === undefined ? time : parseInstant(e.recorded, zoneOf(e));
    recordedAt[i] = recorded;
    if (time <= asOf && recorded <= asOf) {
      known.push(i);
      if (e.supersedes !== undefined) corrections = true;
    }
  }
  const live = corrections ? withoutSuperseded(events, known, times, recordedAt) : known;
  let sorted = true;
  for (let k = 1; k < live.length && sorted; k++) {
    const a = live[k - 1]!;
    const b = live[k]!;
    sorted =
      times[a]! < times[b]! || (times[a] === times[b] && compareSameInstant(events[a]!, events[b]!) <= 0);
  }
  if (!sorted)
    live.sort((a, b) => times[a]! - times[b]! || compareSameInstant(events[a]!, events[b]!) || a - b);
  const tracker = new ComplianceTracker(agreement, options);
  for (const i of live) tracker.append(events[i]!, times[i]!);
  tracker.advanceTo(asOf);
  return tracker.report();
}

/**
 * The known events that count: a correction replaces the event it supersedes, and of several
 * corrections of one event only the one recorded last counts (ties: the later time, then the
 * larger id), since each was meant to replace whatever stood before it.
 */
function withoutSuperseded(
  events: readonly MonitoringEvent[],
  known: readonly number[],
  times: Float64Array,
  recordedAt: Float64Array,
): number[] {
  const superseded = new Set<string>();
  const latest = new Map<string, number>();
  for (const i of known) {
    const target = events[i]!.supersedes;
    if (target === undefined) continue;
    superseded.add(target);
    const j = latest.get(target);
    const later =
      j === undefined ||
      recordedAt[i]! > recordedAt[j]! ||
      (recordedAt[i] === recordedAt[j] &&
        (times[i]! > times[j]! || (times[i] === times[j] && compareIds(events[i]!.id, events[j]!.id) > 0)));
    if (later) {
      if (j !== undefined) superseded.add(events[j]!.id);
      latest.set(target, i);
    } else superseded.add(events[i]!.id);
  }
  return known.filter((i) => !superseded.has(events[i]!.id));
}
