import type { Agreement, ForceThresholds, NotificationRules } from "../model/agreement.js";
import type { Mechanism } from "../model/mechanism.js";
import type { MonitoringEvent, NotificationEvent } from "./events.js";
import { type MonitorOptions, monitorAgreement } from "./monitor.js";
import { thresholdsMet } from "./notifications.js";
import { DAY_MS, formatLocalInstant, parseInstant } from "./time.js";
import type {
  BenefitStatus,
  CommitmentStatus,
  Consultation,
  ConsultationStatus,
  StatusChange,
  TimelineEntry,
} from "./types.js";

/**
 * The monitoring dashboard in one value: every commitment with each obligor's state, history and
 * what it unlocks; filed notifications checked against the thresholds; consultations with the
 * votes still awaited; benefits; trust over time per party; and the caller's alerts. Built on
 * `monitorAgreement`, so every state and trust figure is the one `entente monitor --as-of` prints.
 */

/** Who reads the dashboard, for its alerts: the actors it speaks for. */
export interface DashboardReader {
  /** Parties whose delegation the reader belongs to (due-soon and overdue alerts). */
  parties: ReadonlySet<string>;
  /** Guarantors the reader votes for (votes awaited). */
  guarantors: ReadonlySet<string>;
  /** Sees every party's deadlines (mediator, monitors). @default false */
  all?: boolean;
}

export interface DashboardOptions extends MonitorOptions {
  /**
   * Replay with everything known now, each event at the time it happened (a late filing counts
   * from when it happened, not from when it was recorded). @default false: what was known at `asOf`
   */
  hindsight?: boolean;
  /** Actor names by id (ids stand in where a name is missing). */
  names?: ReadonlyMap<string, string>;
  /** For alerts. Without it, no alerts. */
  reader?: DashboardReader;
  /** Days ahead for "falls due" alerts and back for breaches. @default 7 */
  alertDays?: number;
  /** The latest moment of the slider: the server's clock. @default asOf */
  now?: number;
}

export interface Named {
  id: string;
  name: string;
}

export interface DashboardSlot {
  obligor: Named;
  status: CommitmentStatus;
  since?: number;
  start?: number;
  deadline?: number;
  /** The same moments on the agreement's wall clock, e.g. "2015-02-15T00:00+02:00". */
  local: { since?: string; start?: string; deadline?: string };
  onTime?: boolean;
  evidence: string[];
  allegations: number;
  history: Array<{
    at: number;
    local: string;
    from: CommitmentStatus;
    to: CommitmentStatus;
    reason: string;
    events: string[];
    late?: boolean;
  }>;
}

export interface DashboardCommitment {
  id: string;
  title: string;
  kind: "ongoing" | "deliverable";
  phase?: string;
  salience: number;
  /** What a monitor measures, in words, e.g. "heavy-weapons-in-zone in zone-50km <= 0". */
  indicator: string;
  monitors: Named[];
  unlocks: Named[];
  snapBack: Named[];
  mechanism?: Named;
  slots: DashboardSlot[];
}

export interface DashboardNotification {
  id: string;
  party: Named;
  activity: string;
  start: number;
  end?: number;
  local: { filed: string; start: string };
  forces: { troops: number; tanks: number; acv: number; artillery: number };
  /** Threshold categories met (notification duty) and met for observation. */
  notifiable: string[];
  observable: string[];
  /** Whole days between filing and start, against the agreed notice. */
  daysAhead: number;
  late: boolean;
  observersInvited: boolean;
}

export interface DashboardConsultation extends Consultation {
  mechanismName: string;
  commitmentTitle: string;
  accusedName: string;
  /** Guarantors who vote in it, with their latest vote (or none yet). */
  voters: Array<Named & { vote?: "yes" | "no" | "abstain" }>;
  local: { openedAt: string; deadline: string; closedAt?: string };
}

export interface DashboardBenefit {
  id: string;
  name: string;
  kind: string;
  status: BenefitStatus;
  since?: number;
  cause?: string;
  /** Commitments whose verification it waits for. */
  unlockedBy: Named[];
  history: Array<{ at: number; local: string; status: BenefitStatus; cause: string }>;
}

export type AlertKind = "due-soon" | "starts-soon" | "overdue" | "vote-waiting" | "breach";

