import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import type { SqlClient, SqlQueryable } from "@entente/store";
import type { JobDelivery } from "./delivery.js";

export type JobStatus = "queued" | "running" | "done" | "failed" | "cancelled";
const FINISHED: readonly JobStatus[] = ["done", "failed", "cancelled"];
/** A job's parts are inserted with a turn of the event loop after every this many. */
const FAN_OUT_YIELD_EVERY = 50;

/** A job as its owner sees it. */
export interface JobView {
  id: string;
  kind: string;
  parentId: string | null;
  userId: number | null;
  status: JobStatus;
  /** 0..1; for a job split into parts, the share of parts finished. */
  progress: number;
  result?: unknown;
  error?: string;
  /** How many times a worker started it (more than one after a worker died or handed it back). */
  attempts: number;
  input: unknown;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

/** A job's part, as a split returns it. */
export interface JobPart {
  kind: string;
  input: unknown;
}

/** What a running job can see and do. */
export interface JobContext {
  id: string;
  /** Aborts when the job is cancelled or handed back (shutdown): stop soon, the outcome is discarded. */
  signal: AbortSignal;
  /** Reports progress, 0..1 (stored with the next heartbeat). */
  progress(fraction: number): void;
}

/**
 * One kind of job. Either `run` computes the result, or `split` + `merge` fan the job out into parts
 * that any worker may take (a Monte Carlo's shards, a sweep's points) and merge their results, in
 * part order, once all are done. Every function must be deterministic in its input: a job may run
 * more than once (a queue delivers at least once), and only the first result is kept.
 */
export interface JobKind {
  run?(input: unknown, ctx: JobContext): Promise<unknown>;
  split?(input: unknown, ctx: JobContext): Promise<JobPart[]>;
  merge?(input: unknown, results: unknown[]): Promise<unknown>;
}

/** Raised by a job kind for input it cannot use: the job fails at once instead of being retried. */
export class JobInputError extends Error {
  readonly code = "invalid_job";
  constructor(message: string) {
    super(message);
    this.name = "JobInputError";
  }
}

export interface JobQueueOptions {
  db: SqlClient;
  delivery: JobDelivery;
  kinds: Record<string, JobKind>;
  /** This process's name in `jobs.worker`. @default "<host>:<pid>:<random>" */
  workerId?: string;
  /** How often a worker refreshes its running jobs' heartbeat and reads cancellations. @default 1000 */
  heartbeatMs?: number;
  /** A running job whose heartbeat is older than this is taken to be orphaned. @default 10_000 */
  staleMs?: number;
  /** How often this process looks for orphaned jobs. @default 3000 */
  reapMs?: number;
  /** A job that failed unexpectedly this many times is failed for good. @default 3 */
  maxAttempts?: number;
  /** Logs what the workers do (pino-style). */
  log?: (level: "info" | "warn" | "error", msg: string, fields?: Record<string, unknown>) => void;
}

type Row = {
  id: string;
  kind: string;
  parent_id: string | null;
  position: number | null;
  user_id: number | null;
  input: string;
  status: JobStatus;
  progress: number;
  result: string | null;
  error: string | null;
  attempts: number;
  created_at: Date | string;
  started_at: Date | string | null;
  finished_at: Date | string | null;
};
const COLS =
  "id, kind, parent_id, position, user_id, input, status, progress, result, error, attempts, created_at, started_at, finished_at";
const iso = (d: Date | string | null): string | null =>
  d === null ? null : d instanceof Date ? d.toISOString() : new Date(d).toISOString();

/** The advisory lock key under which one process at a time reaps orphaned jobs. */
const REAP_LOCK = 733_102;

/**
 * Jobs kept in the database (table `jobs`: status, progress, result, cancellation) and run by
 * whichever process consumes the delivery: in this process on the embedded store, any `entente
 * worker` (or server) on PostgreSQL. Each job has one effect however often it runs: a result is
 * written only while the job is unfinished, and a part is inserted under its fixed id only once.
 * A worker that dies stops refreshing its heartbeat; within `staleMs + reapMs` another process
 * puts its jobs back in the queue and delivers them again.
 */
export class JobQueue {
  readonly workerId: string;
  private readonly running = new Map<string, { abort: AbortController; progress: number }>();
  private timers: ReturnType<typeof setInterval>[] = [];
  private consuming = false;
  private readonly heartbeatMs: number;
  private readonly staleMs: number;
  private readonly maxAttempts: number;
  /** Job ids whose latest outcome was a hand-back: not to be written as failed or cancelled. */
  private readonly handingBack = new Set<string>();

