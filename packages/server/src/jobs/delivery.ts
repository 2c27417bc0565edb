import type { SqlClient } from "@entente/store";

/**
 * How job ids reach the processes that run them. The job's state lives in the `jobs` table; a
 * delivery only says "run job X", at least once. Duplicates are harmless (a job that is already
 * finished, or held by a live worker, is skipped), and so is a lost delivery of a job whose worker
 * died: the reaper delivers it again.
 */
export interface JobDelivery {
  /** "in-process" (embedded store) or "pg-boss" (PostgreSQL). */
  readonly name: string;
  /** Delivers these job ids to some consumer. */
  send(ids: readonly string[]): Promise<void>;
  /**
   * Starts taking deliveries: `run` is called with each job id, at most `concurrency` at once, and
   * the delivery is acknowledged when its promise settles.
   */
  consume(run: (id: string) => Promise<void>, concurrency: number): Promise<void>;
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
  private run: ((id: string) => Promise<void>) | undefined;
  private concurrency = 1;
  private active = new Set<Promise<void>>();
  private stopped = false;

  async send(ids: readonly string[]): Promise<void> {
    this.waiting.push(...ids);
    this.pump();
  }

  async consume(run: (id: string) => Promise<void>, concurrency: number): Promise<void> {
    this.run = run;
    this.concurrency = Math.max(1, concurrency);
    this.stopped = false;
    this.pump();
  }

  private pump(): void {
    while (this.run && !this.stopped && this.active.size < this.concurrency && this.waiting.length > 0) {
      const id = this.waiting.shift()!;
      const p: Promise<void> = (async () => {
        // After the caller's response has gone out: a job never runs inside the request that sent it.
        await new Promise((r) => setImmediate(r));
        await this.run!(id);
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
}

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
          // Our reaper re-delivers the jobs of dead workers within seconds; pg-boss's own expiry is
          // a backstop for deliveries whose consumer vanished.
          expireInSeconds: 3600,
          retryLimit: 1,
          maintenanceIntervalSeconds: 60,
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
    await boss.insert(ids.map((id) => ({ name: PG_BOSS_QUEUE, data: { id } })));
    await this.options.db.query("SELECT pg_notify($1, '')", [WAKE_CHANNEL]);
  }

  async consume(run: (id: string) => Promise<void>, concurrency: number): Promise<void> {
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
            const p: Promise<void> = run(j.data.id)
              .then(
                () => boss.complete(PG_BOSS_QUEUE, j.id),
                () => boss.complete(PG_BOSS_QUEUE, j.id),
              )
              .then(
                () => undefined,
                () => undefined,
              )
              .finally(() => {
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
