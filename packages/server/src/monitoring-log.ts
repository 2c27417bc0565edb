import { createHash } from "node:crypto";
import { eventSchema, type MonitoringEvent } from "@entente/core";
import {
  AuditAppender,
  type AuditReceipt,
  type AuditSigner,
  canonicalJson,
  type SqlClient,
} from "@entente/store";

/**
 * The monitoring event log of every negotiation, append-only, in the store's database (table
 * `monitoring_events`, created by the store's migrations). Each filing writes its events and one
 * entry of the store's hash-chained audit log in the same transaction, so an event and its record
 * commit or fail together.
 */
export interface Filer {
  userId: number | null;
  userName: string;
  /** Receives the signed receipt of the filing. */
  receipts?: AuditReceipt[];
}

export class MonitoringLog {
  constructor(
    private readonly db: SqlClient,
    private readonly signer: AuditSigner,
  ) {}

  /** Appends events (all or none) with one audit entry naming the filer and the events' digest. */
  async append(
    filer: Filer,
    negotiationId: number,
    events: readonly MonitoringEvent[],
    at: string,
  ): Promise<AuditReceipt> {
    return this.db.transaction(async (tx) => {
      await tx.query("LOCK TABLE audit_log IN EXCLUSIVE MODE");
      for (const e of events)
        await tx.query(
          "INSERT INTO monitoring_events (negotiation_id, id, body, user_id, recorded_at) VALUES ($1,$2,$3,$4,$5)",
          [negotiationId, e.id, JSON.stringify(e), filer.userId, at],
        );
      const log = await AuditAppender.open(tx, this.signer);
      const bodies = events.map((e) => canonicalJson(e)).join("\n");
      const receipt = await log.append({
        at,
        userId: filer.userId,
        userName: filer.userName,
        action: "monitoring.file",
        subject: `negotiation:${negotiationId}/monitoring`,
        negotiationId,
        fromVersion: null,
        payload: canonicalJson({
          events: events.map((e) => ({ id: e.id, kind: e.kind, by: e.by })),
          sha256: createHash("sha256").update(bodies).digest("hex"),
        }),
      });
      await log.flush();
      return receipt;
    });
  }

  /** Every event of a negotiation, in filing order. */
  async list(negotiationId: number): Promise<MonitoringEvent[]> {
    const rows = await this.db.query<{ body: string }>(
      "SELECT body FROM monitoring_events WHERE negotiation_id = $1 ORDER BY seq",
      [negotiationId],
    );
    return rows.map((r) => eventSchema.parse(JSON.parse(r.body)));
  }
}
