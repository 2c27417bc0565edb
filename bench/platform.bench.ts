// Sustained proposal submissions over loopback HTTP against `entente serve` in its own process,
// with the embedded store (PGlite) and with PostgreSQL (a throw-away cluster on loopback, when
// PostgreSQL is installed). Baseline: the same Store.createProposal calls made directly in this
// process, without HTTP, JSON validation or sessions.
import { mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import type { Benchmark, BenchRow } from "./harness.ts";
import { directProposalMs, mediatorRound, postgresSkipped, serveWithAdmin, withPostgres } from "./servers.ts";

const CLIENTS = 16;
const SECONDS = 5;

async function load(args: string[]): Promise<{ count: number; seconds: number; p50: number; p99: number }> {
  const served = await serveWithAdmin(args);
  try {
    const { call } = served;
    const { path, body, token } = await mediatorRound(served);
    const post = () => call("POST", path, body, token);
    for (let i = 0; i < 50; i++) await post(); // warm-up
    const latencies: number[] = [];
    const t0 = performance.now();
    const end = t0 + SECONDS * 1000;
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        while (performance.now() < end) {
          const s = performance.now();
          const r = await post();
          if (r.status !== 201) throw new Error(`proposal refused: ${JSON.stringify(r.json)}`);
          latencies.push(performance.now() - s);
        }
      }),
    );
    const seconds = (performance.now() - t0) / 1000;
    latencies.sort((a, b) => a - b);
    const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]!;
    return { count: latencies.length, seconds, p50: q(0.5), p99: q(0.99) };
  } finally {
    await served.stop();
  }
}

function row(label: string, r: Awaited<ReturnType<typeof load>>, baselineMs: number): BenchRow {
  const rate = r.count / r.seconds;
  return {
    name: `proposal submissions over HTTP, ${label}, ${CLIENTS} concurrent clients for ${SECONDS} s`,
    ms: 1000 / rate,
    baseline: "direct Store.createProposal, no HTTP, one at a time",
    baselineMs,
    target: "≥ 100 proposals/s sustained and p99 < 250 ms",
    ok: rate >= 100 && r.p99 < 250,
    note: `${r.count} proposals in ${r.seconds.toFixed(1)} s = ${rate.toFixed(0)}/s; latency p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms (ms column: wall time per proposal at that rate); load average ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores`,
  };
}

export const benchmarks: Benchmark[] = [
  {
    name: "Platform: sustained proposal submissions (embedded store and PostgreSQL)",
    async run() {
      const rows: BenchRow[] = [];
      const dir = mkdtempSync(join(tmpdir(), "entente-bench-"));
      const dir2 = mkdtempSync(join(tmpdir(), "entente-bench-"));
      try {
        rows.push(
          row(
            "embedded PGlite",
            await load(["--data-dir", dir]),
            await directProposalMs({ dataDir: dir2 }, 500),
          ),
        );
      } finally {
        rmSync(dir, { recursive: true, force: true });
        rmSync(dir2, { recursive: true, force: true });
      }
      const pg = await withPostgres(async (databaseUrl) =>
        row(
          "PostgreSQL 15 on loopback",
          await load(["--database-url", databaseUrl]),
          await directProposalMs({ databaseUrl }, 500),
        ),
      );
      rows.push(pg ?? postgresSkipped);
      return rows;
    },
  },
];