  constructor(private readonly o: JobQueueOptions) {
    this.workerId = o.workerId ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    this.heartbeatMs = o.heartbeatMs ?? 1000;
    this.staleMs = o.staleMs ?? 10_000;
    this.maxAttempts = o.maxAttempts ?? 3;
  }

  get deliveryName(): string {
    return this.o.delivery.name;
  }

  /** Records a job and delivers it. With `id`, enqueueing the same id again returns the first job. */
  async enqueue(spec: {
    kind: string;
    input: unknown;
    userId?: number | null;
    requestId?: string | null;
    id?: string;
  }): Promise<JobView> {
    if (!Object.hasOwn(this.o.kinds, spec.kind)) throw new JobInputError(`unknown job kind '${spec.kind}'`);
    const id = spec.id ?? randomUUID();
    const rows = await this.o.db.query<{ id: string }>(
      `INSERT INTO jobs (id, kind, user_id, input, request_id) VALUES ($1,$2,$3,$4,$5)
       ON CONFLICT (id) DO NOTHING RETURNING id`,
      [id, spec.kind, spec.userId ?? null, JSON.stringify(spec.input ?? null), spec.requestId ?? null],
    );
    if (rows.length > 0) await this.o.delivery.send([id]);
    return (await this.get(id))!;
  }

  /** A job, with its parts' progress folded in; undefined when there is none. */
  async get(id: string): Promise<JobView | undefined> {
    const [r] = await this.o.db.query<Row>(`SELECT ${COLS} FROM jobs WHERE id = $1`, [id]);
    if (!r) return undefined;
    const view = toView(r);
    if (view.status === "running" || view.status === "queued") {
      const [c] = await this.o.db.query<{ n: number; done: number }>(
        "SELECT count(*)::int AS n, count(*) FILTER (WHERE status = 'done')::int AS done FROM jobs WHERE parent_id = $1",
        [id],
      );
      if (c && c.n > 0) view.progress = c.done / c.n;
    }
    return view;
  }

  /** The parts of a split job, in order. */
  async parts(id: string): Promise<JobView[]> {
    const rows = await this.o.db.query<Row>(
      `SELECT ${COLS} FROM jobs WHERE parent_id = $1 ORDER BY position`,
      [id],
    );
    return rows.map(toView);
  }

  /**
   * Cancels a job and its parts: a queued one never starts; a running one is told to stop (its
   * worker aborts it within a heartbeat) and its result, if it still comes, is discarded.
   */
  async cancel(id: string): Promise<JobView | undefined> {
    await this.o.db.transaction(async (tx) => {
      await tx.query(
        `UPDATE jobs SET cancel_requested = true, status = 'cancelled', finished_at = now()
         WHERE (id = $1 OR parent_id = $1) AND status IN ('queued', 'running')`,
        [id],
      );
    });
    for (const [jobId, r] of this.running) if (jobId === id || jobId.startsWith(`${id}/`)) r.abort.abort();
    return this.get(id);
  }

  /**
   * Starts running deliveries in this process, at most `concurrency` at once, with heartbeats,
   * cancellation checks and the reaper.
   */
  async start(concurrency: number): Promise<void> {
    if (this.consuming) return;
    this.consuming = true;
    const every = (ms: number, fn: () => Promise<unknown>) => {
      let busy = false;
      const t = setInterval(() => {
        if (busy) return;
        busy = true;
        fn()
          .catch((e) => this.o.log?.("warn", "job upkeep failed", { err: String(e) }))
          .finally(() => {
            busy = false;
          });
      }, ms);
      t.unref?.();
      this.timers.push(t);
    };
    every(this.heartbeatMs, () => this.heartbeat());
    every(this.o.reapMs ?? 3000, () => this.reap());
    await this.o.delivery.consume((id) => this.claim(id), concurrency);
    // Jobs left queued by an earlier process (embedded store: a restart) are delivered again.
    if (this.o.delivery.name === "in-process") await this.redeliverStale(true);
  }

