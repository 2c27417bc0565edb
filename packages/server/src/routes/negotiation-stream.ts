import type { AuditEntry, SqlClient, Store } from "@entente/store";
import type { Context, Hono } from "hono";
import { streamSSE } from "hono/streaming";
import { standing } from "../access.js";
import { ApiError } from "../api-error.js";
import type { AuthUser } from "../auth.js";
import type { AppDeps } from "../deps.js";
import { mountStreamRoute, streamCaller } from "./stream-route.js";

export const NEGOTIATION_STREAM_PATH = "/api/negotiations/:id/stream";

/** NOTIFY channel: "negotiation <payload> has new log entries", for every server instance. */
export const NEGOTIATION_CHANNEL = "entente_negotiation";

/** The SSE event name for each audit action; anything else is an `entry`. */
const EVENT_OF: Record<string, string> = {
  "proposal.create": "proposal",
  "proposal.counter": "proposal",
  "round.open": "round",
  "round.close": "round",
  "acceptance.seal": "acceptance",
  "negotiation.concluded": "concluded",
  "text.adopt": "text",
  "agreement.record": "agreement",
  "member.add": "member",
};

/** What a stream event carries: the audit entry as members read it at `GET …/audit`, its payload parsed. */
export function streamEvent(e: AuditEntry): { event: string; id: string; data: string } {
  let details: unknown = null;
  try {
    details = JSON.parse(e.payload);
  } catch {
    details = null;
  }
  return {
    event: EVENT_OF[e.action] ?? "entry",
    id: String(e.seq),
    data: JSON.stringify({
      seq: e.seq,
      at: e.at,
      userName: e.userName,
      action: e.action,
      subject: e.subject,
      details,
    }),
  };
}

type Listener = (entries: AuditEntry[]) => void;

/**
 * Live tail of each negotiation's audit log for this server instance. A write through this app
 * pokes it at once; a write through another instance sharing PostgreSQL reaches it by NOTIFY on
 * {@link NEGOTIATION_CHANNEL}. Either way the feed reads the entries after the last one it saw
 * from the table (a notification is only a hint), so nothing is lost or sent twice.
 */
export class NegotiationFeed {
  private readonly listeners = new Map<number, Set<Listener>>();
  private readonly lastSeq = new Map<number, number>();
  private readonly running = new Map<number, Promise<void>>();
  private unlisten: Promise<() => Promise<void>> | undefined;
  /** The end functions of this instance's open streams (graceful shutdown). */
  readonly streamEnds = new Set<() => void>();

  constructor(private readonly store: Store) {}

  /** Starts following NOTIFYs from other instances (once). */
  follow(): void {
    this.unlisten ??= this.store.db.listen(NEGOTIATION_CHANNEL, (payload) => {
      const id = Number(payload);
      if (Number.isInteger(id)) void this.poke(id).catch(() => undefined);
    });
    this.unlisten.catch(() => {
      this.unlisten = undefined;
    });
  }

  /** Reads the negotiation's new entries and hands them to its listeners (one read at a time). */
  poke(negotiationId: number): Promise<void> {
    const set = this.listeners.get(negotiationId);
    if (!set?.size) return Promise.resolve();
    const prev = this.running.get(negotiationId) ?? Promise.resolve();
    const run = prev.then(async () => {
      for (;;) {
        const after = this.lastSeq.get(negotiationId) ?? 0;
        const entries = await this.store.audit({ negotiationId, afterSeq: after, limit: 500 });
        if (entries.length === 0) return;
        this.lastSeq.set(negotiationId, entries.at(-1)!.seq);
        for (const l of this.listeners.get(negotiationId) ?? []) l(entries);
        if (entries.length < 500) return;
      }
    });
    const settled = run.catch(() => undefined);
    this.running.set(negotiationId, settled);
    return run;
  }

  /** Follows a negotiation from its current last entry; returns the unsubscribe function. */
  async subscribe(negotiationId: number, listener: Listener): Promise<() => void> {
    // Nobody followed it: the last entry seen may be stale, so start from the log's current end.
    if (!this.listeners.get(negotiationId)?.size) {
      const [row] = await this.store.db.query<{ s: number | null }>(
        "SELECT max(seq) AS s FROM audit_log WHERE negotiation_id = $1",
        [negotiationId],
      );
      this.lastSeq.set(negotiationId, Math.max(this.lastSeq.get(negotiationId) ?? 0, Number(row?.s ?? 0)));
    }
    let set = this.listeners.get(negotiationId);
    if (!set) {
      set = new Set();
      this.listeners.set(negotiationId, set);
    }
    set.add(listener);
    return () => set.delete(listener);
  }

  /** Ends every open stream and stops following (graceful shutdown): clients reconnect, maybe elsewhere. */
  stop(): void {
    for (const end of [...this.streamEnds]) end();
    const u = this.unlisten;
    this.unlisten = undefined;
    void u?.then((f) => f()).catch(() => undefined);
  }
}

const feeds = new WeakMap<SqlClient, NegotiationFeed>();

/** The feed of one app (keyed by its database client), following other instances from its creation. */
export function feedFor(store: Store): NegotiationFeed {
  let f = feeds.get(store.db);
  if (!f) {
    f = new NegotiationFeed(store);
    f.follow();
    feeds.set(store.db, f);
  }
  return f;
}

/** Ends this app's negotiation streams, if any (graceful shutdown). */
export function endNegotiationStreams(db: SqlClient): void {
  feeds.get(db)?.stop();
  feeds.delete(db);
}