/** Something the reader should act on or know, in words and as data for the interface's own words. */
export interface DashboardAlert {
  kind: AlertKind;
  at: number;
  local: string;
  commitment?: Named;
  party?: Named;
  consultation?: string;
  guarantor?: Named;
  text: string;
}

export interface MonitoringDashboard {
  agreement: { id: string; title: string; zone: string };
  /** Milestones (those without `at` are set by a `milestone` event). */
  milestones: Array<{ id: string; name: string; fixed: boolean }>;
  /** The body whose rulings settle disputes, and its members. */
  jointCommission?: { id: string; name: string; members: Named[] };
  asOf: number;
  asOfLocal: string;
  hindsight: boolean;
  /** The slider's range: the first start or event, and the later of now and the last event. */
  range: { from: number; to: number };
  statuses: CommitmentStatus[];
  commitments: DashboardCommitment[];
  notificationRules?: NotificationRules;
  notifications: DashboardNotification[];
  /** Notification checks (late, undeclared, exceeds-declared, observers-not-invited). */
  notificationFindings: Array<{
    kind: string;
    party: Named;
    activity?: string;
    at: number;
    local: string;
    events: string[];
    detail: string;
  }>;
  consultations: DashboardConsultation[];
  benefits: DashboardBenefit[];
  trust: Array<{ party: Named; trust: number; points: Array<{ at: number; trust: number }> }>;
  parties: Array<{ party: Named; trust: number; counts: Partial<Record<CommitmentStatus, number>> }>;
  alerts: DashboardAlert[];
  warnings: Array<{ event: string; message: string }>;
}

/** Events with `recorded` dropped, so that each counts from when it happened. */
export function withHindsight(events: readonly MonitoringEvent[]): MonitoringEvent[] {
  return events.map((e) => {
    if (e.recorded === undefined) return e;
    const { recorded: _, ...rest } = e;
    return rest as MonitoringEvent;
  });
}

