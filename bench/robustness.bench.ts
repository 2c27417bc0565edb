// Issue 13: how well the platform holds up against one signed-in observer's heaviest requests, what
// sign-in costs for known and unknown names, and what the embedded store's fsync on every commit
// costs. Each figure beside a baseline measured in the same run.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { createApp, hashPassword } from "@entente/server";
import { openPglite, openStore } from "@entente/store";
import type { Benchmark, BenchRow } from "./harness.ts";
import { serveWithAdmin } from "./servers.ts";

const CLIENTS = 20;
/** Health probes per phase, after PROBE_WARMUP unmeasured ones on the same connection. */
const PROBES = 1000;
const PROBE_WARMUP = 200;

const quantile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
};

/**
 * The prober: sequential GET /api/health from a process of its own, so that what it measures is the
 * server's answer time, not this process's event loop (busy sending the heavy requests). The same
 * code, warm-up and sample count serve the idle and the loaded phase.
 */
const PROBER = `
const url = process.env.PROBE_URL, warm = Number(process.env.PROBE_WARMUP), n = Number(process.env.PROBES);
const times = [];
for (let i = 0; i < warm + n; i++) {
  const t = performance.now();
  const r = await fetch(url + "/api/health");
  await r.text();
  if (r.status !== 200) throw new Error("health answered " + r.status);
  if (i >= warm) times.push(performance.now() - t);
}
process.stdout.write(JSON.stringify(times));
`;

interface Probe {
  p50: number;
  p99: number;
  max: number;
}

