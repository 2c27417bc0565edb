import type { Agreement } from "../model/agreement.js";
import { closeAtDeadline, openConsultation, recordVote } from "./consultations.js";
import type { MonitoringEvent } from "./events.js";
import { compareIds, compareSameInstant } from "./order.js";
import { Schedule } from "./schedule.js";
import { HOUR_MS, parseInstant } from "./time.js";
import { TimerQueue, timerTime } from "./timer-queue.js";
import type {
  BenefitStatus,
  BenefitView,
  CommitmentStatus,
  ComplianceOptions,
  ComplianceReport,
  Consultation,
  MechanismSpec,
  SlotView,
  StatusChange,
  TimelineEntry,
} from "./types.js";
import { CommitmentIndex, type Verdict, verdictOf } from "./verdict.js";

interface Slot {
  ci: number;
  obligor: string;
  status: CommitmentStatus;
  since: number;
  evidence: string[];
  allegations: number;
  lastBreach: number;
  lastBreachId: string;
  lastComply: number;
  lastComplyId: string;
  referred: boolean;
  onTime?: boolean;
  openConsultation: number;
}

/**
 * The compliance state machine, fed events in time order. `append` applies one event in O(1)
 * amortised (plus the commitments it names), so a live log is followed incrementally; an event
 * older than the clock or a correction of an applied event replays the log from the start, which
 * keeps the result identical to a full evaluation. Pure: no clock, the caller says what time it is.
 */
export class ComplianceTracker {
  private readonly index: CommitmentIndex;
  private readonly mechanisms: Map<string, MechanismSpec>;
  private readonly unlockers = new Map<string, number[]>();
  // The log as parallel arrays (no object per event): events, their instants, in arrival order.
  private storedEvents: MonitoringEvent[] = [];
  private storedTimes: number[] = [];
  private superseded = new Set<string>();
  /** The correction that counts for each corrected event id. */
  private corrections = new Map<string, { id: string; time: number; recorded: number }>();
  private replays = 0;

  private clock = Number.NEGATIVE_INFINITY;
  /** Key (see TimerQueue) of the last thing processed; an event keyed below it arrived out of order. */
  private lastKey = Number.NEGATIVE_INFINITY;
  /** The last event applied and its instant: one at the same instant that ranks before it is out of order. */
  private lastEvent: MonitoringEvent | undefined;
  private lastEventTime = Number.NEGATIVE_INFINITY;
  private slots: Slot[] = [];
  private slotsOf: Slot[][] = [];
  private slotKey = new Map<string, Slot>();
  private timers = new TimerQueue();
  private schedule!: Schedule;
  private consultations: Consultation[] = [];
  private consultationById = new Map<string, number>();
  private benefits = new Map<string, BenefitView>();
  private changes: StatusChange[] = [];
  private timeline: TimelineEntry[] = [];
  private warnings: ComplianceReport["warnings"] = [];

  constructor(
    readonly agreement: Agreement,
    private readonly options: ComplianceOptions = {},
  ) {
    this.index = new CommitmentIndex(agreement);
    this.mechanisms = new Map((options.mechanisms ?? []).map((m) => [m.id, m]));
    agreement.commitments.forEach((c, ci) => {
      for (const b of c.unlocks) this.unlockers.set(b, [...(this.unlockers.get(b) ?? []), ci]);
    });
    this.reset();
  }

  private reset(): void {
    const a = this.agreement;
    this.clock = Number.NEGATIVE_INFINITY;
    this.lastKey = Number.NEGATIVE_INFINITY;
    this.lastEvent = undefined;
    this.lastEventTime = Number.NEGATIVE_INFINITY;
    this.slots = [];
    this.slotsOf = [];
    this.slotKey.clear();
    this.timers = new TimerQueue();
    this.consultations = [];
    this.consultationById.clear();
    this.changes = [];
    this.timeline = [];
    this.warnings = [];
    a.commitments.forEach((c, ci) => {
      const list: Slot[] = [];
      for (const o of c.obligors) {
        const s: Slot = {
          ci,
          obligor: o,
          status: c.start ? "pending" : "due",
          since: Number.NEGATIVE_INFINITY,
          evidence: [],
          allegations: 0,
          lastBreach: Number.NEGATIVE_INFINITY,
          lastBreachId: "",
          lastComply: Number.NEGATIVE_INFINITY,
          lastComplyId: "",
          referred: false,
          openConsultation: -1,
        };
        list.push(s);
        this.slots.push(s);
        this.slotKey.set(`${c.id}\u0000${o}`, s);
      }
      this.slotsOf.push(list);
    });
    this.benefits = new Map(a.benefits.map((b) => [b.id, { id: b.id, status: "locked", history: [] }]));
    this.schedule = new Schedule(a, this.index.byId, this.timers);
  }