  /**
   * Stops taking jobs. Running jobs are handed back: aborted, put back in the queue unchanged and
   * delivered again, so another process (or the next start) runs them; nothing they did is kept.
   */
  async stop(): Promise<void> {
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    const held = [...this.running.keys()];
    for (const id of held) {
      this.handingBack.add(id);
      this.running.get(id)?.abort.abort();
    }
    // Stop fetching before the hand-back is sent, or this process would take its own jobs again.
    await this.o.delivery.pause();
    if (held.length > 0) {
      const back = await this.o.db.query<{ id: string }>(
        `UPDATE jobs SET status = 'queued', worker = NULL, heartbeat_at = NULL
         WHERE id = ANY($1::text[]) AND status = 'running' AND worker = $2 RETURNING id`,
        [`{${held.map((h) => `"${h}"`).join(",")}}`, this.workerId],
      );
      if (this.o.delivery.name !== "in-process") await this.o.delivery.send(back.map((r) => r.id));
      this.o.log?.("info", "handed jobs back to the queue", { jobs: back.map((r) => r.id) });
    }
    await this.o.delivery.stop();
    this.consuming = false;
  }

  /** Jobs running in this process now. */
  runningIds(): string[] {
    return [...this.running.keys()];
  }

  private async heartbeat(): Promise<void> {
    if (this.running.size === 0) return;
    const ids = [...this.running.keys()];
    // Progress rides along with the heartbeat; cancellations come back with it.
    const rows = await this.o.db.query<{ id: string; cancel_requested: boolean }>(
      `UPDATE jobs j SET heartbeat_at = now(), progress = greatest(j.progress, p.progress)
       FROM (SELECT unnest($1::text[]) AS id, unnest($2::float8[]) AS progress) p
       WHERE j.id = p.id AND j.worker = $3 RETURNING j.id, j.cancel_requested`,
      [pgArray(ids), pgArray(ids.map((i) => this.running.get(i)?.progress ?? 0)), this.workerId],
    );
    const mine = new Set<string>();
    for (const r of rows) {
      mine.add(r.id);
      if (r.cancel_requested) this.running.get(r.id)?.abort.abort();
    }
    // A job this process no longer holds (reaped while this process stalled) is abandoned here.
    for (const id of ids) if (!mine.has(id)) this.running.get(id)?.abort.abort();
  }

  /** Puts the running jobs of dead workers back in the queue and delivers them (one reaper at a time). */
  private async reap(): Promise<void> {
    await this.redeliverStale(false);
    await this.finishFannedOut();
  }

  private async redeliverStale(includeQueued: boolean): Promise<void> {
    const ids = await this.o.db.transaction(async (tx) => {
      const [got] = await tx.query<{ ok: boolean }>("SELECT pg_try_advisory_xact_lock($1) AS ok", [
        REAP_LOCK,
      ]);
      if (!got?.ok) return [];
      const rows = await tx.query<{ id: string }>(
        `UPDATE jobs SET status = 'queued', worker = NULL, heartbeat_at = NULL
         WHERE status = 'running' AND worker IS NOT NULL
           AND heartbeat_at < now() - make_interval(secs => $1) RETURNING id`,
        [this.staleMs / 1000],
      );
      const queued = includeQueued
        ? await tx.query<{ id: string }>(
            "SELECT id FROM jobs WHERE status = 'queued' AND NOT cancel_requested ORDER BY created_at, position",
          )
        : [];
      return [...rows.map((r) => r.id), ...queued.map((r) => r.id)];
    });
    if (ids.length === 0) return;
    this.o.log?.("warn", "delivering jobs again", { jobs: ids });
    await this.o.delivery.send([...new Set(ids)]);
  }

  /** Split jobs whose parts are all finished but whose merge never happened (its worker died). */
  private async finishFannedOut(): Promise<void> {
    const rows = await this.o.db.query<{ id: string }>(
      `SELECT p.id FROM jobs p WHERE p.status = 'running' AND p.worker IS NULL
         AND EXISTS (SELECT 1 FROM jobs c WHERE c.parent_id = p.id)
         AND NOT EXISTS (SELECT 1 FROM jobs c WHERE c.parent_id = p.id AND c.status IN ('queued','running'))`,
    );
    for (const r of rows) await this.maybeMerge(r.id);
  }

