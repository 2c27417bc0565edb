import type { Agreement } from "../model/agreement.js";
import type { Mechanism } from "../model/mechanism.js";
import { evaluateCompliance } from "./evaluate.js";
import type { MonitoringEvent } from "./events.js";
import { mechanismSpec } from "./mechanisms.js";
import { checkNotifications, type NotificationFinding } from "./notifications.js";
import { parseInstant } from "./time.js";
import { type TrustOptions, type TrustSeries, trustSeries } from "./trust.js";
import type { CommitmentStatus, ComplianceReport } from "./types.js";

/** Everything a monitoring dashboard shows, at one moment. */
export interface MonitoringView {
  agreement: { id: string; title: string };
  asOf: number;
  report: ComplianceReport;
  notifications: NotificationFinding[];
  /** Trust per party over time (`points` evenly spaced from the first start or event to `asOf`). */
  trust: TrustSeries[];
  /** Per party, how many of its commitments are in each state. */
  parties: Array<{ party: string; counts: Partial<Record<CommitmentStatus, number>>; trust: number }>;
}

export interface MonitorOptions extends TrustOptions {
  /** Points in the trust chart. @default 60 */
  points?: number;
  zone?: string;
}

/**
 * The monitoring dashboard of an agreement: the compliance report with consultations decided by
 * the scenario's own mechanisms, the notification checks, and the trust index over time. Pure.
 */
export function monitorAgreement(
  agreement: Agreement,
  mechanisms: readonly Mechanism[],
  events: readonly MonitoringEvent[],
  asOf: number,
  options: MonitorOptions = {},
): MonitoringView {
  const report = evaluateCompliance(agreement, events, asOf, {
    mechanisms: mechanisms.map(mechanismSpec),
    ...(options.zone ? { zone: options.zone } : {}),
  });
  const notifications = agreement.notifications
    ? checkNotifications(agreement.notifications, events, asOf, options.zone ?? agreement.zone)
    : [];
  let from = asOf;
  for (const s of report.slots) if (s.start !== undefined && s.start < from) from = s.start;
  for (const e of events)
    from = Math.min(from, parseInstant(e.time, e.zone ?? options.zone ?? agreement.zone));
  const n = Math.max(2, options.points ?? 60);
  const times = Array.from({ length: n }, (_, i) => from + ((asOf - from) * i) / (n - 1));
  const trust = trustSeries(agreement, report, times, options);
  const parties = trust.map((t) => {
    const counts: Partial<Record<CommitmentStatus, number>> = {};
    for (const s of report.slots) if (s.obligor === t.party) counts[s.status] = (counts[s.status] ?? 0) + 1;
    return { party: t.party, counts, trust: t.points.at(-1)!.trust };
  });
  return {
    agreement: { id: agreement.id, title: agreement.title },
    asOf,
    report,
    notifications,
    trust,
    parties,
  };
}