/** Builds the dashboard of `agreement` at `asOf` from the events the reader may see. Pure. */
export function monitoringDashboard(
  agreement: Agreement,
  mechanisms: readonly Mechanism[],
  events: readonly MonitoringEvent[],
  asOf: number,
  options: DashboardOptions = {},
): MonitoringDashboard {
  const zone = options.zone ?? agreement.zone ?? "UTC";
  const replayed = options.hindsight ? withHindsight(events) : events;
  const view = monitorAgreement(agreement, mechanisms, replayed, asOf, options);
  const names = options.names ?? new Map<string, string>();
  const named = (id: string): Named => ({ id, name: names.get(id) ?? id });
  const local = (ms: number) => formatLocalInstant(ms, zone);
  const benefitName = new Map(agreement.benefits.map((b) => [b.id, b.name]));
  const benefitNamed = (id: string): Named => ({ id, name: benefitName.get(id) ?? id });
  const mechanismName = new Map(mechanisms.map((m) => [m.id, m.name]));
  const title = new Map(agreement.commitments.map((c) => [c.id, c.title]));
  const report = view.report;

  const history = new Map<string, StatusChange[]>();
  for (const ch of report.changes) {
    const key = `${ch.commitment}\u0000${ch.obligor}`;
    const list = history.get(key) ?? [];
    list.push(ch);
    history.set(key, list);
  }
  const commitments: DashboardCommitment[] = agreement.commitments.map((c) => {
    const ind = c.indicator;
    const indicator = [
      ind.metric,
      ind.area ? `in ${ind.area}` : "",
      ind.weaponClasses?.length ? `(${ind.weaponClasses.join(", ")})` : "",
      `${ind.op} ${ind.threshold}`,
    ]
      .filter(Boolean)
      .join(" ");
    return {
      id: c.id,
      title: c.title,
      kind: c.kind,
      ...(c.phase ? { phase: c.phase } : {}),
      salience: c.salience,
      indicator,
      monitors: c.monitors.map(named),
      unlocks: c.unlocks.map(benefitNamed),
      snapBack: (c.onBreach?.snapBack ?? []).map(benefitNamed),
      ...(c.onBreach?.mechanism
        ? {
            mechanism: {
              id: c.onBreach.mechanism,
              name: mechanismName.get(c.onBreach.mechanism) ?? c.onBreach.mechanism,
            },
          }
        : {}),
      slots: report.slots
        .filter((s) => s.commitment === c.id)
        .map((s) => ({
          obligor: named(s.obligor),
          status: s.status,
          ...(s.since !== undefined ? { since: s.since } : {}),
          ...(s.start !== undefined ? { start: s.start } : {}),
          ...(s.deadline !== undefined ? { deadline: s.deadline } : {}),
          local: {
            ...(s.since !== undefined ? { since: local(s.since) } : {}),
            ...(s.start !== undefined ? { start: local(s.start) } : {}),
            ...(s.deadline !== undefined ? { deadline: local(s.deadline) } : {}),
          },
          ...(s.onTime !== undefined ? { onTime: s.onTime } : {}),
          evidence: s.evidence,
          allegations: s.allegations,
          history: (history.get(`${c.id}\u0000${s.obligor}`) ?? []).map((h) => ({
            at: h.at,
            local: local(h.at),
            from: h.from,
            to: h.to,
            reason: h.reason,
            events: h.events,
            ...(h.late !== undefined ? { late: h.late } : {}),
          })),
        })),
    };
  });

  const rules = agreement.notifications;
  const notifications = replayed
    .filter((e): e is NotificationEvent => e.kind === "notification")
    .flatMap((n) => {
      const z = n.zone ?? zone;
      const filed = parseInstant(n.recorded ?? n.time, z);
      if (filed > asOf || parseInstant(n.time, z) > asOf) return [];
      const start = parseInstant(n.start, z);
      const forces = { troops: n.troops, tanks: n.tanks, acv: n.acv, artillery: n.artillery };
      const notifiable = thresholdsMet(forces, rules?.notify);
      const daysAhead = Math.floor((start - filed) / DAY_MS);
      const late = rules !== undefined && notifiable.length > 0 && start - filed < rules.noticeDays * DAY_MS;
      return [
        {
          id: n.id,
          party: named(n.party),
          activity: n.activity,
          start,
          ...(n.end ? { end: parseInstant(n.end, z) } : {}),
          local: { filed: local(filed), start: local(start) },
          forces,
          notifiable,
          observable: thresholdsMet(forces, rules?.observe as ForceThresholds | undefined),
          daysAhead,
          late,
          observersInvited: n.observersInvited,
        },
      ];
    });

  const mechanismOf = new Map(mechanisms.map((m) => [m.id, m]));
  const consultations: DashboardConsultation[] = report.consultations.map((k) => {
    const m = mechanismOf.get(k.mechanism);
    const voters = (m?.guarantors ?? Object.keys(k.votes)).filter(
      (g) => !(m?.accusedVote === "abstains" && g === k.accused),
    );
    return {
      ...k,
      mechanismName: m?.name ?? k.mechanism,
      commitmentTitle: title.get(k.commitment) ?? k.commitment,
      accusedName: named(k.accused).name,
      voters: voters.map((g) => ({ ...named(g), ...(k.votes[g] ? { vote: k.votes[g] } : {}) })),
      local: {
        openedAt: local(k.openedAt),
        deadline: local(k.deadline),
        ...(k.closedAt !== undefined ? { closedAt: local(k.closedAt) } : {}),
      },
    };
  });

  const benefits: DashboardBenefit[] = agreement.benefits.map((b) => {
    const v = report.benefits.find((x) => x.id === b.id);
    return {
      id: b.id,
      name: b.name,
      kind: b.kind,
      status: v?.status ?? "locked",
      ...(v?.since !== undefined ? { since: v.since } : {}),
      ...(v?.cause !== undefined ? { cause: v.cause } : {}),
      unlockedBy: agreement.commitments
        .filter((c) => c.unlocks.includes(b.id))
        .map((c) => ({ id: c.id, name: c.title })),
      history: (v?.history ?? []).map((h) => ({ ...h, local: local(h.at) })),
    };
  });

  let last = asOf;
  for (const e of events) {
    const z = e.zone ?? zone;
    last = Math.max(last, parseInstant(e.time, z), e.recorded ? parseInstant(e.recorded, z) : last);
  }
  const from = Math.min(view.trust[0]?.points[0]?.at ?? asOf, asOf);

  return {
    agreement: { id: agreement.id, title: agreement.title, zone },
    milestones: agreement.milestones.map((m) => ({ id: m.id, name: m.name, fixed: m.at !== undefined })),
    ...(agreement.jointCommission
      ? {
          jointCommission: {
            id: agreement.jointCommission.id,
            name: agreement.jointCommission.name,
            members: agreement.jointCommission.members.map(named),
          },
        }
      : {}),
    asOf,
    asOfLocal: local(asOf),
    hindsight: options.hindsight === true,
    range: { from, to: Math.max(options.now ?? asOf, last) },
    statuses: ["pending", "due", "met", "verified", "violated", "overdue", "disputed", "unverifiable"],
    commitments,
    ...(rules ? { notificationRules: rules } : {}),
    notifications,
    notificationFindings: view.notifications.map((f) => ({
      kind: f.kind,
      party: named(f.party),
      ...(f.activity !== undefined ? { activity: f.activity } : {}),
      at: f.at,
      local: local(f.at),
      events: f.events,
      detail: f.detail,
    })),
    consultations,
    benefits,
    trust: view.trust.map((t) => ({
      party: named(t.party),
      trust: t.points.at(-1)!.trust,
      points: t.points,
    })),
    parties: view.parties.map((p) => ({ party: named(p.party), trust: p.trust, counts: p.counts })),
    alerts: options.reader
      ? dashboardAlerts(commitments, consultations, asOf, options.reader, options.alertDays ?? 7, local)
      : [],
    warnings: report.warnings,
  };
}

