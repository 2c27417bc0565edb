import type { Agreement, TimeRef } from "../model/agreement.js";
import { addDuration, parseInstant } from "./time.js";
import type { TimerQueue } from "./timer-queue.js";

/**
 * When each commitment starts and falls due. Absolute times are known at once; relative ones
 * resolve as what they count from happens (a milestone event, another commitment's start,
 * deadline or verification), and each resolved time is queued as a timer.
 */
export class Schedule {
  readonly start: Array<number | undefined>;
  readonly deadline: Array<number | undefined>;
  readonly verifiedAt: Array<number | undefined>;
  private readonly milestones = new Map<string, number>();
  private readonly unresolved: Set<number>;

  constructor(
    private readonly agreement: Agreement,
    private readonly byId: ReadonlyMap<string, number>,
    private readonly timers: TimerQueue,
  ) {
    const a = agreement;
    for (const m of a.milestones)
      if (m.at && "at" in m.at) this.milestones.set(m.id, parseInstant(m.at.at, m.at.zone ?? a.zone));
    this.start = a.commitments.map(() => undefined);
    this.deadline = a.commitments.map(() => undefined);
    this.verifiedAt = a.commitments.map(() => undefined);
    this.unresolved = new Set(a.commitments.map((_, i) => i));
    this.resolveTimes();
  }

  /** Sets a milestone declared without a time; false when it is unknown, fixed, or already set. */
  setMilestone(id: string, t: number): boolean {
    const m = this.agreement.milestones.find((x) => x.id === id);
    if (!m || m.at) return false;
    if (!this.milestones.has(id)) {
      this.milestones.set(id, t);
      this.resolveTimes();
    }
    return true;
  }

  /** Records the first moment every obligor of commitment `ci` was verified. */
  markVerified(ci: number, t: number): void {
    if (this.verifiedAt[ci] !== undefined) return;
    this.verifiedAt[ci] = t;
    if (this.unresolved.size > 0) this.resolveTimes();
  }

  /** The instant a time reference names, or undefined while what it counts from has not happened. */
  private resolve(ref: TimeRef): number | undefined {
    const zone = ref.zone ?? this.agreement.zone;
    if ("at" in ref) return parseInstant(ref.at, zone);
    let base = this.milestones.get(ref.after);
    if (base === undefined) {
      const ci = this.byId.get(ref.after);
      if (ci === undefined) return undefined;
      base =
        ref.on === "start" ? this.start[ci] : ref.on === "deadline" ? this.deadline[ci] : this.verifiedAt[ci];
    }
    return base === undefined ? undefined : addDuration(base, ref.days, ref.hours, zone);
  }

  private resolveTimes(): void {
    let progress = true;
    while (progress && this.unresolved.size > 0) {
      progress = false;
      for (const ci of this.unresolved) {
        const c = this.agreement.commitments[ci]!;
        if (c.start && this.start[ci] === undefined) {
          const t = this.resolve(c.start);
          if (t !== undefined) {
            this.start[ci] = t;
            this.timers.push(t, "start", ci);
            progress = true;
          }
        }
        if (c.deadline && this.deadline[ci] === undefined) {
          const t = this.resolve(c.deadline);
          if (t !== undefined) {
            this.deadline[ci] = t;
            this.timers.push(t, "deadline", ci);
            progress = true;
          }
        }
        if ((!c.start || this.start[ci] !== undefined) && (!c.deadline || this.deadline[ci] !== undefined)) {
          this.unresolved.delete(ci);
          progress = true;
        }
      }
    }
  }
}