  /**
   * Claims job `id` for this process, if it still needs running and nobody alive holds it, and
   * returns the run to do (undefined for a duplicate delivery). The delivery is acknowledged once
   * this resolves.
   */
  private async claim(id: string): Promise<(() => Promise<void>) | undefined> {
    const claimed = await this.o.db.query<Row>(
      `UPDATE jobs SET status = 'running', worker = $2, heartbeat_at = now(), attempts = attempts + 1,
         started_at = coalesce(started_at, now())
       WHERE id = $1 AND NOT cancel_requested
         AND (status = 'queued' OR (status = 'running' AND worker IS NOT NULL
              AND heartbeat_at < now() - make_interval(secs => $3)))
       RETURNING ${COLS}`,
      [id, this.workerId, this.staleMs / 1000],
    );
    const row = claimed[0];
    if (!row) return undefined; // finished, cancelled, or held by a live worker: a duplicate delivery
    const abort = new AbortController();
    const entry = { abort, progress: 0 };
    // An earlier run of this job in this process lost its claim (it stalled and was reaped): drop it.
    this.running.get(id)?.abort.abort();
    this.running.set(id, entry);
    return () => this.runClaimed(row, entry);
  }

  /** Runs a job this process has claimed and records its outcome (or gives it back for a retry). */
  private async runClaimed(row: Row, entry: { abort: AbortController; progress: number }): Promise<void> {
    const { id } = row;
    const { abort } = entry;
    const kind = this.o.kinds[row.kind];
    const ctx: JobContext = {
      id,
      signal: abort.signal,
      progress: (f) => {
        entry.progress = Math.max(entry.progress, Math.min(1, Math.max(0, f)));
      },
    };
    this.o.log?.("info", "job started", { job: id, kind: row.kind, attempt: row.attempts });
    try {
      const input = JSON.parse(row.input) as unknown;
      if (!kind) throw new JobInputError(`unknown job kind '${row.kind}'`);
      if (kind.split) {
        const parts = await kind.split(input, ctx);
        await this.fanOut(id, parts);
      } else if (kind.run) {
        const result = await kind.run(input, ctx);
        if (abort.signal.aborted) return;
        await this.finish(id, "done", result, null);
      } else throw new JobInputError(`job kind '${row.kind}' can neither run nor split`);
    } catch (e) {
      if (this.handingBack.has(id)) return;
      // Aborted: cancelled (already recorded by cancel()), handed back, or no longer this process's.
      if (abort.signal.aborted) return;
      const message = e instanceof Error ? e.message : String(e);
      const code = (e as { code?: unknown } | null)?.code;
      const permanent = isBadInput(e) || row.attempts >= this.maxAttempts;
      this.o.log?.(permanent ? "warn" : "error", "job failed", { job: id, err: message, permanent });
      if (permanent)
        await this.finish(
          id,
          "failed",
          undefined,
          typeof code === "string" ? `${code}: ${message}` : message,
        );
      else {
        // Unexpected (a crash in an engine, the database gone for a moment): try again elsewhere.
        await this.o.db.query(
          "UPDATE jobs SET status = 'queued', worker = NULL, heartbeat_at = NULL WHERE id = $1 AND status = 'running'",
          [id],
        );
        await this.o.delivery.send([id]);
      }
    } finally {
      if (this.running.get(id) === entry) {
        this.running.delete(id);
        this.handingBack.delete(id);
      }
    }
  }

  /** Records a job's outcome once: only while it is unfinished. A finished part may finish its parent. */
  private async finish(
    id: string,
    status: JobStatus,
    result: unknown,
    error: string | null,
  ): Promise<boolean> {
    const rows = await this.o.db.query<{ parent_id: string | null }>(
      `UPDATE jobs SET status = $2, result = $3, error = $4, progress = CASE WHEN $2 = 'done' THEN 1 ELSE progress END,
         finished_at = now(), worker = NULL
       WHERE id = $1 AND status IN ('queued', 'running') RETURNING parent_id`,
      [id, status, result === undefined ? null : JSON.stringify(result), error],
    );
    const parent = rows[0]?.parent_id;
    if (parent) {
      if (status === "failed")
        await this.finish(parent, "failed", undefined, `part ${id} failed: ${error ?? "unknown error"}`);
      else if (status === "done") await this.maybeMerge(parent);
    }
    return rows.length > 0;
  }

