import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { type AddressInfo, createServer, type Socket, connect as tcpConnect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { forecastInputFromScenario, monteCarlo, parseScenario, runAnalysis, runSweep } from "@entente/core";
import { createTestLocation, openPostgres, type SqlClient, testDbKind } from "@entente/store";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * The platform on several processes, black-box (issue 15): one PostgreSQL, two server instances
 * (and a third, for the SIGTERM case) and two workers from the bundled CLI, all on loopback. The
 * servers reach PostgreSQL through a TCP relay in this process, so that the test can take the
 * database away from them (every connection cut, new ones refused) and give it back. Runs once,
 * in the PostgreSQL pass of CI.
 */
const root = new URL("../..", import.meta.url).pathname;
const cli = join(root, "packages/cli/dist/entente.js");
const onPostgres = testDbKind() === "postgres";

interface Proc {
  child: ChildProcess;
  out: string;
  exited: Promise<number | null>;
}
const procs: Proc[] = [];
let env: NodeJS.ProcessEnv;
let db: SqlClient;

/** A TCP relay to PostgreSQL that can play the database going down (cut and refuse) and back. */
interface Relay {
  port: number;
  down(): void;
  up(): void;
  close(): Promise<void>;
}
async function relayTo(host: string, port: number): Promise<Relay> {
  let blocked = false;
  const open = new Set<Socket>();
  const server = createServer((client) => {
    if (blocked) return client.destroy();
    const upstream = tcpConnect(port, host);
    open.add(client).add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      open.delete(client);
      open.delete(upstream);
    };
    client.on("error", drop).on("close", drop);
    upstream.on("error", drop).on("close", drop);
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    port: (server.address() as AddressInfo).port,
    down() {
      blocked = true;
      for (const s of open) s.destroy();
    },
    up() {
      blocked = false;
    },
    close: () =>
      new Promise((r) => {
        for (const s of open) s.destroy();
        server.close(() => r());
      }),
  };
}
let relay: Relay;

function start(args: string[], extraEnv: Record<string, string> = {}): Proc {
  const child = spawn(process.execPath, [cli, ...args], { env: { ...env, ...extraEnv }, cwd: root });
  const p: Proc = {
    child,
    out: "",
    exited: new Promise((r) => child.on("exit", (code) => r(code))),
  };
  child.stdout!.on("data", (d) => {
    p.out += String(d);
  });
  child.stderr!.on("data", (d) => {
    p.out += String(d);
  });
  procs.push(p);
  return p;
}

async function waitFor<T>(
  what: string,
  fn: () => T | undefined | Promise<T | undefined>,
  ms = 20_000,
  everyMs = 100,
): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v !== undefined && v !== null && v !== false) return v;
    if (Date.now() > end)
      throw new Error(
        `timed out waiting for ${what}; output:\n${procs.map((p) => p.out.slice(-600)).join("\n--\n")}`,
      );
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** Starts `entente serve` on a free port; resolves with its base URL once it serves. */
async function serve(): Promise<{ proc: Proc; base: string }> {
  const viaRelay = new URL(env.DATABASE_URL!);
  viaRelay.port = String(relay.port);
  const proc = start(["serve", "--port", "0", "--no-jobs"], { DATABASE_URL: viaRelay.toString() });
  const base = await waitFor("a server", () => {
    if (proc.child.exitCode !== null) throw new Error(`a server exited: ${proc.out}`);
    return /serving (http:\/\/\S+)\/api/.exec(proc.out)?.[1];
  });
  await waitFor("the server ready", () => proc.out.includes("ready"));
  return { proc, base };
}

let a = "";
let b = "";
let serverB: Proc;
let serverC: { proc: Proc; base: string };
let workers: Proc[] = [];
const tokens: Record<"admin" | "med" | "mon", string> = { admin: "", med: "", mon: "" };
let negotiationId = 0;
let scenarioId = 0;

async function call(base: string, method: string, path: string, body?: unknown, who = tokens.admin) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${who}`,
      ...(body !== undefined ? { "content-type": "application/json" } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

async function login(base: string, name: string, password: string): Promise<string> {
  const r = await fetch(`${base}/api/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ name, password }),
  });
  if (r.status !== 200) throw new Error(`sign-in of ${name} refused: ${await r.text()}`);
  return ((await r.json()) as { token: string }).token;
}

