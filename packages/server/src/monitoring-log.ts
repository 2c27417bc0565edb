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
 * The monitoring event log of every negotiation, append-only, in the store's database. Each filing
 * writes its events and one entry of the store's hash-chained audit log in the same transaction,
 * so an event and its record commit or fail together. The table is created on first use (the
 * store's migrations belong to the platform; moving this DDL there is the clean follow-up).
 */
const DDL = `
CREATE TABLE IF NOT EXISTS monitoring_events (
  negotiation_id integer NOT NULL,
  seq bigserial,
  id text NOT NULL,
  body text NOT NULL,
  user_id integer,
  recorded_at text NOT NULL,
  PRIMARY KEY (negotiation_id, id)
);
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgname = 'monitoring_events_append_only') THEN
    CREATE TRIGGER monitoring_events_append_only BEFORE UPDATE OR DELETE ON monitoring_events
      FOR EACH ROW EXECUTE FUNCTION entente_refuse_change();
  END IF;
END $$;`;

export interface Filer {
  userId: number | null;
  userName: string;
  /** Receives the signed receipt of the filing. */
  receipts?: AuditReceipt[];
}

export class MonitoringLog {
  private ready: Promise<void> | undefined;

  constructor(
    private readonly db: SqlClient,
    private readonly signer: AuditSigner,
  ) {}

  private ensure(): Promise<void> {
    this.ready ??= this.db.exec(DDL);
    return this.ready;
  }

  /** Appends events (all or none) with one audit entry naming the filer and the events' digest. */
  async append(
    filer: Filer,
    negotiationId: number,
    events: readonly MonitoringEvent[],
    at: string,
  ): Promise<AuditReceipt> {
    await this.ensure();
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
    await this.ensure();
    const rows = await this.db.query<{ body: string }>(
      "SELECT body FROM monitoring_events WHERE negotiation_id = $1 ORDER BY seq",
      [negotiationId],
    );
    return rows.map((r) => eventSchema.parse(JSON.parse(r.body)));
  }
}
