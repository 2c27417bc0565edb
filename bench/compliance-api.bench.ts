// Monitoring API (issue 8): sustained report ingestion through the HTTP routes, on the embedded
// store (PGlite) and, when DATABASE_URL is set (scripts/with-postgres.sh), on PostgreSQL.
import { makeMonitoringFixture } from "../packages/server/src/test-support/monitoring-fixture.js";
import type { Benchmark, BenchRow } from "./harness.js";

const REQUESTS = 1000;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

async function ingest(kind: "pglite" | "postgres"): Promise<BenchRow[]> {
  const saved = process.env.ENTENTE_TEST_DB;
  process.env.ENTENTE_TEST_DB = kind;
  const { f, negotiationId, request } = await makeMonitoringFixture();
  if (saved === undefined) delete process.env.ENTENTE_TEST_DB;
  else process.env.ENTENTE_TEST_DB = saved;
  const url = `/api/negotiations/${negotiationId}/monitoring/reports`;
  const t0 = Date.UTC(2026, 10, 1);
  const report = (i: number) => ({
    kind: "report",
    id: `b-${i}`,
    time: new Date(t0 + i * 1000).toISOString(),
    by: "osce",
    type: i % 3 === 0 ? "ceasefire-violation" : "compliance-verified",
    metric: "ceasefire-violations",
    party: i % 2 ? "ua" : "ru",
    confidence: 0.9,
  });
  // Warm up the session and the connection.
  for (let i = 0; i < 20; i++) await request("POST", url, "monitor", { events: [report(i)] });
  const lat: number[] = [];
  const start = performance.now();
  for (let i = 20; i < 20 + REQUESTS; i++) {
    const a = performance.now();
    const r = await request("POST", url, "monitor", { events: [report(i)] });
    lat.push(performance.now() - a);
    if (r.status !== 201) throw new Error(`ingestion failed: ${r.status} ${r.text}`);
  }
  const total = performance.now() - start;
  lat.sort((x, y) => x - y);
  // Baseline: answering from the stored log by re-evaluating it whole (GET compliance), per request.
  const base: number[] = [];
  for (let i = 0; i < 20; i++) {
    const a = performance.now();
    await request("GET", `/api/negotiations/${negotiationId}/monitoring/compliance`, "ua");
    base.push(performance.now() - a);
  }
  base.sort((x, y) => x - y);
  // Batches: an import of 100 events per request (one transaction, one audit entry).
  const BATCHES = 20;
  const b0 = performance.now();
  for (let k = 0; k < BATCHES; k++) {
    const events = Array.from({ length: 100 }, (_, j) => report(20 + REQUESTS + k * 100 + j));
    const r = await request("POST", url, "monitor", { events });
    if (r.status !== 201) throw new Error(`batch ingestion failed: ${r.status} ${r.text}`);
  }
  const batchMs = (performance.now() - b0) / BATCHES;
  await f.store.db.close();
  const rate = REQUESTS / (total / 1000);
  return [
    {
      name: `POST one report, ${REQUESTS} in sequence (${kind}): p99 latency`,
      ms: percentile(lat, 0.99),
      baseline: `GET compliance re-evaluating the ${REQUESTS + 20}-event log (p50)`,
      baselineMs: percentile(base, 0.5),
      note: `${Math.round(rate)} reports/s sustained; p50 ${percentile(lat, 0.5).toFixed(2)} ms; each in its own audited transaction`,
    },
    {
      name: `POST 100 reports per request (${kind}): per request`,
      ms: batchMs,
      note: `${Math.round(100_000 / batchMs)} reports/s in batches of 100`,
    },
  ];
}

export const benchmarks: Benchmark[] = [
  {
    name: "Monitoring API: sustained report ingestion",
    async run() {
      const rows = await ingest("pglite");
      if (process.env.DATABASE_URL) rows.push(...(await ingest("postgres")));
      else
        rows.push({ name: "PostgreSQL: skipped (set DATABASE_URL, e.g. scripts/with-postgres.sh)", ms: 0 });
      return rows;
    },
  },
];