/**
 * What the reader should see at `now`: deadlines of its parties' commitments within `days`
 * (and commitments starting then), its overdue commitments, consultations awaiting its guarantors'
 * votes, and every breach found in the last `days`. Sorted by time.
 */
function dashboardAlerts(
  commitments: readonly DashboardCommitment[],
  consultations: readonly DashboardConsultation[],
  now: number,
  reader: DashboardReader,
  days: number,
  local: (ms: number) => string,
): DashboardAlert[] {
  const out: DashboardAlert[] = [];
  const horizon = now + days * DAY_MS;
  const mine = (party: string) => reader.all === true || reader.parties.has(party);
  for (const c of commitments)
    for (const s of c.slots) {
      const who = s.obligor;
      const what = { id: c.id, name: c.title };
      if (
        mine(who.id) &&
        s.deadline !== undefined &&
        s.deadline > now &&
        s.deadline <= horizon &&
        (s.status === "due" || s.status === "met" || s.status === "pending")
      )
        out.push({
          kind: "due-soon",
          at: s.deadline,
          local: local(s.deadline),
          commitment: what,
          party: who,
          text: `${c.title} (${who.name}) falls due on ${local(s.deadline)}`,
        });
      if (
        mine(who.id) &&
        s.status === "pending" &&
        s.start !== undefined &&
        s.start > now &&
        s.start <= horizon
      )
        out.push({
          kind: "starts-soon",
          at: s.start,
          local: local(s.start),
          commitment: what,
          party: who,
          text: `${c.title} (${who.name}) starts on ${local(s.start)}`,
        });
      if (mine(who.id) && s.status === "overdue")
        out.push({
          kind: "overdue",
          at: s.since ?? now,
          local: local(s.since ?? now),
          commitment: what,
          party: who,
          text: `${c.title} (${who.name}) is overdue since ${local(s.since ?? now)}`,
        });
      for (const h of s.history)
        if (h.to === "violated" && h.at <= now && h.at > now - days * DAY_MS)
          out.push({
            kind: "breach",
            at: h.at,
            local: h.local,
            commitment: what,
            party: who,
            text: `Breach of ${c.title} by ${who.name} found on ${h.local}`,
          });
    }
  for (const k of consultations) {
    if (k.status !== "open") continue;
    for (const v of k.voters)
      if (reader.guarantors.has(v.id) && v.vote === undefined)
        out.push({
          kind: "vote-waiting",
          at: k.deadline,
          local: k.local.deadline,
          consultation: k.id,
          commitment: { id: k.commitment, name: k.commitmentTitle },
          party: { id: k.accused, name: k.accusedName },
          guarantor: { id: v.id, name: v.name },
          text: `${v.name}'s vote is awaited in the consultation on ${k.commitmentTitle} (${k.accusedName}) until ${k.local.deadline}`,
        });
  }
  return out.sort((a, b) => a.at - b.at || a.kind.localeCompare(b.kind));
}

