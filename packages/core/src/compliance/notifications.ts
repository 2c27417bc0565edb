import type { ForceThresholds, NotificationRules } from "../model/agreement.js";
import type { ActivityEvent, MonitoringEvent, NotificationEvent } from "./events.js";
import { compareIds } from "./order.js";
import { DAY_MS, parseInstant } from "./time.js";

export type NotificationFindingKind = "late" | "undeclared" | "exceeds-declared" | "observers-not-invited";

/** A breach of the notification rules, with the events that show it. */
export interface NotificationFinding {
  kind: NotificationFindingKind;
  party: string;
  activity?: string;
  /** When it became apparent: the notification's filing, or the observation. */
  at: number;
  events: string[];
  detail: string;
}

const categories = ["troops", "tanks", "acv", "artillery"] as const;
type Forces = Record<(typeof categories)[number], number>;

/**
 * The categories in which `forces` meets or exceeds a threshold. Vienna Document 2011 words each
 * threshold as "meets or exceeds" (¶40.1.1, ¶47.4), so exactly 9,000 troops already counts.
 */
export function thresholdsMet(forces: Forces, t: ForceThresholds | undefined): string[] {
  if (!t) return [];
  return categories.filter((c) => t[c] !== undefined && forces[c] >= t[c]!);
}

const describeForces = (f: Forces) => categories.map((c) => `${c} ${f[c]}`).join(", ");

interface Timed<E> {
  e: E;
  /** When it was filed: `recorded`, or `time` when the event states no recording time. */
  time: number;
  /** The event's own time (when the activity was observed). */
  observed: number;
  start: number;
  end: number;
}

/**
 * Checks declared and observed military activities against the agreed thresholds as known at
 * `asOf`: a declaration filed fewer than `noticeDays` before the start; an observed activity above
 * the notification threshold that nobody declared; more forces observed than declared; and no
 * observers invited to an activity at or above the observation threshold.
 */
export function checkNotifications(
  rules: NotificationRules,
  events: readonly MonitoringEvent[],
  asOf: number,
  zone?: string,
): NotificationFinding[] {
  const out: NotificationFinding[] = [];
  const superseded = new Set(events.flatMap((e) => (e.supersedes ? [e.supersedes] : [])));
  const notes: Array<Timed<NotificationEvent>> = [];
  const seen: Array<Timed<ActivityEvent>> = [];
  for (const e of events) {
    if ((e.kind !== "notification" && e.kind !== "activity") || superseded.has(e.id)) continue;
    const z = e.zone ?? zone;
    const time = parseInstant(e.recorded ?? e.time, z);
    if (time > asOf || parseInstant(e.time, z) > asOf) continue;
    const start = parseInstant(e.start, z);
    const end = e.end === undefined ? start : parseInstant(e.end, z);
    if (e.kind === "notification") notes.push({ e, time, start, end, observed: time });
    else seen.push({ e, time, start, end, observed: parseInstant(e.time, z) });
  }
  // Never row order: declarations by filing time, observations by when they were recorded, then by
  // when they were seen, then by id; so a flag is dated at the earliest observation that shows it.
  notes.sort((x, y) => x.time - y.time || compareIds(x.e.id, y.e.id));
  seen.sort((x, y) => x.time - y.time || x.observed - y.observed || compareIds(x.e.id, y.e.id));
  const invitedMissing = new Set<string>();
  const flagObservers = (n: Timed<NotificationEvent>, forces: Forces, at: number, ids: string[]) => {
    const met = thresholdsMet(forces, rules.observe);
    if (met.length === 0 || n.e.observersInvited || invitedMissing.has(n.e.id)) return;
    invitedMissing.add(n.e.id);
    out.push({
      kind: "observers-not-invited",
      party: n.e.party,
      activity: n.e.activity,
      at,
      events: ids,
      detail: `${met.join(", ")} at or above the observation threshold, and no observers invited`,
    });
  };
  for (const n of notes) {
    const met = thresholdsMet(n.e, rules.notify);
    const lead = n.start - n.time;
    if (met.length > 0 && lead < rules.noticeDays * DAY_MS)
      out.push({
        kind: "late",
        party: n.e.party,
        activity: n.e.activity,
        at: n.time,
        events: [n.e.id],
        detail: `declared ${(lead / DAY_MS).toFixed(1)} days ahead; ${rules.noticeDays} required (${met.join(", ")} at or above the threshold)`,
      });
    flagObservers(n, n.e, n.time, [n.e.id]);
  }
  for (const a of seen) {
    const party = a.e.party;
    const match = notes.find(
      (n) =>
        n.e.party === party &&
        (a.e.activity !== undefined
          ? n.e.activity === a.e.activity
          : a.start <= n.end && n.start <= a.end && (a.e.area === undefined || n.e.area === a.e.area)),
    );
    if (!match) {
      const met = thresholdsMet(a.e, rules.notify);
      if (met.length > 0)
        out.push({
          kind: "undeclared",
          party,
          ...(a.e.activity !== undefined ? { activity: a.e.activity } : {}),
          at: a.time,
          events: [a.e.id],
          detail: `observed ${describeForces(a.e)}; ${met.join(", ")} at or above the notification threshold, no declaration`,
        });
      continue;
    }
    const over = categories.filter((c) => a.e[c] > match.e[c]);
    if (over.length > 0)
      out.push({
        kind: "exceeds-declared",
        party,
        activity: match.e.activity,
        at: a.time,
        events: [match.e.id, a.e.id],
        detail: over.map((c) => `${c}: observed ${a.e[c]}, declared ${match.e[c]}`).join("; "),
      });
    flagObservers(match, a.e, a.time, [match.e.id, a.e.id]);
  }
  return out.sort((x, y) => x.at - y.at);
}
