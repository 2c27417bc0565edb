import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import type { LookupFunction } from "node:net";
import { evaluateCompliance, mechanismSpec, visibleEvents } from "@entente/core";
import { type ClaimedDelivery, type Store, WebhookOutbox } from "@entente/store";
import { MonitoringLog } from "../monitoring-log.js";
import { negotiationScenario } from "../negotiation-scenario.js";
import { type Resolver, resolveWebhookTarget, WebhookUrlError } from "./address-guard.js";
import { auditEvents, deliveryBody, monitoringEvents, type PublicEvent } from "./events.js";
import { signWebhook, WEBHOOK_HEADERS } from "./signature.js";

/** How webhooks are fed and delivered. Every field has a default fit for production. */
export interface WebhookOptions {
  /** Deliver to loopback, private and link-local addresses too (ENTENTE_WEBHOOK_ALLOW_PRIVATE=1). @default false */
  allowPrivate: boolean;
  /** The server's public base URL, for the link in each payload (ENTENTE_PUBLIC_URL). @default none: a path */
  publicUrl?: string | undefined;
  /** Time between two rounds of feeding and delivering. @default 2000 */
  intervalMs: number;
  /** Delay before the second attempt; each later one doubles it. @default 10_000 */
  baseDelayMs: number;
  /** Longest delay between attempts. @default 3_600_000 */
  maxDelayMs: number;
  /** Attempts before a delivery is given up ("failed"). @default 10 */
  maxAttempts: number;
  /** How long a claimed delivery is held before another dispatcher may take it. @default 60_000 */
  leaseMs: number;
  /** Longest wait for a receiver's answer. @default 10_000 */
  timeoutMs: number;
  /** How far ahead "deadline.due" looks. @default 3 days */
  dueHorizonMs: number;
  /** Host name resolution (tests swap it). @default dns.lookup, every address */
  resolver?: Resolver;
}

export const DEFAULT_WEBHOOK_OPTIONS: WebhookOptions = {
  allowPrivate: false,
  intervalMs: 2000,
  baseDelayMs: 10_000,
  maxDelayMs: 3_600_000,
  maxAttempts: 10,
  leaseMs: 60_000,
  timeoutMs: 10_000,
  dueHorizonMs: 3 * 86_400_000,
};

/** Delay before attempt `attempt + 1`: base · 2^(attempt − 1), capped (exponential backoff). */
export function retryDelayMs(attempt: number, o: Pick<WebhookOptions, "baseDelayMs" | "maxDelayMs">): number {
  return Math.min(o.maxDelayMs, o.baseDelayMs * 2 ** Math.max(0, attempt - 1));
}

/** The outcome of one HTTP attempt. */
type Attempt = { ok: true; status: number } | { ok: false; status: number | null; error: string };

/**
 * Feeds each active webhook's outbox from the record (audit log and published monitoring
 * findings) and delivers what is due. Every app server runs one: feeding is idempotent (each event
 * has a key, queued once per webhook) and delivering claims rows with SKIP LOCKED, so several
 * servers and restarts neither lose a delivery nor send one twice at once. A delivery is retried
 * with exponential backoff until the receiver answers 2xx; its id stays the same on every attempt,
 * so a receiver that got it but whose answer was lost can recognise the repeat.
 */
export class WebhookDispatcher {
  readonly outbox: WebhookOutbox;
  readonly options: WebhookOptions;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;

  constructor(
    private readonly store: Store,
    private readonly now: () => Date,
    options: Partial<WebhookOptions> = {},
  ) {
    this.outbox = new WebhookOutbox(store.db);
    this.options = { ...DEFAULT_WEBHOOK_OPTIONS, ...options };
  }

