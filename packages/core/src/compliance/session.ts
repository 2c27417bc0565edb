import type { Agreement } from "../model/agreement.js";
import type { MonitoringEvent } from "./events.js";
import { ComplianceTracker } from "./tracker.js";
import type { ComplianceOptions, ComplianceReport, TimelineEntry } from "./types.js";

/**
 * A live monitoring session for a server: events are appended as they are filed, and the caller's
 * clock drives deadlines. Every call returns what changed (for the server-sent events stream). It
 * holds no clock and no timer itself, so a test drives it with any sequence of times.
 */
export class MonitoringSession {
  private readonly tracker: ComplianceTracker;
  private seen = 0;
  private replays = 0;
  /** Every entry returned so far (as JSON): a rebuilt timeline returns only entries not among them. */
  private readonly sent = new Set<string>();

  constructor(agreement: Agreement, options: ComplianceOptions = {}) {
    this.tracker = new ComplianceTracker(agreement, options);
  }

  /**
   * Loads a stored log (e.g. after a restart) without running the clock; the next `tick` reports
   * everything from the start, as a rebuilt timeline.
   */
  load(events: readonly MonitoringEvent[]): void {
    for (const e of events) this.tracker.append(e);
  }

  /**
   * Files an event at `now`: it takes effect at its own time, then the clock runs to `now`.
   * Returns the changes. A report filed after a deadline it predates replays the log.
   */
  file(event: MonitoringEvent, now: number): TimelineEntry[] {
    this.tracker.append(event);
    this.tracker.advanceTo(now);
    return this.drain();
  }

  /** Runs the clock to `now`: deadlines that passed take effect. Returns the changes. */
  tick(now: number): TimelineEntry[] {
    this.tracker.advanceTo(now);
    return this.drain();
  }

  /** When the scheduler should next call `tick`, if anything is scheduled. */
  nextDueAt(): number | undefined {
    return this.tracker.nextDueAt();
  }

  report(): ComplianceReport {
    return this.tracker.report();
  }

  private drain(): TimelineEntry[] {
    // A late event replays the log and rebuilds the timeline from the start. Of the rebuilt
    // timeline, only entries not returned before are returned: a deadline that passed is reported
    // once, though a report filed after it (and dated before it) replays the log (the cluster test
    // saw a stream told twice that the pullback was overdue).
    if (this.tracker.replayCount() !== this.replays) {
      this.replays = this.tracker.replayCount();
      this.seen = 0;
    }
    const fresh = this.tracker.timelineSince(this.seen);
    this.seen += fresh.length;
    const out: TimelineEntry[] = [];
    for (const e of fresh) {
      const key = JSON.stringify(e);
      if (this.sent.has(key)) continue;
      this.sent.add(key);
      out.push(e);
    }
    return out;
  }
}