const instant = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
/** When the pullback is due (and the timed round closes): set when the scenario is uploaded. */
let deadlineMs = 0;
let scenarioText = "";
// The scenario's agreement: a ceasefire (a monitor's report breaches it) and a pullback whose
// deadline passes while the test runs, with nobody filing compliance: it becomes overdue.
const scenarioWith = (t0: number, deadline: number) => `entente: 1
id: cluster
title: Cluster test talks
actors:
  - { id: ua, name: Ukraine, kind: state, roles: [party], capability: { value: 1, source: test, confidence: 1 } }
  - { id: ru, name: Russia, kind: state, roles: [party], capability: { value: 1, source: test, confidence: 1 } }
  - { id: osce, name: OSCE, kind: organisation, roles: [monitor], capability: { value: 1, source: test, confidence: 1 } }
issues:
  - id: troops
    name: Foreign troops
    kind: ordinal
    options: [{ id: none, label: None }, { id: monitors, label: Monitors }, { id: brigade, label: Brigade }]
positions:
  - { actor: ua, issue: troops, ideal: brigade, salience: 1, source: test, confidence: 1 }
  - { actor: ru, issue: troops, ideal: none, salience: 1, source: test, confidence: 1 }
agreement:
  id: deal
  title: Test deal
  source: test
  commitments:
    - id: ceasefire
      title: Ceasefire
      obligors: [ua, ru]
      kind: ongoing
      start: { at: "${instant(t0 - 3_600_000)}" }
      indicator: { metric: ceasefire-violations }
      monitors: [osce]
      source: test
    - id: pullback
      title: Pullback
      obligors: [ru]
      start: { at: "${instant(t0 - 3_600_000)}" }
      deadline: { at: "${instant(deadline)}" }
      indicator: { metric: heavy-weapons-in-zone }
      monitors: [osce]
      source: test
`;

/** A monitoring event stream held open by the admin (the mediator's view), collecting its text. */
interface Stream {
  text: string;
  close(): void;
}
async function follow(base: string): Promise<Stream> {
  const ac = new AbortController();
  const res = await fetch(`${base}/api/negotiations/${negotiationId}/monitoring/stream`, {
    headers: { authorization: `Bearer ${tokens.admin}` },
    signal: ac.signal,
  });
  if (res.status !== 200) throw new Error(`stream refused: ${res.status} ${await res.text()}`);
  const s: Stream = { text: "", close: () => ac.abort() };
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  void (async () => {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      s.text += decoder.decode(value, { stream: true });
    }
  })().catch(() => undefined);
  await waitFor("the stream's ready event", () => s.text.includes("event: ready"));
  return s;
}
/** The timeline entries of a stream's `change` events. */
const changes = (s: Stream): Array<Record<string, unknown>> =>
  s.text
    .split("\n\n")
    .filter((block) => block.startsWith("event: change"))
    .flatMap(
      (block) => JSON.parse(block.slice(block.indexOf("data: ") + 6)) as Array<Record<string, unknown>>,
    );
let streams: Stream[] = [];