  /** Fires every timer due before an event at `t` (starts at `t` included, deadlines at `t` not). */
  private fireTimers(key: number): void {
    for (let timer = this.timers.popUpTo(key); timer; timer = this.timers.popUpTo(key)) {
      const at = timerTime(timer);
      if (timer.key > this.lastKey) this.lastKey = timer.key;
      if (timer.kind === "consultation") {
        const c = this.consultations[timer.index]!;
        if (c.status !== "open") continue;
        closeAtDeadline(c, this.mechanisms.get(c.mechanism)!);
        this.timeline.push({ type: "consultation", at, id: c.id, status: c.status, summary: c.summary });
        this.clearOpen(c);
        continue;
      }
      const deliverable = this.agreement.commitments[timer.index]!.kind === "deliverable";
      for (const s of this.slotsOf[timer.index]!) {
        if (timer.kind === "start" && s.status === "pending")
          this.set(s, "due", at, [], "the commitment started");
        if (timer.kind === "deadline" && deliverable && s.status === "due")
          this.set(s, "overdue", at, [], "the deadline passed without compliance");
      }
    }
  }

  private clearOpen(c: Consultation): void {
    const s = this.slotKey.get(`${c.commitment}\u0000${c.accused}`);
    if (s) s.openConsultation = -1;
  }

  private set(s: Slot, to: CommitmentStatus, at: number, events: string[], reason: string): void {
    const from = s.status;
    const c = this.agreement.commitments[s.ci]!;
    s.status = to;
    s.since = at;
    s.evidence = events;
    const change: StatusChange = { at, commitment: c.id, obligor: s.obligor, from, to, events, reason };
    if (to === "verified") {
      const d = this.schedule.deadline[s.ci];
      s.onTime = d === undefined || at <= d;
      change.late = !s.onTime;
    }
    this.changes.push(change);
    this.timeline.push({ type: "status", ...change });
    if (to === "verified") {
      this.afterVerified(s.ci, at);
    } else if (to === "violated") {
      s.onTime = false;
      this.afterBreach(s, at, events);
    } else if (to === "overdue") s.onTime = false;
  }

  private afterVerified(ci: number, at: number): void {
    const slots = this.slotsOf[ci]!;
    if (slots.every((x) => x.status === "verified")) this.schedule.markVerified(ci, at);
    for (const b of this.agreement.commitments[ci]!.unlocks) {
      const view = this.benefits.get(b);
      if (view?.status !== "locked") continue;
      const ready = (this.unlockers.get(b) ?? []).every((k) =>
        this.slotsOf[k]!.every((x) => x.status === "verified"),
      );
      if (ready) this.setBenefit(view, "unlocked", at, this.agreement.commitments[ci]!.id);
    }
  }

  private afterBreach(s: Slot, at: number, events: string[]): void {
    const c = this.agreement.commitments[s.ci]!;
    for (const b of c.onBreach?.snapBack ?? []) {
      const view = this.benefits.get(b);
      if (view?.status === "unlocked") this.setBenefit(view, "snapped-back", at, c.id);
    }
    const mid = c.onBreach?.mechanism;
    if (!mid || s.openConsultation >= 0) return;
    const m = this.mechanisms.get(mid);
    if (!m) {
      this.warnings.push({
        event: events[0] ?? "",
        message: `breach of '${c.id}' names mechanism '${mid}', which the engine was not given`,
      });
      return;
    }
    const n = this.consultations.filter((x) => x.commitment === c.id && x.accused === s.obligor).length + 1;
    const cons = openConsultation(m, `${c.id}:${s.obligor}:${n}`, c.id, s.obligor, at, events);
    s.openConsultation = this.consultations.length;
    this.consultationById.set(cons.id, this.consultations.length);
    this.consultations.push(cons);
    this.timers.push(cons.deadline, "consultation", s.openConsultation);
    this.timeline.push({ type: "consultation", at, id: cons.id, status: "open", summary: cons.summary });
  }

