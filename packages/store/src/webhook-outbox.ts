import { randomUUID } from "node:crypto";
import type { SqlClient } from "./sql-client.js";

/** One delivery waiting in the outbox, as a dispatcher claims it. */
export interface ClaimedDelivery {
  id: number;
  webhookId: number;
  deliveryId: string;
  event: string;
  body: string;
  /** This attempt's number (1 for the first). */
  attempt: number;
  url: string;
  secret: string;
  disabled: boolean;
}

/** A delivery as the admin's listing shows it (no body, no secret). */
export interface DeliveryRecord {
  deliveryId: string;
  event: string;
  createdAt: string;
  status: "pending" | "delivered" | "failed" | "cancelled";
  attempts: number;
  nextAttemptAt: string;
  lastStatus: number | null;
  lastError: string | null;
  deliveredAt: string | null;
}

/** An event to queue for a webhook; `key` makes it idempotent (queued at most once per webhook). */
export interface OutboxEvent {
  key: string;
  event: string;
  /** Builds the body from the delivery id the outbox assigns. */
  body: (deliveryId: string) => string;
}

/** An active webhook with what the feeder needs: its negotiation, events and audit cursor. */
export interface FeedWebhook {
  id: number;
  negotiationId: number;
  events: string[];
  auditCursor: number;
}

/**
 * The webhook outbox (table `webhook_outbox`, migration 9): every delivery is a row, queued once per
 * (webhook, event key) and claimed by one dispatcher at a time. Several app servers on one
 * PostgreSQL share it: a claim takes rows `FOR UPDATE SKIP LOCKED` and leases them, so two
 * dispatchers never send the same row at once, and a dispatcher that dies mid-delivery leaves a
 * lease that runs out, after which another takes the row again (same delivery id). The embedded
 * store has one process, so the same SQL is trivially exclusive there.
 */
export class WebhookOutbox {
  constructor(private readonly db: SqlClient) {}

  /** Active webhooks (not disabled). */
  async activeWebhooks(): Promise<FeedWebhook[]> {
    const rows = await this.db.query<{
      id: number;
      negotiation_id: number;
      events: string;
      audit_cursor: number;
    }>("SELECT id, negotiation_id, events, audit_cursor FROM webhooks WHERE disabled_at IS NULL ORDER BY id");
    return rows.map((r) => ({
      id: r.id,
      negotiationId: r.negotiation_id,
      events: JSON.parse(r.events) as string[],
      auditCursor: Number(r.audit_cursor),
    }));
  }

  /** Queues events for a webhook; an event whose key it already has is skipped. Returns how many were new. */
  async enqueue(webhookId: number, events: readonly OutboxEvent[], at: string): Promise<number> {
    let added = 0;
    for (const e of events) {
      const deliveryId = randomUUID();
      const rows = await this.db.query(
        `INSERT INTO webhook_outbox (webhook_id, event_key, delivery_id, event, body, created_at, next_attempt_at)
         VALUES ($1, $2, $3, $4, $5, $6, $6) ON CONFLICT (webhook_id, event_key) DO NOTHING RETURNING id`,
        [webhookId, e.key, deliveryId, e.event, e.body(deliveryId), at],
      );
      added += rows.length;
    }
    return added;
  }

  /** Moves a webhook's audit cursor forward (never back: several feeders may race). */
  async advanceCursor(webhookId: number, to: number): Promise<void> {
    await this.db.query("UPDATE webhooks SET audit_cursor = GREATEST(audit_cursor, $2) WHERE id = $1", [
      webhookId,
      to,
    ]);
  }

