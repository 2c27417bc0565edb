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

/** Receives what changed (timeline entries) and the ids of the events filed, if a filing caused it. */
type Listener = (entries: TimelineEntry[], filed: string[]) => void;

interface Live {
  session: MonitoringSession;
  listeners: Set<Listener>;
  /** Ids of the events applied to `session`: filed here, or read after another instance filed them. */
  known: Set<string>;
  /** Catch-ups run one at a time, so an event is never applied twice. */
  catchingUp: Promise<void>;
}

/** NOTIFY channel: "an event was filed in negotiation <payload>", for every server instance. */
export const MONITORING_CHANNEL = "entente_monitoring";

/**
 * Live compliance per negotiation for the server: filed events go to the log and to an in-memory
 * `MonitoringSession`; `tick` runs every session to the clock's time so deadlines pass with no
 * request, and each change reaches the subscribers (the SSE stream). The clock is the app's
 * `now`, so tests drive the scheduler by moving their clock and calling `tick`.
 */
export class MonitoringHub {
  readonly log: MonitoringLog;
  /** Live sessions by negotiation, each with the agreement and mechanisms it was built on. */
  private live = new Map<number, Promise<Live>>();
  private basis = new Map<number, string>();
  private timer: ReturnType<typeof setInterval> | undefined;
  private readonly streamEnds = new Set<() => void>();

  private unlisten: Promise<() => Promise<void>> | undefined;

  constructor(
    private readonly db: SqlClient,
    private readonly now: () => Date,
    signer: AuditSigner,
  ) {
    this.log = new MonitoringLog(db, signer);
  }

  /**
   * Follows filings made through other server instances (PostgreSQL LISTEN/NOTIFY): each
   * notification makes this instance read the negotiation's new events, apply them to its live
   * session and tell its own streams, so an SSE client sees an event filed anywhere.
   */
  follow(): void {
    this.unlisten ??= this.db.listen(MONITORING_CHANNEL, (payload) => {
      const id = Number(payload);
      if (Number.isInteger(id)) void this.catchUp(id).catch(() => undefined);
    });
    this.unlisten.catch(() => {
      this.unlisten = undefined;
    });
  }

  /** Applies the events of negotiation `id` this instance has not seen (filed elsewhere). */
  async catchUp(negotiationId: number): Promise<void> {
    const p = this.live.get(negotiationId);
    if (!p) return; // nobody here follows it; it is loaded from the log when someone does
    const live = await p;
    const run = live.catchingUp.then(async () => {
      const events = await this.log.list(negotiationId);
      const now = this.now().getTime();
      const changes: TimelineEntry[] = [];
      const filed: string[] = [];
      for (const e of events)
        if (!live.known.has(e.id)) {
          live.known.add(e.id);
          filed.push(e.id);
          changes.push(...live.session.file(e, now));
        }
      this.publish(live, changes, filed);
    });
    live.catchingUp = run.catch(() => undefined);
    return run;
  }

  /**
   * The live session of a negotiation, built from its log. A session built on another agreement
   * (the template before the negotiation concluded, or before the mediator recorded an edit) is
   * rebuilt on the one asked for, and its followers move to the new session.
   */
  private get(negotiationId: number, agreement: Agreement, mechanisms: readonly Mechanism[]): Promise<Live> {
    const basis = JSON.stringify([agreement, mechanisms]);
    const current = this.live.get(negotiationId);
    if (current && this.basis.get(negotiationId) === basis) return current;
    const p = (async () => {
      const previous = await current?.catch(() => undefined);
      const session = new MonitoringSession(agreement, { mechanisms: mechanisms.map(mechanismSpec) });
      const events = await this.log.list(negotiationId);
      const zone = agreement.zone;
      const timed = events.map((e) => ({ e, t: parseInstant(e.time, e.zone ?? zone) }));
      timed.sort((a, b) => a.t - b.t);
      session.load(timed.map((x) => x.e));
      session.tick(this.now().getTime());
      return {
        session,
        listeners: previous?.listeners ?? new Set<Listener>(),
        known: new Set(events.map((e) => e.id)),
        catchingUp: Promise.resolve(),
      };
    })();
    this.live.set(negotiationId, p);
    this.basis.set(negotiationId, basis);
    p.catch(() => {
      if (this.live.get(negotiationId) === p) {
        this.live.delete(negotiationId);
        this.basis.delete(negotiationId);
      }
    });
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
    // Known before they commit, so a catch-up running meanwhile does not apply them a second time.
    const fresh = events.filter((e) => !live.known.has(e.id));
    for (const e of fresh) live.known.add(e.id);
    try {
      filer.receipts?.push(await this.log.append(filer, negotiationId, events, this.now().toISOString()));
    } catch (err) {
      for (const e of fresh) live.known.delete(e.id);
      throw err;
    }
    const now = this.now().getTime();
    const changes = events.flatMap((e) => live.session.file(e, now));
    this.publish(
      live,
      changes,
      events.map((e) => e.id),
    );
    // Other server instances on the same database apply the events too and tell their streams.
    await this.db
      .query("SELECT pg_notify($1, $2)", [MONITORING_CHANNEL, String(negotiationId)])
      .catch(() => undefined);
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
    const u = this.unlisten;
    this.unlisten = undefined;
    void u?.then((f) => f()).catch(() => undefined);
  }

  private publish(live: Live, changes: TimelineEntry[], filed: string[] = []): void {
    if (changes.length === 0 && filed.length === 0) return;
    for (const l of live.listeners) l(changes, filed);
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
    h.follow();
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