/**
 * The alerts a live change brings to a reader: a breach (everyone), a consultation opened that
 * awaits the reader's guarantors, a commitment of the reader's parties falling overdue or coming
 * into force. For the event stream; the dashboard recomputes the full list.
 */
export function alertsFromChanges(
  agreement: Agreement,
  mechanisms: readonly Mechanism[],
  changes: readonly TimelineEntry[],
  reader: DashboardReader,
  names: ReadonlyMap<string, string> = new Map(),
): DashboardAlert[] {
  const zone = agreement.zone ?? "UTC";
  const name = (id: string) => names.get(id) ?? id;
  const commitment = new Map(agreement.commitments.map((c) => [c.id, c]));
  const mine = (party: string) => reader.all === true || reader.parties.has(party);
  const out: DashboardAlert[] = [];
  for (const e of changes) {
    const local = formatLocalInstant(e.at, zone);
    if (e.type === "status") {
      const c = { id: e.commitment, name: commitment.get(e.commitment)?.title ?? e.commitment };
      const party = { id: e.obligor, name: name(e.obligor) };
      if (e.to === "violated")
        out.push({
          kind: "breach",
          at: e.at,
          local,
          commitment: c,
          party,
          text: `Breach of ${c.name} by ${party.name} found on ${local}`,
        });
      else if (e.to === "overdue" && mine(e.obligor))
        out.push({
          kind: "overdue",
          at: e.at,
          local,
          commitment: c,
          party,
          text: `${c.name} (${party.name}) is overdue since ${local}`,
        });
      else if (e.to === "due" && e.from === "pending" && mine(e.obligor))
        out.push({
          kind: "starts-soon",
          at: e.at,
          local,
          commitment: c,
          party,
          text: `${c.name} (${party.name}) starts on ${local}`,
        });
    } else if (e.type === "consultation" && (e.status as ConsultationStatus) === "open") {
      const [cid = "", accused = ""] = e.id.split(":");
      const c = commitment.get(cid);
      const m = mechanisms.find((x) => x.id === c?.onBreach?.mechanism);
      for (const g of m?.guarantors ?? [])
        if (reader.guarantors.has(g) && !(m?.accusedVote === "abstains" && g === accused))
          out.push({
            kind: "vote-waiting",
            at: e.at,
            local,
            consultation: e.id,
            commitment: { id: cid, name: c?.title ?? cid },
            party: { id: accused, name: name(accused) },
            guarantor: { id: g, name: name(g) },
            text: `${name(g)}'s vote is awaited in the consultation on ${c?.title ?? cid} (${name(accused)})`,
          });
    }
  }
  return out;
}

/**
 * The problems of an event's references to the agreement, in words: a commitment the agreement
 * does not have, or a party that is none of the commitment's obligors. Empty when all resolve.
 */
export function eventReferenceProblems(
  agreement: Agreement,
  event: MonitoringEvent,
  names: ReadonlyMap<string, string> = new Map(),
): Array<{ field: string; message: string }> {
  const out: Array<{ field: string; message: string }> = [];
  const id = "commitment" in event ? event.commitment : undefined;
  if (id === undefined) return out;
  const c = agreement.commitments.find((x) => x.id === id);
  if (!c) {
    const list = agreement.commitments.map((x) => `${x.title} (${x.id})`).join("; ");
    out.push({
      field: "commitment",
      message: `there is no commitment '${id}' in ${agreement.title}; its commitments are: ${list}`,
    });
    return out;
  }
  const party = "party" in event ? event.party : undefined;
  if (party !== undefined && !c.obligors.includes(party))
    out.push({
      field: "party",
      message: `${names.get(party) ?? party} is not bound by ${c.title}; its obligors are ${c.obligors
        .map((o) => names.get(o) ?? o)
        .join(", ")}`,
    });
  if (event.kind === "declaration" && !c.obligors.includes(event.by))
    out.push({
      field: "by",
      message: `${names.get(event.by) ?? event.by} cannot declare ${c.title} met: it is not one of its obligors`,
    });
  return out;
}