  private setBenefit(v: BenefitView, status: BenefitStatus, at: number, cause: string): void {
    v.status = status;
    v.since = at;
    v.cause = cause;
    v.history.push({ at, status, cause });
    this.timeline.push({ type: "benefit", at, id: v.id, status, cause });
  }

  private verdict(s: Slot, v: Verdict, t: number, id: string): void {
    const window = this.agreement.verification.disputeWindowHours * HOUR_MS;
    if (v === "breach") {
      s.lastBreach = t;
      s.lastBreachId = id;
      if (s.referred || s.status === "violated") s.evidence.push(id);
      else if (t - s.lastComply <= window && s.status === "disputed") s.evidence.push(id);
      else if (t - s.lastComply <= window)
        this.set(s, "disputed", t, [s.lastComplyId, id], "verified findings contradict each other");
      else this.set(s, "violated", t, [id], "a verified report shows a breach");
    } else if (v === "comply") {
      s.lastComply = t;
      s.lastComplyId = id;
      if (s.referred || s.status === "verified") s.evidence.push(id);
      else if (t - s.lastBreach <= window && s.status === "disputed") s.evidence.push(id);
      else if (t - s.lastBreach <= window)
        this.set(s, "disputed", t, [s.lastBreachId, id], "verified findings contradict each other");
      else this.set(s, "verified", t, [id], "a designated monitor verified compliance");
    } else if (!s.referred && s.status !== "violated" && s.status !== "disputed" && s.status !== "overdue") {
      if (s.status === "unverifiable") s.evidence.push(id);
      else this.set(s, "unverifiable", t, [id], "the monitor was denied access");
    }
  }

  private notStarted(event: string, commitment: string, obligor: string): void {
    this.warnings.push({
      event,
      message: `commitment '${commitment}' has not started for '${obligor}' yet; the event does not count`,
    });
  }

  /** The slot when its commitment has started; undefined (with a warning) while it is pending. */
  private started(s: Slot | undefined, event: string): Slot | undefined {
    if (s?.status !== "pending") return s;
    this.notStarted(event, this.agreement.commitments[s.ci]!.id, s.obligor);
    return undefined;
  }

  private slot(commitment: string, party: string, event: string): Slot | undefined {
    const s = this.slotKey.get(`${commitment}\u0000${party}`);
    if (!s)
      this.warnings.push({ event, message: `'${party}' is not an obligor of commitment '${commitment}'` });
    return s;
  }

