import type { SqlClient } from "@entente/store";

/**
 * What a consumer does with one delivery: `claim` the job in the `jobs` table (resolves once the
 * claim is settled: with the work to do, or undefined when there is nothing to run) — only then is
 * the delivery acknowledged — and afterwards run the work. A claim that throws leaves the delivery
 * unacknowledged, to be delivered again.
 */
export type DeliveryHandler = (id: string) => Promise<(() => Promise<void>) | undefined>;

/**
 * How job ids reach the processes that run them. The job's state lives in the `jobs` table; a
 * delivery only says "run job X", at least once. Duplicates are harmless (a job that is already
 * finished, or held by a live worker, is skipped). A delivery is acknowledged once its job is
 * claimed, not when it has run: a consumer that dies between taking a delivery and claiming the job
 * leaves the delivery unacknowledged, and it is delivered again (a job claimed by a worker that then
 * dies is the reaper's, through the job's heartbeat).
 */
export interface JobDelivery {
  /** "in-process" (embedded store) or "pg-boss" (PostgreSQL). */
  readonly name: string;
  /** Delivers these job ids to some consumer. */
  send(ids: readonly string[]): Promise<void>;
  /**
   * Starts taking deliveries: `handle` claims each job id; a delivery is acknowledged once its claim
   * resolves, and at most `concurrency` claimed jobs run at once.
   */
  consume(handle: DeliveryHandler, concurrency: number): Promise<void>;
  /** Stops taking deliveries and waits for the ones being run; `send` still works afterwards. */
  pause(): Promise<void>;
  /** Stops taking deliveries, waits for the ones being run, and lets go of its connections. */
  stop(): Promise<void>;
}

/**
 * Deliveries inside this process, for the embedded store (one process owns a PGlite directory, so
 * there is nobody else to deliver to). Sent ids wait until `consume` is called.
 */
export class InProcessDelivery implements JobDelivery {
  readonly name = "in-process";
  private readonly waiting: string[] = [];
  private handle: DeliveryHandler | undefined;
  private concurrency = 1;
  private active = new Set<Promise<void>>();
  private stopped = false;

  async send(ids: readonly string[]): Promise<void> {
    this.waiting.push(...ids);
    this.pump();
  }

  async consume(handle: DeliveryHandler, concurrency: number): Promise<void> {
    this.handle = handle;
    this.concurrency = Math.max(1, concurrency);
    this.stopped = false;
    this.pump();
  }

  private pump(): void {
    while (this.handle && !this.stopped && this.active.size < this.concurrency && this.waiting.length > 0) {
      const id = this.waiting.shift()!;
      const handle = this.handle;
      const p: Promise<void> = (async () => {
        // After the caller's response has gone out: a job never runs inside the request that sent it.
        await new Promise((r) => setImmediate(r));
        let work: (() => Promise<void>) | undefined;
        try {
          work = await handle(id);
        } catch {
          // The claim failed (the database gone for a moment): deliver it again shortly.
          setTimeout(() => void this.send([id]), 1000).unref?.();
          return;
        }
        await work?.();
      })()
        .catch(() => undefined)
        .finally(() => {
          this.active.delete(p);
          this.pump();
        });
      this.active.add(p);
    }
  }

  async pause(): Promise<void> {
    this.stopped = true;
    await Promise.all([...this.active]);
  }

  async stop(): Promise<void> {
    await this.pause();
  }
}

/** The pg-boss queue every job id goes through on PostgreSQL. */
export const PG_BOSS_QUEUE = "entente-jobs";
/** NOTIFY channel that wakes consumers when ids are sent (pg-boss itself polls). */
export const WAKE_CHANNEL = "entente_jobs_wake";

export interface PgBossDeliveryOptions {
  connectionString: string;
  /** Used to LISTEN for wake-ups, so a job starts within milliseconds instead of a polling interval. */
  db: SqlClient;
  /** Fallback polling interval while no NOTIFY arrives. @default 1000 */
  pollMs?: number;
  /**
   * A delivery taken but not acknowledged (its consumer died before claiming the job) is delivered
   * again after this long; pg-boss's maintenance, every `maintenanceSeconds` in one process at a
   * time, looks for such deliveries. @default 5
   */
  claimTimeoutSeconds?: number;
  /** @default 3 */
  maintenanceSeconds?: number;
}

/** A delivery is taken again this many times at most (each time its consumer died before claiming). */
const DELIVERY_RETRIES = 100;

/**
 * Deliveries through pg-boss 10 (a maintained PostgreSQL queue that runs on Node 20 and 24; see
 * docs/deploy.md for why this one): `send` inserts pg-boss jobs carrying our job id, consumers
 * `fetch` them (FOR UPDATE SKIP LOCKED, so each delivery goes to one consumer) as soon as a NOTIFY
 * says there is work, or every `pollMs` otherwise, and complete them when run.
 */
