import { openStore, type Store } from "@entente/store";
import { closeCpuPool, cpuPool, createCpuPool } from "./pool.js";
import type { JobQueue } from "./queue.js";
import { poolAnalyses, postgresJobQueue } from "./setup.js";

export interface StartWorkerOptions {
  /** The PostgreSQL database the servers use (a worker needs a shared database). */
  databaseUrl: string;
  /** Worker threads, hence jobs run at once. @default the CPU pool's size (the machine's parallelism) */
  threads?: number;
  log?: (level: "info" | "warn" | "error", msg: string, fields?: Record<string, unknown>) => void;
}

export interface RunningWorker {
  workerId: string;
  threads: number;
  jobs: JobQueue;
  store: Store;
  /** Stops taking jobs, hands running ones back to the queue, and closes the pool and the database. */
  close(): Promise<void>;
}

/**
 * An `entente worker` process: takes jobs from the PostgreSQL queue and runs them on a pool of worker
 * threads sized to the machine, beside any number of server instances and other workers.
 */
export async function startWorker(options: StartWorkerOptions): Promise<RunningWorker> {
  const store = await openStore({ databaseUrl: options.databaseUrl });
  const pool = options.threads !== undefined ? createCpuPool({ threads: options.threads }) : cpuPool();
  const threads = Math.max(1, pool.threads);
  const jobs = postgresJobQueue(store.db, options.databaseUrl, poolAnalyses(pool), {
    pool,
    ...(options.log ? { log: options.log } : {}),
  });
  await jobs.start(threads);
  let closing: Promise<void> | undefined;
  return {
    workerId: jobs.workerId,
    threads,
    jobs,
    store,
    close() {
      closing ??= (async () => {
        await jobs.stop();
        await pool.close();
        await closeCpuPool();
        await store.db.close();
      })();
      return closing;
    },
  };
}