  private apply(e: MonitoringEvent, t: number): void {
    this.fireTimers(2 * t);
    if (t > this.clock) this.clock = t;
    if (2 * t > this.lastKey) this.lastKey = 2 * t;
    this.lastEvent = e;
    this.lastEventTime = t;
    switch (e.kind) {
      case "report":
      case "inspection": {
        const cis = this.index.matches(e);
        if (cis.length === 0 && (e.commitment !== undefined || e.metric !== undefined))
          this.warnings.push({ event: e.id, message: "matches no commitment of the agreement" });
        for (const ci of cis) {
          const c = this.agreement.commitments[ci]!;
          const v = verdictOf(e, c);
          if (v === undefined) continue;
          const verified = this.index.isVerifiedFinding(e, c);
          for (const s of this.slotsOf[ci]!) {
            // A finding names its party; one without a party verifies (or blocks) every obligor
            // but cannot attribute a breach.
            if (e.party !== undefined ? s.obligor !== e.party : v === "breach") continue;
            // Before its start a commitment binds nobody: findings about it are not evidence.
            if (s.status === "pending") {
              this.notStarted(e.id, c.id, s.obligor);
              continue;
            }
            if (verified) this.verdict(s, v, t, e.id);
            else s.allegations++;
          }
        }
        break;
      }
      case "declaration": {
        // A party's own word moves only a commitment in force and not yet judged: before the start
        // there is nothing to meet, after the deadline it stays overdue until a monitor verifies it,
        // and no claim outweighs a monitor's finding, a dispute or a ruling.
        const s = this.started(this.slot(e.commitment, e.by, e.id), e.id);
        if (s?.status === "due") this.set(s, "met", t, [e.id], `${e.by} declared the commitment met`);
        break;
      }
      case "referral": {
        const s = this.started(this.slot(e.commitment, e.party, e.id), e.id);
        if (s) {
          s.referred = true;
          // A slot already disputed stays so; the referral is more evidence, not a new change.
          if (s.status === "disputed") s.evidence.push(e.id);
          else this.set(s, "disputed", t, [e.id], "referred to the joint commission");
        }
        break;
      }
      case "ruling": {
        const jc = this.agreement.jointCommission;
        if (!jc || e.by !== jc.id) {
          this.warnings.push({
            event: e.id,
            message: `rulings come from the joint commission, not '${e.by}'`,
          });
          break;
        }
        const s = this.started(this.slot(e.commitment, e.party, e.id), e.id);
        if (!s) break;
        s.referred = false;
        const refs = [...e.refs, e.id];
        const to =
          e.finding === "violation" ? "violated" : e.finding === "compliance" ? "verified" : "unverifiable";
        // A ruling that confirms the current state is more evidence for it, not a new change.
        if (s.status === to) s.evidence.push(...refs);
        else if (to === "violated") this.set(s, to, t, refs, `${jc.name} ruled it a violation`);
        else if (to === "verified") this.set(s, to, t, refs, `${jc.name} ruled it compliant`);
        else this.set(s, to, t, refs, `${jc.name} could not decide`);
        break;
      }
      case "vote": {
        const k = this.consultationById.get(e.consultation);
        const c = k === undefined ? undefined : this.consultations[k];
        const m = c && this.mechanisms.get(c.mechanism);
        if (!c || !m)
          this.warnings.push({ event: e.id, message: `unknown consultation '${e.consultation}'` });
        else if (c.status !== "open")
          this.warnings.push({ event: e.id, message: `consultation '${c.id}' is closed` });
        else if (!m.guarantors.includes(e.by))
          this.warnings.push({ event: e.id, message: `'${e.by}' is not a guarantor of ${m.id}` });
        else if (m.accusedAbstains && e.by === c.accused)
          this.warnings.push({
            event: e.id,
            message: `'${e.by}' is the accused and does not vote in ${c.id} (the mechanism recuses the accused)`,
          });
        else if (recordVote(c, m, e.by, e.vote, t)) {
          this.timeline.push({ type: "consultation", at: t, id: c.id, status: c.status, summary: c.summary });
          this.clearOpen(c);
        }
        break;
      }
      case "milestone": {
        if (!this.schedule.setMilestone(e.milestone, t))
          this.warnings.push({ event: e.id, message: `'${e.milestone}' is not a milestone set by an event` });
        break;
      }
      default:
        break; // notifications and observed activities are checked by checkNotifications
    }
  }

  private timeOf(e: MonitoringEvent): number {
    return parseInstant(e.time, e.zone ?? this.options.zone ?? this.agreement.zone);
  }

  private recordedOf(e: MonitoringEvent): number {
    return parseInstant(e.recorded ?? e.time, e.zone ?? this.options.zone ?? this.agreement.zone);
  }

