// The job queue on PostgreSQL: a sharded 10,000-draw Monte Carlo on one worker against two (each
// worker a JobQueue with its own connection pool and one worker thread, as `entente worker
// --threads 1` would be), beside the one-process run; and the queue's latency from enqueue to start.
// Then proposal writes per second over HTTP through one `entente serve` against two instances on
// the same PostgreSQL (the same clients, split between the instances), in the same run.
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { forecastInputFromScenario, monteCarlo, parseScenario } from "@entente/core";
import { createCpuPool, JobQueue, type JobView, PgBossDelivery, platformJobKinds } from "@entente/server";
import { migrate, openPostgres, Store, startTempPostgres } from "@entente/store";
import type { Benchmark, BenchRow } from "./harness.ts";
import { mediatorRound, postgresSkipped, serveWithAdmin, withPostgres } from "./servers.ts";

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

const CLIENTS = 16;
const SECONDS = 5;
const cli = fileURLToPath(new URL("../packages/cli/dist/entente.js", import.meta.url));

/** Another `entente serve --no-jobs` on the same database (the admin exists already); its base URL. */
async function anotherInstance(databaseUrl: string): Promise<{ url: string; child: ChildProcess }> {
  const env = { ...process.env };
  delete env.DATABASE_URL;
  const child = spawn(
    process.execPath,
    [cli, "serve", "--port", "0", "--no-jobs", "--database-url", databaseUrl],
    { env, stdio: ["ignore", "pipe", "ignore"] },
  );
  let out = "";
  const url = await new Promise<string>((resolve, reject) => {
    child.once("exit", (c) => reject(new Error(`server exited with ${c}: ${out}`)));
    child.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      if (out.includes("entente: ready")) resolve(/serving (\S+)\/api/.exec(out)![1]!);
    });
  });
  return { url, child };
}

/**
 * Proposals per second that CLIENTS concurrent clients table for SECONDS through `urls` (client k
 * writes through urls[k % n]), with the p99 latency.
 */
async function writeLoad(
  urls: string[],
  path: string,
  body: unknown,
  token: string,
): Promise<{ rate: number; p99: number; count: number }> {
  const post = async (url: string) => {
    const r = await fetch(url + path, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    const text = await r.text();
    if (r.status !== 201) throw new Error(`proposal refused by ${url}: ${r.status} ${text}`);
  };
  for (const url of urls) for (let i = 0; i < 30; i++) await post(url); // warm-up
  const latencies: number[] = [];
  const t0 = performance.now();
  const end = t0 + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, k) => {
      const url = urls[k % urls.length]!;
      while (performance.now() < end) {
        const s = performance.now();
        await post(url);
        latencies.push(performance.now() - s);
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  return { rate: latencies.length / seconds, p99: pct(latencies, 0.99), count: latencies.length };
}

benchmarks.push({
  name: "proposal writes through 1 and 2 server instances on one PostgreSQL",
  async run(): Promise<BenchRow[]> {
    const rows = await withPostgres(async (databaseUrl) => {
      const one = await serveWithAdmin(["--no-jobs", "--database-url", databaseUrl]);
      const two = await anotherInstance(databaseUrl);
      try {
        const { path, body, token } = await mediatorRound(one);
        // Alternated, so that drift in the machine's load falls on both alike.
        const single = await writeLoad([one.url], path, body, token);
        const double = await writeLoad([one.url, two.url], path, body, token);
        const single2 = await writeLoad([one.url], path, body, token);
        const baseRate = (single.rate + single2.rate) / 2;
        return [
          {
            name: `proposal writes over HTTP, ${CLIENTS} clients for ${SECONDS} s, through 2 server instances`,
            ms: 1000 / double.rate,
            baseline: "1 server instance (mean of a run before and after)",
            baselineMs: 1000 / baseRate,
            note: `${double.rate.toFixed(0)}/s (p99 ${double.p99.toFixed(0)} ms) against ${baseRate.toFixed(0)}/s (${single.rate.toFixed(0)} and ${single2.rate.toFixed(0)}; p99 ${single.p99.toFixed(0)} ms) = ${(double.rate / baseRate).toFixed(2)}×; ms column: wall time per proposal at that rate; load average ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores, shared with the database and the clients`,
          },
        ];
      } finally {
        two.child.kill("SIGTERM");
        await new Promise((r) => two.child.once("exit", r));
        await one.stop();
      }
    });
    return rows ?? [postgresSkipped];
  },
});