beforeAll(async () => {
  if (!onPostgres) return;
  const { databaseUrl } = await createTestLocation();
  db = await openPostgres(databaseUrl!);
  const url = new URL(databaseUrl!);
  relay = await relayTo(url.hostname, Number(url.port || 5432));
  const dir = mkdtempSync(join(tmpdir(), "entente-cluster-test-"));
  env = {
    ...process.env,
    DATABASE_URL: databaseUrl!,
    ENTENTE_AUDIT_KEY_FILE: join(dir, "audit-key.pem"),
    ENTENTE_POOL_THREADS: "1",
  };
  // Both servers start on the empty database at once: one of them must bootstrap the one admin. A
  // third instance, started beside them, is the one the drain case stops with SIGTERM.
  const [sa, sb, sc] = await Promise.all([serve(), serve(), serve()]);
  a = sa.base;
  b = sb.base;
  serverB = sb.proc;
  serverC = sc;
  workers = [start(["worker"]), start(["worker"])];
  for (const w of workers)
    await waitFor(
      "a worker",
      () => {
        if (w.child.exitCode !== null) throw new Error(`a worker exited: ${w.out}`);
        return w.out.includes("taking jobs");
      },
      40_000,
    );
  const password = /one-time password: (\S+)/.exec(sa.proc.out + sb.proc.out + sc.proc.out)![1]!;
  tokens.admin = await login(a, "admin", password);
  // A one-time password must be changed before anything else (docs/platform.md).
  const newPassword = "cluster-test-Zq7!vP2#wL9m";
  const changed = await call(a, "POST", "/api/me/password", { currentPassword: password, newPassword });
  if (changed.status !== 200) throw new Error(`password change refused: ${JSON.stringify(changed.json)}`);
  tokens.admin = await login(b, "admin", newPassword);

  // A negotiation on the scenario, with a mediator and a monitor, set up through both servers. The
  // deadline passes ~15 s later, while the Monte Carlo case runs, with event streams open on both.
  deadlineMs = Math.ceil((Date.now() + 15_000) / 1000) * 1000;
  scenarioText = scenarioWith(Date.now(), deadlineMs);
  const up = await call(a, "POST", "/api/scenarios", { text: scenarioText, format: "yaml" });
  if (up.status !== 201) throw new Error(`scenario refused: ${JSON.stringify(up.json)}`);
  scenarioId = Number(up.json.scenarioId);
  const neg = await call(b, "POST", "/api/negotiations", {
    title: "Cluster talks",
    venue: "Vienna",
    scenarioId,
    scenarioVersion: 1,
  });
  negotiationId = Number(neg.json.id);
  // A round whose deadline is the pullback's, and streams on both servers, at once: the deadline
  // must pass after they are open (the sign-ins below are slow on a loaded machine).
  const round = await call(a, "POST", `/api/negotiations/${negotiationId}/rounds`, {
    label: "Timed round",
    deadline: instant(deadlineMs),
  });
  if (round.status !== 201) throw new Error(`round refused: ${JSON.stringify(round.json)}`);
  streams = [await follow(a), await follow(b)];
  for (const [name, role] of [
    ["med", "mediator"],
    ["mon", "monitor"],
  ] as const) {
    const pass = `${name}-cluster-Xy8#Qe4!Tn3`;
    const u = await call(a, "POST", "/api/users", { name, password: pass });
    if (u.status !== 201) throw new Error(`user ${name} refused: ${JSON.stringify(u.json)}`);
    const m = await call(b, "POST", `/api/negotiations/${negotiationId}/members`, {
      userId: (u.json.user as { id: number }).id,
      role,
    });
    if (m.status >= 300) throw new Error(`member ${name} refused: ${JSON.stringify(m.json)}`);
    tokens[name] = await login(name === "med" ? a : b, name, pass);
  }
}, 120_000);

afterAll(async () => {
  for (const s of streams) s.close();
  for (const p of procs) p.child.kill("SIGKILL");
  await Promise.all(procs.map((p) => p.exited));
  await db?.close().catch(() => undefined);
  await relay?.close();
});