/** Tells this instance's streams and every other instance that a negotiation's log grew. */
export async function announce(store: Store, negotiationId: number): Promise<void> {
  await feedFor(store)
    .poke(negotiationId)
    .catch(() => undefined);
  await store.db
    .query("SELECT pg_notify($1, $2)", [NEGOTIATION_CHANNEL, String(negotiationId)])
    .catch(() => undefined);
}

const errorRef = (description: string) => ({
  description,
  content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
});

/** The stream's OpenAPI 3.1 path item (it is not a JSON route). */
export const NEGOTIATION_STREAM_OPENAPI: Record<string, unknown> = {
  "/api/negotiations/{id}/stream": {
    get: {
      summary:
        "Server-sent events: every new entry of the negotiation's log as it is written — `proposal`, `round`, `acceptance` (sealed), `concluded`, `text`, `agreement`, `member`, else `entry`",
      description:
        "Who may call it: members of the negotiation and admins (what `GET /api/negotiations/{id}/audit` shows them, live). Send `Authorization: Bearer <token>` (read it with fetch, not EventSource). Each event's `id` is the entry's `seq`; reconnect with `?after=<seq>` (or `Last-Event-ID`) to receive what was missed. A round that reaches its deadline sends a `round` event with `closedBy: \"deadline\"`.",
      tags: ["negotiations"],
      operationId: "getApiNegotiationsIdStream",
      parameters: [
        {
          name: "id",
          in: "path",
          required: true,
          schema: { type: "integer", minimum: 1, maximum: 2_147_483_647 },
        },
        { name: "after", in: "query", required: false, schema: { type: "integer", minimum: 0 } },
      ],
      security: [{ bearer: [] }],
      responses: {
        "200": {
          description: "an event stream: `ready`, then one event per log entry",
          content: { "text/event-stream": {} },
        },
        "400": errorRef("invalid negotiation id or `after`"),
        "401": errorRef("no valid session"),
        "404": errorRef("not found"),
      },
    },
  },
};

/**
 * Announces every successful write under /api/negotiations/{id}/ to the negotiation's streams, on
 * this instance and (NOTIFY) every other one. Mounted before the routes.
 */
export function mountNegotiationAnnouncer(app: Hono, d: AppDeps): void {
  app.use("/api/negotiations/:id/*", async (c, next) => {
    await next();
    if (c.req.method === "GET" || c.res.status >= 400) return;
    const id = Number(c.req.param("id"));
    // Not awaited: the write is acknowledged without waiting for its announcement.
    if (Number.isInteger(id) && id > 0) void announce(d.store, id);
  });
}

/** Mounts `GET /api/negotiations/{id}/stream` (members and admins). */
export function mountNegotiationStream(
  app: Hono,
  d: AppDeps,
  authenticate: (c: Context) => Promise<AuthUser | null>,
): void {
  mountStreamRoute(app, NEGOTIATION_STREAM_PATH, open);

  async function open(c: Context) {
    const { user, id } = await streamCaller(c, authenticate);
    const afterRaw = c.req.query("after") ?? c.req.header("last-event-id");
    const after = afterRaw === undefined ? null : Number(afterRaw);
    if (after !== null && !(Number.isInteger(after) && after >= 0))
      throw new ApiError("validation", "query.after: expected the seq of the last entry received");
    await standing(d.store, user, id);
    if (user.mustChangePassword)
      throw new ApiError(
        "password_change_required",
        "choose your own password at POST /api/me/password first",
      );
    const release = d.streamSlots.acquire(user.id);
    const feed = feedFor(d.store);
    return streamSSE(c, async (stream) => {
      let sent = 0;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const send = (entries: AuditEntry[]) => {
        for (const e of entries) {
          if (e.seq <= sent) continue;
          sent = e.seq;
          void stream.writeSSE(streamEvent(e));
          if (e.action.startsWith("round.")) void scheduleDeadline();
        }
      };
      // A round closes at its deadline without any write: tell the stream when that moment comes.
      const scheduleDeadline = async () => {
        clearTimeout(timer);
        const open = (await d.store.rounds(id)).filter((r) => r.closedAt === null && r.deadline !== null);
        const next = open.sort((a, b) => a.deadline!.localeCompare(b.deadline!))[0];
        if (!next) return;
        const delay = Date.parse(next.deadline!) - d.now().getTime();
        if (delay > 2 ** 31 - 1) return;
        timer = setTimeout(() => {
          void stream.writeSSE({
            event: "round",
            data: JSON.stringify({ number: next.number, closedBy: "deadline", closedAt: next.deadline }),
          });
        }, Math.max(0, delay) + 50);
        timer.unref?.();
      };
      let unsubscribe: () => void;
      try {
        unsubscribe = await feed.subscribe(id, send);
        if (after !== null) {
          sent = after;
          for (;;) {
            const back = await d.store.audit({ negotiationId: id, afterSeq: sent, limit: 500 });
            send(back);
            if (back.length < 500) break;
          }
        }
      } catch (e) {
        release();
        throw e;
      }
      await stream.writeSSE({ event: "ready", data: JSON.stringify({ negotiationId: id }) });
      await scheduleDeadline();
      await new Promise<void>((resolve) => {
        const keepAlive = setInterval(() => void stream.write(": keep-alive\n\n"), 15_000);
        keepAlive.unref?.();
        const done = () => {
          feed.streamEnds.delete(done);
          release();
          clearInterval(keepAlive);
          clearTimeout(timer);
          unsubscribe();
          resolve();
        };
        feed.streamEnds.add(done);
        if (stream.aborted) done();
        else stream.onAbort(done);
      });
    });
  }
}
