// The job queue on PostgreSQL: a sharded 10,000-draw Monte Carlo on one worker against two (each
// worker a JobQueue with its own connection pool and one worker thread, as `entente worker
// --threads 1` would be), beside the one-process run; and the queue's latency from enqueue to start.
import { readFileSync } from "node:fs";
import { forecastInputFromScenario, monteCarlo, parseScenario } from "@entente/core";
import { createCpuPool, JobQueue, type JobView, PgBossDelivery, platformJobKinds } from "@entente/server";
import { migrate, openPostgres, Store, startTempPostgres } from "@entente/store";
import type { Benchmark, BenchRow } from "./harness.ts";

const RUNS = 10_000;
const text = readFileSync(new URL("../scenarios/ukraine-security-guarantees.yaml", import.meta.url), "utf8");

async function worker(url: string) {
  const db = await openPostgres(url);
  const pool = createCpuPool({ threads: 1 });
  const q = new JobQueue({
    db,
    delivery: new PgBossDelivery({ connectionString: url, db }),
    kinds: { ...platformJobKinds({ db, analyses: {}, pool }), noop: { run: async () => null } },
  });
  await q.start(1);
  const close = async () => {
    await q.stop();
    await pool.close();
    await db.close();
  };
  return { q, close };
}

async function until(q: JobQueue, id: string): Promise<JobView> {
  for (;;) {
    const j = (await q.get(id))!;
    if (j.status === "done" || j.status === "failed") return j;
    await new Promise((r) => setTimeout(r, 20));
  }
}

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;

export const benchmarks: Benchmark[] = [
  {
    name: "job queue on PostgreSQL: sharded Monte Carlo and latency",
    async run(): Promise<BenchRow[]> {
      const pg = startTempPostgres();
      if (!pg) return [{ name: "PostgreSQL not installed: skipped", ms: 0 }];
      try {
        const db = await openPostgres(pg.databaseUrl);
        await migrate(db);
        const store = new Store(db);
        const parsed = parseScenario(text, "upload.yaml");
        if (!parsed.ok) throw new Error("default scenario does not parse");
        await store.putScenario({ userId: null, userName: "bench" }, "ua", "yaml", text, parsed.scenario);
        const input = forecastInputFromScenario(parsed.scenario);
        const t0 = performance.now();
        monteCarlo(input, "compromise", RUNS, 3);
        const oneProcess = performance.now() - t0;

        const mc = async (n: number, seed: number) => {
          const ws = await Promise.all(Array.from({ length: n }, () => worker(pg.databaseUrl)));
          const t = performance.now();
          const job = await ws[0]!.q.enqueue({
            kind: "montecarlo",
            input: { scenarioId: 1, version: 1, model: "compromise", runs: RUNS, seed, shardSize: 500 },
          });
          const done = await until(ws[0]!.q, job.id);
          const ms = performance.now() - t;
          if (done.status !== "done") throw new Error(`Monte Carlo ${done.status}: ${done.error}`);
          for (const w of ws) await w.close();
          return ms;
        };
        const one = await mc(1, 3);
        const two = await mc(2, 4);

        // Latency: 100 trivial jobs enqueued one after another, each waited for.
        const w = await worker(pg.databaseUrl);
        const lat: number[] = [];
        for (let i = 0; i < 100; i++) {
          const job = await w.q.enqueue({ kind: "noop", input: null });
          const done = await until(w.q, job.id);
          lat.push(new Date(done.startedAt!).getTime() - new Date(done.createdAt).getTime());
        }
        await w.close();
        lat.sort((a, b) => a - b);
        await db.close();
        return [
          {
            name: `Monte Carlo ${RUNS.toLocaleString("en")} draws (compromise), 20 shards, 2 workers`,
            ms: two,
            baseline: "1 worker",
            baselineMs: one,
            note: `one process, no queue: ${oneProcess.toFixed(0)} ms; machine shared with other agents (load ~20 on 2 cores)`,
          },
          {
            name: "job queue latency, enqueue to start (database clock), p50",
            ms: pct(lat, 0.5),
            note: `p99 ${pct(lat, 0.99).toFixed(1)} ms over 100 jobs; wake-up by NOTIFY, pg-boss fetch`,
          },
        ];
      } finally {
        pg.stop();
      }
    },
  },
];