  /** Runs {@link tick} every `intervalMs` until {@link stop}. */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    const loop = () => {
      if (this.stopped) return;
      this.running = this.tick()
        .then(() => undefined)
        .catch(() => undefined) // the database may be away; the next round tries again
        .finally(() => {
          if (!this.stopped) this.timer = setTimeout(loop, this.options.intervalMs);
        });
    };
    this.timer = setTimeout(loop, this.options.intervalMs);
  }

  /** Stops the loop and waits for the round in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** One round: queue new events, then deliver what is due. Returns the deliveries attempted. */
  async tick(): Promise<number> {
    await this.feed();
    return this.deliverDue();
  }

  /** Queues the events that happened since each webhook last looked. */
  async feed(): Promise<void> {
    const hooks = await this.outbox.activeWebhooks();
    const at = this.now().toISOString();
    const monitoringCache = new Map<number, PublicEvent[]>();
    for (const h of hooks) {
      const wanted = new Set(h.events);
      const entries = await this.store.audit({
        negotiationId: h.negotiationId,
        afterSeq: h.auditCursor - 1,
        limit: 500,
      });
      let events = auditEvents(entries);
      if (
        h.events.some(
          (e) => e.startsWith("breach.") || e.startsWith("consultation.") || e.startsWith("deadline."),
        )
      ) {
        let m = monitoringCache.get(h.negotiationId);
        if (!m) {
          m = await this.monitoring(h.negotiationId);
          monitoringCache.set(h.negotiationId, m);
        }
        events = events.concat(m);
      }
      const publicUrl = this.options.publicUrl;
      await this.outbox.enqueue(
        h.id,
        events
          .filter((e) => wanted.has(e.event))
          .map((e) => ({
            key: e.key,
            event: e.event,
            body: (id: string) => deliveryBody(id, h.negotiationId, e, publicUrl),
          })),
        at,
      );
      const last = entries.at(-1);
      if (last) await this.outbox.advanceCursor(h.id, last.seq + 1);
    }
  }

  /** Monitoring events of one negotiation as of now (none when its scenario has no agreement). */
  private async monitoring(negotiationId: number): Promise<PublicEvent[]> {
    const scenario = await negotiationScenario(this.store, await this.store.negotiation(negotiationId));
    const agreement = scenario.agreement;
    if (!agreement) return [];
    const all = await new MonitoringLog(this.store.db, this.store.signer).list(negotiationId);
    const observer = {
      parties: new Set<string>(),
      guarantors: new Set<string>(),
      monitors: new Set<string>(),
      mediator: false,
      observer: true,
    };
    const now = this.now().getTime();
    const mechanisms = { mechanisms: scenario.mechanisms.map(mechanismSpec) };
    const published = evaluateCompliance(agreement, visibleEvents(observer, all), now, mechanisms);
    const insider = evaluateCompliance(agreement, all, now, mechanisms);
    return monitoringEvents(scenario, published, insider, now, this.options.dueHorizonMs);
  }

  /** Claims due deliveries and sends them, a batch at a time, until none is due. */
  async deliverDue(): Promise<number> {
    let count = 0;
    for (;;) {
      const t = this.now().getTime();
      const batch = await this.outbox.claim(
        new Date(t).toISOString(),
        new Date(t + this.options.leaseMs).toISOString(),
        10,
      );
      if (batch.length === 0) return count;
      await Promise.all(batch.map((d) => this.deliver(d)));
      count += batch.length;
    }
  }

  private async deliver(d: ClaimedDelivery): Promise<void> {
    const at = () => this.now().toISOString();
    if (d.disabled) return this.outbox.settle(d, { status: "cancelled", at: at() });
    const r = await this.send(d);
    if (r.ok) return this.outbox.settle(d, { status: "delivered", at: at(), httpStatus: r.status });
    const nextAt = new Date(this.now().getTime() + retryDelayMs(d.attempt, this.options)).toISOString();
    await this.outbox.settle(d, {
      status: d.attempt >= this.options.maxAttempts ? "failed" : "retry",
      at: at(),
      nextAt,
      httpStatus: r.status,
      error: r.error,
    });
  }

  /** One POST, to the address checked now (not re-resolved by the HTTP client), redirects not followed. */
  private async send(d: ClaimedDelivery): Promise<Attempt> {
    let target: Awaited<ReturnType<typeof resolveWebhookTarget>>;
    try {
      target = await resolveWebhookTarget(d.url, {
        allowPrivate: this.options.allowPrivate,
        ...(this.options.resolver ? { resolver: this.options.resolver } : {}),
      });
    } catch (e) {
      return { ok: false, status: null, error: e instanceof WebhookUrlError ? e.message : String(e) };
    }
    const timestamp = Math.floor(this.now().getTime() / 1000);
    const lookup: LookupFunction = (_host, opts, cb) => {
      if ((opts as { all?: boolean }).all)
        (cb as unknown as (e: null, a: Array<{ address: string; family: number }>) => void)(null, [
          { address: target.address, family: target.family },
        ]);
      else cb(null, target.address, target.family);
    };
    const send = target.url.protocol === "https:" ? httpsRequest : httpRequest;
    return new Promise<Attempt>((resolve) => {
      const req = send(
        target.url,
        {
          method: "POST",
          lookup,
          timeout: this.options.timeoutMs,
          headers: {
            "content-type": "application/json",
            "user-agent": "Entente-Webhooks/1",
            [WEBHOOK_HEADERS.delivery]: d.deliveryId,
            [WEBHOOK_HEADERS.event]: d.event,
            [WEBHOOK_HEADERS.signature]: signWebhook(d.secret, timestamp, d.body),
          },
        },
        (res) => {
          res.resume(); // the answer's body is not read
          const status = res.statusCode ?? 0;
          if (status >= 200 && status < 300) resolve({ ok: true, status });
          else if (status >= 300 && status < 400)
            resolve({
              ok: false,
              status,
              error: `the receiver answered ${status}; redirects are not followed`,
            });
          else resolve({ ok: false, status, error: `the receiver answered ${status}` });
        },
      );
      req.on("timeout", () => req.destroy(new Error(`no answer within ${this.options.timeoutMs} ms`)));
      req.on("error", (e) => resolve({ ok: false, status: null, error: e.message }));
      req.end(d.body);
    });
  }
}
