import type { SqlClient } from "@entente/store";
import { defaultAnalyses } from "../analyses.js";
import type { AnalysisRunner } from "../deps.js";
import { InProcessDelivery, PgBossDelivery } from "./delivery.js";
import { platformJobKinds } from "./kinds.js";
import { type CpuPool, cpuPool } from "./pool.js";
import { JobQueue, type JobQueueOptions } from "./queue.js";

/**
 * The default analyses, each run on a worker thread of `pool`, so a long engine never holds the
 * event loop (which keeps heartbeats, requests and streams going). Progress is not reported from the
 * thread: such a job goes from 0 to 1.
 */
export function poolAnalyses(pool: CpuPool): Record<string, AnalysisRunner> {
  return Object.fromEntries(
    Object.keys(defaultAnalyses({} as never)).map((engine) => {
      const runner: AnalysisRunner = (scenario, _progress, options) =>
        pool.run("analysis.engine", { engine, scenario, ...(options ? { options } : {}) });
      // A job holds the scenario's text: the thread parses it (the event loop never does).
      runner.fromSource = (source, options) =>
        pool.run("analysis.engine", { engine, source, ...(options ? { options } : {}) });
      return [engine, runner];
    }),
  );
}

/**
 * The embedded store's queue: jobs in the `jobs` table, run in this process, as many at once as the
 * CPU pool has threads. Started at once (it takes the jobs a previous run left unfinished).
 */
export function inProcessJobQueue(
  db: SqlClient,
  analyses: Record<string, AnalysisRunner>,
  options: Partial<JobQueueOptions> = {},
): JobQueue {
  const pool = cpuPool();
  const q = new JobQueue({
    db,
    delivery: new InProcessDelivery(),
    kinds: platformJobKinds({ db, analyses, pool }),
    ...options,
  });
  void q.start(Math.max(1, pool.threads)).catch(() => undefined);
  return q;
}

/**
 * The PostgreSQL queue: jobs in the `jobs` table, delivered through pg-boss to every process that
 * calls `start` (servers unless told not to, and `entente worker`).
 */
export function postgresJobQueue(
  db: SqlClient,
  databaseUrl: string,
  analyses: Record<string, AnalysisRunner>,
  options: Partial<JobQueueOptions> & { pool?: CpuPool } = {},
): JobQueue {
  const pool = options.pool ?? cpuPool();
  return new JobQueue({
    db,
    delivery: new PgBossDelivery({ connectionString: databaseUrl, db }),
    kinds: platformJobKinds({ db, analyses, pool }),
    ...options,
  });
}
