// Sustained proposal submissions over loopback HTTP against `entente serve` in its own process,
// with the embedded store (PGlite) and with PostgreSQL (a throw-away cluster on loopback, when
// PostgreSQL is installed). Baseline: the same Store.createProposal calls made directly in this
// process, without HTTP, JSON validation or sessions.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Scenario } from "@entente/core";
import { openStore, startTempPostgres } from "@entente/store";
import type { Benchmark, BenchRow } from "./harness.ts";

const cli = fileURLToPath(new URL("../packages/cli/dist/entente.js", import.meta.url));
const CLIENTS = 16;
const SECONDS = 5;

async function spawnServer(args: string[]): Promise<{ url: string; password: string; child: ChildProcess }> {
  const env = { ...process.env };
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, [cli, "serve", "--port", "0", ...args], {
    env,
    stdio: ["ignore", "pipe", "inherit"],
  });
  let out = "";
  return new Promise((resolve, reject) => {
    child.on("exit", (c) => reject(new Error(`server exited with ${c}: ${out}`)));
    child.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      if (out.includes("entente: ready")) {
        resolve({
          url: /serving (\S+)\/api/.exec(out)![1]!,
          password: /one-time password: (\S+)/.exec(out)![1]!,
          child,
        });
      }
    });
  });
}

async function load(args: string[]): Promise<{ count: number; seconds: number; p50: number; p99: number }> {
  const { url, password, child } = await spawnServer(args);
  try {
    let token = "";
    const call = async (method: string, path: string, body?: unknown) => {
      const res = await fetch(url + path, {
        method,
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
      return { status: res.status, json: (await res.json()) as Record<string, unknown> };
    };
    token = (await call("POST", "/api/login", { name: "admin", password })).json.token as string;
    // The printed password is a one-time password: replace it before anything else.
    await call("POST", "/api/me/password", {
      currentPassword: password,
      newPassword: "bench-admin-password",
    });
    const med = await call("POST", "/api/users", { name: "med", password: "mediator-password-1" });
    const sid = ((await call("GET", "/api/scenarios")).json.scenarios as { id: number }[])[0]!.id;
    const n = (
      await call("POST", "/api/negotiations", {
        title: "Bench",
        venue: "Geneva",
        scenarioId: sid,
        scenarioVersion: 1,
      })
    ).json.id as number;
    await call("POST", `/api/negotiations/${n}/members`, {
      userId: (med.json.user as { id: number }).id,
      role: "mediator",
    });
    token = (await call("POST", "/api/login", { name: "med", password: "mediator-password-1" })).json
      .token as string;
    await call("POST", `/api/negotiations/${n}/rounds`, { label: "bench" });
    const parsed = (await call("GET", `/api/scenarios/${sid}/versions/1`)).json.parsed as unknown as Scenario;
    const pkg = Object.fromEntries(
      parsed.issues.map((i) => [i.id, i.kind === "numeric" ? i.min : i.options[0]!.id]),
    );
    const post = () => call("POST", `/api/negotiations/${n}/proposals`, { package: pkg, note: "bench" });
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
    child.kill("SIGTERM");
  }
}

/** Per-proposal time of direct Store.createProposal calls (no HTTP), sequential. */
async function direct(options: { dataDir?: string; databaseUrl?: string }, count = 500): Promise<number> {
  const store = await openStore(options);
  try {
    const sys = { userId: null, userName: "bench" };
    const v = await store.putScenario(sys, "bench", "json", "{}", {});
    const n = await store.createNegotiation(sys, {
      title: "b",
      venue: "v",
      scenarioId: v.scenarioId,
      scenarioVersion: 1,
    });
    await store.openRound(sys, n.id, "r");
    const input = {
      negotiationId: n.id,
      parentId: null,
      authorRole: "mediator",
      authorActor: null,
      package: { a: "b" },
      note: "",
    };
    for (let i = 0; i < 20; i++) await store.createProposal(sys, input);
    const t0 = performance.now();
    for (let i = 0; i < count; i++) await store.createProposal(sys, input);
    return (performance.now() - t0) / count;
  } finally {
    await store.db.close();
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
        rows.push(row("embedded PGlite", await load(["--data-dir", dir]), await direct({ dataDir: dir2 })));
      } finally {
        rmSync(dir, { recursive: true, force: true });
        rmSync(dir2, { recursive: true, force: true });
      }
      const pg = process.env.DATABASE_URL
        ? { databaseUrl: process.env.DATABASE_URL, stop() {} }
        : startTempPostgres();
      if (!pg) {
        rows.push({ name: "PostgreSQL: skipped (initdb not found and DATABASE_URL unset)", ms: 0 });
        return rows;
      }
      try {
        const r = await load(["--database-url", pg.databaseUrl]);
        rows.push(row("PostgreSQL 15 on loopback", r, await direct({ databaseUrl: pg.databaseUrl })));
      } finally {
        pg.stop();
      }
      return rows;
    },
  },
];