describe.runIf(onPostgres)(
  "a cluster: one PostgreSQL, two servers (and a third to stop), two workers",
  () => {
    it("created one admin, though both servers started on an empty database at once", async () => {
      const printed = procs.slice(0, 3).filter((p) => p.out.includes("one-time password"));
      expect(printed.length).toBe(1);
      const [row] = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM users WHERE is_admin");
      expect(row!.n).toBe(1);
    });

    it("delivers a filing made through one server to event streams on both within 5 s", async () => {
      const filedAt = Date.now();
      const filed = await call(
        b,
        "POST",
        `/api/negotiations/${negotiationId}/monitoring/reports`,
        {
          events: [
            {
              kind: "report",
              id: "sse-1",
              time: instant(filedAt - 60_000),
              by: "osce",
              type: "ceasefire-violation",
              party: "ru",
              confidence: 0.9,
            },
          ],
        },
        tokens.mon,
      );
      expect(filed.status).toBe(201);
      for (const s of streams)
        await waitFor(
          "the breach on a stream",
          () => changes(s).some((c) => c.commitment === "ceasefire" && c.to === "violated"),
          5_000,
          20,
        );
      expect(Date.now() - filedAt).toBeLessThan(5_000);
    });

    it("runs a sharded 1,000-draw Monte Carlo to the one-process numbers, though a worker is killed mid-shard", async () => {
      const started = await call(b, "POST", "/api/jobs", {
        kind: "montecarlo",
        scenarioId: 1,
        version: 1,
        model: "compromise",
        runs: 1000,
        seed: 7,
        shardSize: 100,
      });
      expect(started.status).toBe(202);
      const id = String(started.json.id);
      // SIGKILL the first worker while it holds a shard (no hand-back: the shard is taken up elsewhere).
      const victim = workers[0]!;
      await waitFor(
        "a shard running on the first worker",
        async () =>
          (
            await db.query(
              "SELECT id FROM jobs WHERE parent_id = $1 AND status = 'running' AND worker LIKE $2",
              [id, `%:${victim.child.pid}:%`],
            )
          ).length > 0,
        30_000,
        10,
      );
      victim.child.kill("SIGKILL");
      const done = await waitFor(
        "the merged run",
        async () => {
          const j = (await call(a, "GET", `/api/jobs/${id}`)).json;
          return j.status === "done" || j.status === "failed" ? j : undefined;
        },
        40_000,
      ).catch(async (e) => {
        // What the stall looked like: the parts' rows and their pg-boss deliveries.
        const rows = await db.query(
          "SELECT id, status, worker, attempts, heartbeat_at FROM jobs WHERE parent_id = $1 ORDER BY position",
          [id],
        );
        const boss = await db.query(
          "SELECT data->>'id' AS job, state, started_on FROM pgboss.job WHERE name = 'entente-jobs' ORDER BY created_on",
        );
        throw new Error(`${e}\nparts: ${JSON.stringify(rows)}\ndeliveries: ${JSON.stringify(boss)}`);
      });
      expect(done.status).toBe("done");
      // The killed shard ran again; every shard's result is kept once.
      const parts = await db.query<{ status: string; attempts: number }>(
        "SELECT status, attempts FROM jobs WHERE parent_id = $1 ORDER BY position",
        [id],
      );
      expect(parts.map((p) => p.status)).toEqual(Array(10).fill("done"));
      expect(parts.some((p) => p.attempts > 1)).toBe(true);
      const text = readFileSync(join(root, "scenarios/ukraine-security-guarantees.yaml"), "utf8");
      const parsed = parseScenario(text, "upload.yaml");
      if (!parsed.ok) throw new Error("default scenario does not parse");
      const expected = monteCarlo(forecastInputFromScenario(parsed.scenario), "compromise", 1000, 7);
      expect((done.result as { distributions: unknown }).distributions).toEqual(expected);
    }, 60_000);

    it("runs a sweep and an analysis started through one server, read through the other, to the one-process results", async () => {
      const parsed = parseScenario(scenarioText, "upload.yaml");
      if (!parsed.ok) throw new Error("the test scenario does not parse");
      const axes = [{ parameter: "salience:ru:troops", values: [0.2, 0.6, 1] }];
      const sweep = await call(a, "POST", "/api/sweeps", { scenarioId, version: 1, axes });
      const analysis = await call(b, "POST", "/api/analyses", { scenarioId, version: 1, engine: "analyze" });
      expect([sweep.status, analysis.status]).toEqual([202, 202]);
      const result = (base: string, id: unknown) =>
        waitFor("a job's result", async () => {
          const j = (await call(base, "GET", `/api/analyses/${id}`)).json;
          return j.status === "done" || j.status === "failed" ? j : undefined;
        });
      const [s, f] = [await result(b, sweep.json.id), await result(a, analysis.json.id)];
      expect(s.result).toEqual(runSweep(parsed.scenario, { axes }));
      expect(f.result).toEqual(JSON.parse(JSON.stringify(runAnalysis(parsed.scenario))));
      const parts = await db.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM jobs WHERE parent_id = $1 AND status = 'done'",
        [sweep.json.id as string],
      );
      expect(parts[0]!.n).toBe(3);
    }, 60_000);

    it("stops a cancelled job: no part runs or finishes after the cancel", async () => {
      const started = await call(a, "POST", "/api/jobs", {
        kind: "montecarlo",
        scenarioId: 1,
        version: 1,
        model: "compromise",
        runs: 200_000,
        seed: 1,
        shardSize: 2_000,
      });
      const id = String(started.json.id);
      await waitFor(
        "the run to start",
        async () => (await call(b, "GET", `/api/jobs/${id}`)).json.status === "running",
      );
      const cancelled = await call(b, "POST", `/api/jobs/${id}/cancel`);
      expect(cancelled.json.status).toBe("cancelled");
      const progress = Number(cancelled.json.progress);
      await new Promise((r) => setTimeout(r, 2_000));
      const later = (await call(a, "GET", `/api/jobs/${id}`)).json;
      expect(later.status).toBe("cancelled");
      expect(Number(later.progress)).toBeLessThanOrEqual(progress + 0.02);
    }, 30_000);

    it("fires each deadline once: every stream on every server sees the pullback overdue once, and both servers close the round at it", async () => {
      await waitFor("the deadline", () => Date.now() > deadlineMs + 2_500, 30_000);
      for (const s of streams) {
        const overdue = changes(s).filter((c) => c.commitment === "pullback" && c.to === "overdue");
        expect(overdue).toEqual([expect.objectContaining({ at: deadlineMs, obligor: "ru" })]);
      }
      // The round's deadline is read, not scheduled: both servers give it, and refuse late proposals.
      for (const base of [a, b]) {
        const n = (await call(base, "GET", `/api/negotiations/${negotiationId}`)).json as {
          rounds: Array<{ number: number; closedBy: string | null; closedAt: string | null }>;
        };
        expect(n.rounds.filter((r) => r.closedBy === "deadline")).toEqual([
          expect.objectContaining({ label: "Timed round", closedAt: new Date(deadlineMs).toISOString() }),
        ]);
        const late = await call(
          base,
          "POST",
          `/api/negotiations/${negotiationId}/proposals`,
          { package: { troops: "monitors" } },
          tokens.med,
        );
        expect(late.status).toBe(409);
      }
    }, 40_000);

    it("loses no acknowledged write when a server is SIGKILLed after 30 acknowledged writes", async () => {
      const opened = await call(
        a,
        "POST",
        `/api/negotiations/${negotiationId}/rounds`,
        { label: "Open" },
        tokens.med,
      );
      expect(opened.status).toBe(201);
      const proposals = new Set<number>();
      const reports = new Set<string>();
      let acked = 0;
      let killed = false;
      let afterKill = 0;
      let n = 0;
      // Four writers, each alternating servers and kinds, until 32 writes were tried after the kill.
      const writer = async (w: number) => {
        for (let i = 0; !killed || afterKill < 32; i++) {
          if (killed) afterKill++;
          const base = (i + w) % 2 === 0 ? a : b;
          const k = n++;
          try {
            if (k % 2 === 0) {
              const r = await call(
                base,
                "POST",
                `/api/negotiations/${negotiationId}/proposals`,
                { package: { troops: ["none", "monitors", "brigade"][k % 3] }, note: `w${k}` },
                tokens.med,
              );
              if (r.status === 201) proposals.add(Number(r.json.id));
              else if (base === a) throw new Error(`a write through A failed: ${r.status}`);
            } else {
              const id = `w-${k}`;
              const r = await call(
                base,
                "POST",
                `/api/negotiations/${negotiationId}/monitoring/reports`,
                {
                  events: [
                    {
                      kind: "report",
                      id,
                      time: instant(Date.now() - 60_000),
                      by: "osce",
                      type: "ceasefire-violation",
                      party: "ua",
                      confidence: 0.5,
                    },
                  ],
                },
                tokens.mon,
              );
              if (r.status === 201) reports.add(id);
              else if (base === a) throw new Error(`a write through A failed: ${r.status}`);
            }
            acked++;
          } catch (e) {
            // A request to the killed server fails, unacknowledged; none through A may.
            if (base === a) throw e;
          }
          if (!killed && acked >= 30) {
            killed = true;
            serverB.child.kill("SIGKILL");
          }
        }
      };
      await Promise.all([0, 1, 2, 3].map(writer));
      expect(await serverB.exited).toBe(null);
      expect(acked).toBeGreaterThanOrEqual(30);
      const listed = (
        await call(a, "GET", `/api/negotiations/${negotiationId}/proposals`, undefined, tokens.med)
      ).json.proposals as Array<{ id: number }>;
      const listedIds = new Set(listed.map((p) => p.id));
      expect([...proposals].filter((id) => !listedIds.has(id))).toEqual([]);
      const events = (
        await call(a, "GET", `/api/negotiations/${negotiationId}/monitoring/events`, undefined, tokens.mon)
      ).json.events as Array<{ id: string }>;
      const eventIds = new Set(events.map((e) => e.id));
      expect([...reports].filter((id) => !eventIds.has(id))).toEqual([]);
      expect(proposals.size + reports.size).toBe(acked);
    }, 30_000);

    it("drains a SIGTERMed server: requests in flight succeed, new ones go to the other server", async () => {
      const c = serverC;
      // Sign-ins take a while (argon2 on the server's one pool thread): a burst keeps several in flight.
      const signIn = (base: string) =>
        new Promise<{ status: number | string; refused?: boolean; at: number }>((resolve) => {
          const req = httpRequest(
            `${base}/api/login`,
            { method: "POST", agent: false, headers: { "content-type": "application/json" } },
            (res) => {
              res.resume();
              res.on("end", () => resolve({ status: res.statusCode!, at: Date.now() }));
            },
          );
          req.on("error", (e: NodeJS.ErrnoException) =>
            resolve(
              e.code === "ECONNREFUSED"
                ? { status: 0, refused: true, at: Date.now() }
                : { status: String(e), at: Date.now() },
            ),
          );
          req.end(JSON.stringify({ name: "med", password: "med-cluster-Xy8#Qe4!Tn3" }));
        });
      /** A client behind a load balancer: a connection refused goes to the other server. */
      const viaBalancer = async () => {
        const r = await signIn(c.base);
        const { status } = r.refused ? await signIn(a) : r;
        return { status, movedTo: r.refused ? "a" : "" };
      };
      // Three (one pool thread: one after another), so that they drain well within the 10 s the
      // server gives them even on a loaded machine; at least one must answer after the SIGTERM.
      const inFlight = Array.from({ length: 3 }, () => signIn(c.base));
      await Promise.race(inFlight);
      const sigtermAt = Date.now();
      c.proc.child.kill("SIGTERM");
      // Once the instance has stopped listening (connections are refused), new requests go elsewhere.
      // (A connection the kernel queued in the instant the listener closed is reset, not refused: a
      // balancer should stop sending first — docs/deploy.md, "Shutdown".)
      const port = Number(new URL(c.base).port);
      await waitFor(
        "the instance to stop listening",
        () =>
          new Promise<boolean>((resolve) => {
            const probe = tcpConnect(port, "127.0.0.1");
            probe.once("connect", () => {
              probe.destroy();
              resolve(false);
            });
            probe.once("error", (e: NodeJS.ErrnoException) => resolve(e.code === "ECONNREFUSED"));
          }),
        10_000,
        20,
      );
      const sentAfter = await Promise.all(Array.from({ length: 3 }, () => viaBalancer()));
      const drained = await Promise.all(inFlight);
      expect(drained.map((r) => r.status)).toEqual(Array(3).fill(200));
      expect(drained.some((r) => r.at > sigtermAt)).toBe(true);
      expect(sentAfter).toEqual(Array(3).fill({ status: 200, movedTo: "a" }));
      expect(await c.proc.exited).toBe(0);
    }, 40_000);

    it("fails readiness while PostgreSQL is down, keeps answering health, and is ready again once it is back", async () => {
      expect((await call(a, "GET", "/api/ready")).status).toBe(200);
      relay.down();
      await waitFor(
        "readiness to fail",
        async () => (await call(a, "GET", "/api/ready")).status === 503,
        15_000,
      );
      const health = await call(a, "GET", "/api/health");
      expect(health.status).toBe(200);
      // Still failing a second later (not a passing blip), while health answers.
      await new Promise((r) => setTimeout(r, 1000));
      expect((await call(a, "GET", "/api/ready")).status).toBe(503);
      expect((await call(a, "GET", "/api/health")).status).toBe(200);
      relay.up();
      await waitFor(
        "readiness again",
        async () => (await call(a, "GET", "/api/ready")).status === 200,
        20_000,
      );
    }, 45_000);
  },
);