  /** Inserts a job's parts under fixed ids (once, however often this runs) and delivers the unfinished ones. */
  private async fanOut(id: string, parts: JobPart[]): Promise<void> {
    const pending = await this.o.db.transaction(async (tx: SqlQueryable) => {
      for (const [i, part] of parts.entries()) {
        // The embedded store answers in microtasks: without a turn of the event loop now and then,
        // thousands of inserts would keep every request waiting until the last (issue 13).
        if (i % FAN_OUT_YIELD_EVERY === FAN_OUT_YIELD_EVERY - 1) await new Promise((r) => setImmediate(r));
        await tx.query(
          `INSERT INTO jobs (id, kind, parent_id, position, user_id, input, request_id)
           SELECT $1, $2, $3, $4, user_id, $5, request_id FROM jobs WHERE id = $3
           ON CONFLICT (id) DO NOTHING`,
          [`${id}/${i}`, part.kind, id, i, JSON.stringify(part.input)],
        );
      }
      // The parent now waits on its parts; it is no longer held by this worker.
      await tx.query(
        "UPDATE jobs SET worker = NULL, heartbeat_at = NULL WHERE id = $1 AND status = 'running'",
        [id],
      );
      return tx.query<{ id: string }>(
        "SELECT id FROM jobs WHERE parent_id = $1 AND status = 'queued' ORDER BY position",
        [id],
      );
    });
    await this.o.delivery.send(pending.map((r) => r.id));
    if (parts.length === 0 || pending.length === 0) await this.maybeMerge(id);
  }

  /** When every part of `parentId` is done, merges their results into the parent's (once). */
  private async maybeMerge(parentId: string): Promise<void> {
    const [parent] = await this.o.db.query<Row>(`SELECT ${COLS} FROM jobs WHERE id = $1`, [parentId]);
    if (!parent || FINISHED.includes(parent.status)) return;
    // Counted first: each finished part asks, and reading every part's result each time made a
    // job of n parts read n² results.
    const [open] = await this.o.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM jobs WHERE parent_id = $1 AND status <> 'done'",
      [parentId],
    );
    if ((open?.n ?? 0) > 0) return;
    const parts = await this.o.db.query<{ status: JobStatus; result: string | null }>(
      "SELECT status, result FROM jobs WHERE parent_id = $1 ORDER BY position",
      [parentId],
    );
    if (parts.some((p) => p.status !== "done")) return;
    const kind = this.o.kinds[parent.kind];
    try {
      const merged = await kind!.merge!(
        JSON.parse(parent.input),
        parts.map((p) => (p.result === null ? null : JSON.parse(p.result))),
      );
      await this.finish(parentId, "done", merged, null);
    } catch (e) {
      await this.finish(parentId, "failed", undefined, e instanceof Error ? e.message : String(e));
    }
  }
}

/**
 * Whether an error says the job's input is bad (retrying cannot help): our and core's typed errors
 * carry a code such as "invalid_job" or "job/bad-scenario"; a PostgreSQL SQLSTATE ("57P01") or a
 * Node.js system code ("ECONNRESET") is a passing failure, worth another attempt.
 */
export function isBadInput(e: unknown): boolean {
  if (e instanceof JobInputError) return true;
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === "string" && !/^[0-9A-Z]{5}$/.test(code) && !/^E[A-Z_]+$/.test(code);
}

function toView(r: Row): JobView {
  const v: JobView = {
    id: r.id,
    kind: r.kind,
    parentId: r.parent_id,
    userId: r.user_id,
    status: r.status,
    progress: Number(r.progress),
    attempts: r.attempts,
    input: JSON.parse(r.input),
    createdAt: iso(r.created_at)!,
    startedAt: iso(r.started_at),
    finishedAt: iso(r.finished_at),
  };
  if (r.result !== null) v.result = JSON.parse(r.result);
  if (r.error !== null) v.error = r.error;
  return v;
}

/** A PostgreSQL array literal of strings or numbers (parameters are scalars in SqlValue). */
function pgArray(values: readonly (string | number)[]): string {
  return `{${values.map((v) => (typeof v === "number" ? String(v) : `"${v.replaceAll("\\", "\\\\").replaceAll('"', '\\"')}"`)).join(",")}}`;
}