  /**
   * Adds one event to the log and applies it. Events arriving in time order are applied
   * incrementally; a late one, or a correction of an applied event, replays the whole log.
   * `time` is the event's instant when the caller has already parsed it.
   */
  append(e: MonitoringEvent, time: number = this.timeOf(e)): void {
    this.storedEvents.push(e);
    this.storedTimes.push(time);
    if (e.supersedes !== undefined) {
      this.superseded.add(e.supersedes);
      const target = e.supersedes;
      const mine = { id: e.id, time, recorded: e.recorded === undefined ? time : this.recordedOf(e) };
      const previous = this.corrections.get(target);
      if (previous !== undefined) {
        // Of two corrections of one event, the one recorded last counts (ties: later time, larger id).
        const later =
          mine.recorded - previous.recorded || mine.time - previous.time || compareIds(mine.id, previous.id);
        this.superseded.add(later > 0 ? previous.id : mine.id);
        if (later > 0) this.corrections.set(target, mine);
        this.replay();
        return;
      }
      this.corrections.set(target, mine);
      const applied = this.storedEvents.some((x) => x.id === target);
      if (applied || this.outOfOrder(e, time)) {
        this.replay();
        return;
      }
    }
    if (this.superseded.has(e.id)) return;
    // In order when nothing later (event or fired timer) has been processed; the clock may have
    // run further without firing anything, which a late-filed report does not disturb.
    if (this.outOfOrder(e, time)) this.replay();
    else this.apply(e, time);
  }

  /** Whether `e` at `time` sorts before something already processed (see `order.ts` for ties). */
  private outOfOrder(e: MonitoringEvent, time: number): boolean {
    if (2 * time < this.lastKey) return true;
    return (
      time === this.lastEventTime && this.lastEvent !== undefined && compareSameInstant(e, this.lastEvent) < 0
    );
  }

  /** Runs the clock forward to `t`: starts, deadlines and consultation deadlines up to `t` take effect. */
  advanceTo(t: number): void {
    this.fireTimers(2 * t + 1);
    if (t > this.clock) this.clock = t;
  }

  private replay(): void {
    this.replays++;
    const clock = this.clock;
    this.reset();
    const order: number[] = [];
    for (let i = 0; i < this.storedEvents.length; i++)
      if (!this.superseded.has(this.storedEvents[i]!.id)) order.push(i);
    const times = this.storedTimes;
    const ev = this.storedEvents;
    order.sort((a, b) => times[a]! - times[b]! || compareSameInstant(ev[a]!, ev[b]!) || a - b);
    for (const i of order) this.apply(this.storedEvents[i]!, times[i]!);
    if (clock > this.clock) this.advanceTo(clock);
  }

  /** A snapshot of every commitment, consultation and benefit as of the tracker's clock. */
  report(): ComplianceReport {
    const finite = (x: number | undefined) => (x !== undefined && Number.isFinite(x) ? x : undefined);
    const slots: SlotView[] = this.slots.map((s) => {
      const view: SlotView = {
        commitment: this.agreement.commitments[s.ci]!.id,
        obligor: s.obligor,
        status: s.status,
        evidence: [...s.evidence],
        allegations: s.allegations,
      };
      const since = finite(s.since);
      if (since !== undefined) view.since = since;
      const start = finite(this.schedule.start[s.ci]);
      const deadline = finite(this.schedule.deadline[s.ci]);
      if (start !== undefined) view.start = start;
      if (deadline !== undefined) view.deadline = deadline;
      if (s.onTime !== undefined) view.onTime = s.onTime;
      return view;
    });
    return {
      asOf: this.clock,
      slots,
      changes: [...this.changes],
      consultations: this.consultations.map((c) => ({ ...c, votes: { ...c.votes } })),
      benefits: [...this.benefits.values()].map((b) => ({ ...b, history: [...b.history] })),
      timeline: [...this.timeline],
      warnings: [...this.warnings],
    };
  }

  /**
   * The next moment something will happen without any new event (a start, a deadline, a
   * consultation closing), or undefined when nothing is scheduled. A server's scheduler sleeps
   * until then and calls `advanceTo`.
   */
  nextDueAt(): number | undefined {
    const t = this.timers.peek();
    return t === undefined ? undefined : timerTime(t);
  }

  /** How many times the log was replayed (a late event or a correction); the timeline was rebuilt each time. */
  replayCount(): number {
    return this.replays;
  }

  /** How many timeline entries exist so far; `timelineSince(n)` returns those added after. */
  timelineLength(): number {
    return this.timeline.length;
  }

  /** Timeline entries from index `n` on (what changed since a subscriber last looked). */
  timelineSince(n: number): TimelineEntry[] {
    return this.timeline.slice(n);
  }

  /** All events appended so far, in arrival order. */
  events(): MonitoringEvent[] {
    return [...this.storedEvents];
  }
}