async function probeHealth(url: string): Promise<Probe> {
  const child = spawn(process.execPath, ["--input-type=module", "-e", PROBER], {
    env: { ...process.env, PROBE_URL: url, PROBE_WARMUP: String(PROBE_WARMUP), PROBES: String(PROBES) },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let out = "";
  child.stdout.on("data", (d: Buffer) => {
    out += d.toString();
  });
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  if (code !== 0) throw new Error(`the health prober exited with ${code}`);
  const times = JSON.parse(out) as number[];
  return { p50: quantile(times, 0.5), p99: quantile(times, 0.99), max: Math.max(...times) };
}

/**
 * /api/health p99 while CLIENTS clients of one signed-in observer send, without pause except 50 ms
 * after a refusal, the heaviest requests an observer may send (see HEAVY below), against idle p99
 * measured the same way in the same run.
 */
async function healthUnderLoad(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), "entente-robust-bench-"));
  const served = await serveWithAdmin(["--data-dir", dir]);
  const { url, call } = served;
  try {
    await call("POST", "/api/users", { name: "obs", password: "observer-password-1" });
    const sid = ((await call("GET", "/api/scenarios")).json.scenarios as { id: number }[])[0]!.id;
    const obs = await served.signIn("obs", "observer-password-1");
    // The heaviest requests an observer may send, round-robin over the clients:
    // - a validation of a file of 95,000 unknown top-level keys (0.9 MB, the issue's attack);
    // - a full analysis ("analyze": every section) of the default scenario.
    let text = "entente: 1\n";
    for (let i = 0; i < 95_000; i++) text += `k${i}: 1\n`;
    const heavy: { name: string; path: string; body: string }[] = [
      { name: "validate", path: "/api/scenarios/validate", body: JSON.stringify({ text }) },
      {
        name: "analyze",
        path: "/api/analyses",
        body: JSON.stringify({ scenarioId: sid, version: 1, engine: "analyze" }),
      },
    ];
    const idle = await probeHealth(url);
    const counts = new Map<string, number>();
    let stop = false;
    const client = async (i: number) => {
      const h = heavy[i % heavy.length]!;
      while (!stop) {
        // A refused request is answered before its body is read (429, Connection: close), so the
        // client may see the connection end while it is still sending: counted as status 0.
        const status = await fetch(url + h.path, {
          method: "POST",
          headers: { authorization: `Bearer ${obs}`, "content-type": "application/json" },
          body: h.body,
        })
          .then(async (r) => {
            await r.arrayBuffer();
            return r.status;
          })
          .catch(() => 0);
        const key = `${h.name} ${status}`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
        if (status === 429 || status === 0) await new Promise((res) => setTimeout(res, 50));
      }
    };
    const clients = Array.from({ length: CLIENTS }, (_, i) => client(i));
    await new Promise((r) => setTimeout(r, 2000));
    const loaded = await probeHealth(url);
    stop = true;
    await Promise.all(clients);
    const ratio = loaded.p99 / idle.p99;
    return [
      {
        name: `/api/health p99 while ${CLIENTS} clients of one observer send validations of 95,000 unknown keys and analyses`,
        ms: loaded.p99,
        baseline: "idle p99",
        baselineMs: idle.p99,
        target: "≤ 5× idle and ≤ 100 ms",
        ok: ratio <= 5 && loaded.p99 <= 100,
        note: `ratio ${ratio.toFixed(1)}×; p50 ${loaded.p50.toFixed(2)} ms (idle ${idle.p50.toFixed(2)} ms), max ${loaded.max.toFixed(0)} ms (idle ${idle.max.toFixed(0)} ms); ${PROBES} probes each after ${PROBE_WARMUP} unmeasured, from a process of their own; heavy answers: ${[...counts].map(([s, n]) => `${s}×${n}`).join(", ")}; load average ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores`,
      },
    ];
  } finally {
    await served.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function signInTimes(): Promise<BenchRow[]> {
  const store = await openStore({});
  try {
    let address = 0;
    const { app } = createApp({ store, clientAddress: () => `198.18.${address >> 8}.${address++ & 255}` });
    await store.createUser(
      { userId: null, userName: "b" },
      "known",
      await hashPassword("known user password"),
      false,
    );
    const time = async (name: string, pw: string) => {
      const t = performance.now();
      const r = await app.request("/api/login", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ name, password: pw }),
      });
      await r.text();
      return performance.now() - t;
    };
    await time("known", "known user password");
    await time("warm", "x");
    const known: number[] = [];
    const knownWrong: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 30; i++) {
      known.push(await time("known", "known user password"));
      knownWrong.push(await time("known", `wrong ${i}`));
      unknown.push(await time(`nobody-${i}`, `wrong ${i}`));
    }
    const row = (label: string, xs: number[]): BenchRow => ({
      name: `sign-in, ${label} (argon2id 19 MiB, 2 passes, on the CPU pool; 30 attempts)`,
      ms: quantile(xs, 0.5),
      baseline: "known name, right password (p50)",
      baselineMs: quantile(known, 0.5),
      note: `p50 ${quantile(xs, 0.5).toFixed(1)} ms, p99 ${quantile(xs, 0.99).toFixed(1)} ms`,
    });
    return [
      row("known name, right password", known),
      row("known name, wrong password", knownWrong),
      row("unknown name", unknown),
    ];
  } finally {
    await store.db.close();
  }
}

async function commitCost(): Promise<BenchRow[]> {
  const perCommit = async (durable: boolean) => {
    const dir = mkdtempSync(join(tmpdir(), "entente-fsync-bench-"));
    const db = await openPglite(dir, undefined, { durable });
    try {
      await db.exec("CREATE TABLE t (id serial PRIMARY KEY, v text)");
      const one = () => db.transaction((tx) => tx.query("INSERT INTO t (v) VALUES ('x')"));
      for (let i = 0; i < 20; i++) await one();
      const n = 300;
      const t = performance.now();
      for (let i = 0; i < n; i++) await one();
      return (performance.now() - t) / n;
    } finally {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  };
  const off = await perCommit(false);
  const on = await perCommit(true);
  return [
    {
      name: "embedded store, one INSERT per transaction, fsync before every acknowledged COMMIT",
      ms: on,
      baseline: "PGlite's defaults (-F: no fsync)",
      baselineMs: off,
      note: `${(1000 / on).toFixed(0)} commits/s durable against ${(1000 / off).toFixed(0)} without; the store's group commit puts up to 64 changes in one COMMIT, so one fsync serves a whole batch under load`,
    },
  ];
}

export const benchmarks: Benchmark[] = [
  {
    name: "robustness: /api/health under one observer's heaviest requests",
    run: healthUnderLoad,
  },
  { name: "robustness: sign-in times, known and unknown names", run: signInTimes },
  { name: "robustness: the cost of durable commits in the embedded store", run: commitCost },
];