export class PgBossDelivery implements JobDelivery {
  readonly name = "pg-boss";
  private boss: Promise<import("pg-boss")> | undefined;
  private loop: Promise<void> | undefined;
  private stopped = false;
  private wake: (() => void) | undefined;
  private unlisten: (() => Promise<void>) | undefined;
  private readonly active = new Set<Promise<void>>();

  constructor(private readonly options: PgBossDeliveryOptions) {}

  private start(): Promise<import("pg-boss")> {
    this.boss ??= (async () => {
      const { default: PgBoss } = await import("pg-boss");
      // pg-boss installs its schema and our queue on first start; processes starting together on a
      // fresh database can deadlock there (PostgreSQL picks a victim, in `start` or in
      // `createQueue`). The victim drops that instance and starts again with a fresh one.
      for (let attempt = 1; ; attempt++) {
        const boss = new PgBoss({
          connectionString: this.options.connectionString,
          max: 3,
          // A delivery is acknowledged as soon as its job is claimed (the job's own heartbeat and our
          // reaper look after it from then on), so one still unacknowledged after a few seconds was
          // taken by a consumer that died before claiming: pg-boss's maintenance expires it and it is
          // delivered again. (With the acknowledgement after the run and an hour's expiry, such a job
          // stayed queued for an hour: the stall of the cluster test's kill-mid-shard case.)
          expireInSeconds: this.options.claimTimeoutSeconds ?? 5,
          retryLimit: DELIVERY_RETRIES,
          retryDelay: 0,
          maintenanceIntervalSeconds: this.options.maintenanceSeconds ?? 3,
        });
        boss.on("error", () => undefined);
        try {
          await boss.start();
          if (!(await boss.getQueue(PG_BOSS_QUEUE))) {
            // Two processes starting at once may both try; the loser's error is harmless.
            await boss.createQueue(PG_BOSS_QUEUE).catch(async (e) => {
              if (!(await boss.getQueue(PG_BOSS_QUEUE))) throw e;
            });
          }
          return boss;
        } catch (e) {
          await boss.stop({ graceful: false, wait: true, close: true }).catch(() => undefined);
          if (attempt >= 8) throw e;
          await new Promise((r) => setTimeout(r, 200 * attempt + Math.random() * 300));
        }
      }
    })();
    this.boss.catch(() => {
      this.boss = undefined;
    });
    return this.boss;
  }

  async send(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    const boss = await this.start();
    const expireInSeconds = this.options.claimTimeoutSeconds ?? 5;
    await boss.insert(
      ids.map((id) => ({ name: PG_BOSS_QUEUE, data: { id }, expireInSeconds, retryLimit: DELIVERY_RETRIES })),
    );
    await this.options.db.query("SELECT pg_notify($1, '')", [WAKE_CHANNEL]);
  }

  async consume(handle: DeliveryHandler, concurrency: number): Promise<void> {
    const boss = await this.start();
    this.stopped = false;
    this.unlisten = await this.options.db.listen(WAKE_CHANNEL, () => this.wake?.());
    const pollMs = this.options.pollMs ?? 1000;
    this.loop = (async () => {
      while (!this.stopped) {
        const free = concurrency - this.active.size;
        let got = 0;
        if (free > 0) {
          const jobs = await boss.fetch<{ id: string }>(PG_BOSS_QUEUE, { batchSize: free }).catch(() => []);
          got = jobs.length;
          for (const j of jobs) {
            const p: Promise<void> = (async () => {
              let work: (() => Promise<void>) | undefined;
              try {
                work = await handle(j.data.id);
              } catch (e) {
                // Not claimed (the database gone for a moment): pg-boss delivers it again.
                await boss.fail(PG_BOSS_QUEUE, j.id, { message: String(e) }).catch(() => undefined);
                return;
              }
              // Claimed (or nothing to run): the delivery is done. If this acknowledgement is lost,
              // the delivery expires and comes again, and the claim finds the job taken.
              await boss.complete(PG_BOSS_QUEUE, j.id).catch(() => undefined);
              await work?.().catch(() => undefined);
            })().finally(() => {
              this.active.delete(p);
              this.wake?.();
            });
            this.active.add(p);
          }
        }
        if (got === 0 || this.active.size >= concurrency) {
          await new Promise<void>((resolve) => {
            const t = setTimeout(done, pollMs);
            function done() {
              clearTimeout(t);
              resolve();
            }
            this.wake = done;
          });
          this.wake = undefined;
        }
      }
    })();
  }

  async pause(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.loop;
    await this.unlisten?.();
    this.unlisten = undefined;
    await Promise.all([...this.active]);
  }

  async stop(): Promise<void> {
    await this.pause();
    const boss = await this.boss?.catch(() => undefined);
    this.boss = undefined;
    await boss?.stop({ graceful: false, wait: true, close: true }).catch(() => undefined);
  }
}
