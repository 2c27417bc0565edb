import {
  type Agreement,
  type Mechanism,
  type MonitoringEvent,
  MonitoringSession,
  mechanismSpec,
  parseInstant,
  type TimelineEntry,
} from "@entente/core";
import type { AuditSigner, SqlClient, Store } from "@entente/store";
import { type Filer, MonitoringLog } from "./monitoring-log.js";

type Listener = (entries: TimelineEntry[]) => void;

interface Live {
  session: MonitoringSession;
  listeners: Set<Listener>;
}

/**
 * Live compliance per negotiation for the server: filed events go to the log and to an in-memory
 * `MonitoringSession`; `tick` runs every session to the clock's time so deadlines pass with no
 * request, and each change reaches the subscribers (the SSE stream). The clock is the app's
 * `now`, so tests drive the scheduler by moving their clock and calling `tick`.
 */
export class MonitoringHub {
  readonly log: MonitoringLog;
  private live = new Map<number, Promise<Live>>();
  private timer: ReturnType<typeof setInterval> | undefined;
  private readonly streamEnds = new Set<() => void>();

  constructor(
    db: SqlClient,
    private readonly now: () => Date,
    signer: AuditSigner,
  ) {
    this.log = new MonitoringLog(db, signer);
  }

  private get(negotiationId: number, agreement: Agreement, mechanisms: readonly Mechanism[]): Promise<Live> {
    let p = this.live.get(negotiationId);
    if (!p) {
      p = (async () => {
        const session = new MonitoringSession(agreement, { mechanisms: mechanisms.map(mechanismSpec) });
        const events = await this.log.list(negotiationId);
        const zone = agreement.zone;
        const timed = events.map((e) => ({ e, t: parseInstant(e.time, e.zone ?? zone) }));
        timed.sort((a, b) => a.t - b.t);
        session.load(timed.map((x) => x.e));
        session.tick(this.now().getTime());
        return { session, listeners: new Set<Listener>() };
      })();
      this.live.set(negotiationId, p);
      p.catch(() => this.live.delete(negotiationId));
    }
    return p;
  }

  /** Stores events (all or none) and applies them; returns and broadcasts what changed. */
  async file(
    negotiationId: number,
    agreement: Agreement,
    mechanisms: readonly Mechanism[],
    filer: Filer,
    events: readonly MonitoringEvent[],
  ): Promise<TimelineEntry[]> {
    const live = await this.get(negotiationId, agreement, mechanisms);
    filer.receipts?.push(await this.log.append(filer, negotiationId, events, this.now().toISOString()));
    const now = this.now().getTime();
    const changes = events.flatMap((e) => live.session.file(e, now));
    this.publish(live, changes);
    return changes;
  }

  /** Runs every live session to the clock's time; broadcasts deadlines that passed. */
  async tick(): Promise<number> {
    const now = this.now().getTime();
    let n = 0;
    for (const p of this.live.values()) {
      const live = await p;
      const changes = live.session.tick(now);
      n += changes.length;
      this.publish(live, changes);
    }
    return n;
  }

  /** Subscribes to a negotiation's changes; returns the unsubscribe function. */
  async subscribe(
    negotiationId: number,
    agreement: Agreement,
    mechanisms: readonly Mechanism[],
    listener: Listener,
  ): Promise<() => void> {
    const live = await this.get(negotiationId, agreement, mechanisms);
    live.listeners.add(listener);
    return () => live.listeners.delete(listener);
  }

  /** Registers a stream's end, called on shutdown; returns the function that unregisters it. */
  onShutdown(end: () => void): () => void {
    this.streamEnds.add(end);
    return () => this.streamEnds.delete(end);
  }

  /** Ends every open stream of this hub (graceful shutdown): clients reconnect, maybe elsewhere. */
  endStreams(): void {
    for (const end of [...this.streamEnds]) end();
  }

  /** Starts the scheduler: a tick every `intervalMs` (the process may exit while it runs). */
  start(intervalMs = 1000): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.tick().catch(() => undefined), intervalMs);
    this.timer.unref?.();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  private publish(live: Live, changes: TimelineEntry[]): void {
    if (changes.length === 0) return;
    for (const l of live.listeners) l(changes);
  }
}

const hubs = new WeakMap<object, MonitoringHub>();

/**
 * The hub of one app (keyed by its store), created on first use with its scheduler running: once a
 * second it runs every live session to the app's clock, so deadlines pass without a request.
 */
export function hubFor(store: Store, now: () => Date): MonitoringHub {
  const db = store.db;
  let h = hubs.get(db);
  if (!h) {
    h = new MonitoringHub(db, now, store.signer);
    h.start(1000);
    hubs.set(db, h);
  }
  return h;
}

/** Ends the open monitoring streams of the app over `db`, if it has a hub (graceful shutdown). */
export function endMonitoringStreams(db: SqlClient): void {
  const h = hubs.get(db);
  h?.endStreams();
  h?.stop();
}