  /**
   * Claims up to `limit` deliveries due at `now` that nobody holds: each is leased until
   * `leaseUntil` and its attempt counted, in one statement, so no other dispatcher takes it meanwhile.
   */
  async claim(now: string, leaseUntil: string, limit: number): Promise<ClaimedDelivery[]> {
    const rows = await this.db.query<{
      id: string | number;
      webhook_id: number;
      delivery_id: string;
      event: string;
      body: string;
      attempts: number;
      url: string;
      secret: string;
      disabled_at: string | null;
    }>(
      `UPDATE webhook_outbox o SET locked_until = $2, attempts = o.attempts + 1
       FROM webhooks w
       WHERE w.id = o.webhook_id AND o.id IN (
         SELECT id FROM webhook_outbox
         WHERE status = 'pending' AND next_attempt_at <= $1 AND (locked_until IS NULL OR locked_until <= $1)
         ORDER BY id LIMIT $3 FOR UPDATE SKIP LOCKED)
       RETURNING o.id, o.webhook_id, o.delivery_id, o.event, o.body, o.attempts, w.url, w.secret, w.disabled_at`,
      [now, leaseUntil, limit],
    );
    return rows
      .map((r) => ({
        id: Number(r.id),
        webhookId: r.webhook_id,
        deliveryId: r.delivery_id,
        event: r.event,
        body: r.body,
        attempt: r.attempts,
        url: r.url,
        secret: r.secret,
        disabled: r.disabled_at !== null,
      }))
      .sort((a, b) => a.id - b.id);
  }

  /**
   * Records how an attempt ended. Only the holder of the attempt may: when its lease ran out and
   * another dispatcher claimed the row again (the attempt count moved on), this changes nothing.
   */
  async settle(
    d: Pick<ClaimedDelivery, "id" | "attempt">,
    outcome:
      | { status: "delivered"; at: string; httpStatus: number }
      | { status: "cancelled"; at: string }
      | { status: "retry" | "failed"; at: string; nextAt: string; httpStatus: number | null; error: string },
  ): Promise<void> {
    if (outcome.status === "delivered")
      await this.db.query(
        `UPDATE webhook_outbox SET status = 'delivered', delivered_at = $3, last_status = $4, last_error = NULL, locked_until = NULL
         WHERE id = $1 AND attempts = $2 AND status = 'pending'`,
        [d.id, d.attempt, outcome.at, outcome.httpStatus],
      );
    else if (outcome.status === "cancelled")
      await this.db.query(
        "UPDATE webhook_outbox SET status = 'cancelled', locked_until = NULL WHERE id = $1 AND attempts = $2 AND status = 'pending'",
        [d.id, d.attempt],
      );
    else
      await this.db.query(
        `UPDATE webhook_outbox SET status = $3, next_attempt_at = $4, last_status = $5, last_error = $6, locked_until = NULL
         WHERE id = $1 AND attempts = $2 AND status = 'pending'`,
        [
          d.id,
          d.attempt,
          outcome.status === "failed" ? "failed" : "pending",
          outcome.nextAt,
          outcome.httpStatus,
          outcome.error.slice(0, 500),
        ],
      );
  }

  /** The latest deliveries of a webhook, newest first. */
  async deliveries(webhookId: number, limit = 50): Promise<DeliveryRecord[]> {
    const rows = await this.db.query<{
      delivery_id: string;
      event: string;
      created_at: string;
      status: DeliveryRecord["status"];
      attempts: number;
      next_attempt_at: string;
      last_status: number | null;
      last_error: string | null;
      delivered_at: string | null;
    }>(
      `SELECT delivery_id, event, created_at, status, attempts, next_attempt_at, last_status, last_error, delivered_at
       FROM webhook_outbox WHERE webhook_id = $1 ORDER BY id DESC LIMIT $2`,
      [webhookId, limit],
    );
    return rows.map((r) => ({
      deliveryId: r.delivery_id,
      event: r.event,
      createdAt: r.created_at,
      status: r.status,
      attempts: r.attempts,
      nextAttemptAt: r.next_attempt_at,
      lastStatus: r.last_status,
      lastError: r.last_error,
      deliveredAt: r.delivered_at,
    }));
  }
}
