import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hubFor } from "../monitoring-hub.js";
import type { Fixture } from "../test-support/fixture.js";
import { MONITORED_YAML, makeMonitoringFixture } from "../test-support/monitoring-fixture.js";

let f: Fixture;
let api: Fixture["request"];
let id: number;
const base = () => `/api/negotiations/${id}/monitoring`;
const report = (extra: Record<string, unknown> = {}) => ({
  kind: "report",
  id: `r-${Math.random().toString(36).slice(2, 10)}`,
  time: "2026-11-01T06:00Z",
  by: "osce",
  type: "ceasefire-violation",
  party: "ru",
  confidence: 0.9,
  published: true,
  ...extra,
});
const notification = (by: string, party: string, n: string) => ({
  kind: "notification",
  id: `n-${n}`,
  time: "2026-11-01T06:00Z",
  by,
  party,
  activity: `ex-${n}`,
  start: "2027-01-01T00:00Z",
  troops: 9500,
});

beforeAll(async () => {
  ({ f, negotiationId: id, request: api } = await makeMonitoringFixture());
});
afterAll(() => f.store.db.close());

describe("filing: nobody files in another's name", () => {
  it("lets the monitor file a report, which opens a consultation against ru", async () => {
    const r = await api("POST", `${base()}/reports`, "monitor", { events: [report({ id: "r-1" })] });
    expect(r.status).toBe(201);
    const changes = (r.json as { changes: Array<{ type: string; status?: string; to?: string }> }).changes;
    expect(changes.some((c) => c.type === "status" && c.to === "violated")).toBe(true);
    expect(changes.some((c) => c.type === "consultation" && c.status === "open")).toBe(true);
  });

  it("refuses reports from a party, the mediator or an observer", async () => {
    for (const role of ["ua", "ru", "mediator", "observer"] as const) {
      const r = await api("POST", `${base()}/reports`, role, { events: [report()] });
      expect(r.status, role).toBe(403);
    }
  });

  it("lets a party file its own notification and nobody else's", async () => {
    expect(
      (await api("POST", `${base()}/notifications`, "ua", { events: [notification("ua", "ua", "1")] }))
        .status,
    ).toBe(201);
    expect(
      (await api("POST", `${base()}/notifications`, "ru", { events: [notification("ua", "ua", "2")] }))
        .status,
    ).toBe(403);
    expect(
      (await api("POST", `${base()}/notifications`, "ua", { events: [notification("ua", "ru", "3")] }))
        .status,
    ).toBe(403);
    expect(
      (
        await api("POST", `${base()}/notifications`, "monitor", {
          events: [notification("ua", "ua", "4")],
        })
      ).status,
    ).toBe(403);
  });

  it("lets a guarantor vote for itself only", async () => {
    const vote = (by: string, n: string) => ({
      kind: "vote",
      id: `v-${n}`,
      time: "2026-11-01T07:00Z",
      by,
      consultation: "ceasefire:ru:1",
      vote: "no",
    });
    expect((await api("POST", `${base()}/votes`, "ru", { events: [vote("ru", "1")] })).status).toBe(201);
    expect((await api("POST", `${base()}/votes`, "ua", { events: [vote("ua", "2")] })).status).toBe(403);
    expect((await api("POST", `${base()}/votes`, "ru", { events: [vote("de", "3")] })).status).toBe(403);
  });

  it("answers 401 without a session", async () => {
    expect((await api("POST", `${base()}/reports`, "anon", { events: [report()] })).status).toBe(401);
    expect((await api("GET", `${base()}/compliance`, "anon")).status).toBe(401);
  });

  it("answers 404 to a signed-in outsider", async () => {
    expect((await api("POST", `${base()}/reports`, "outsider", { events: [report()] })).status).toBe(404);
    expect((await api("GET", `${base()}/compliance`, "outsider")).status).toBe(404);
  });
});

describe("reading", () => {
  it("shows observers only published findings, and parties everything", async () => {
    await api("POST", `${base()}/reports`, "monitor", {
      events: [report({ id: "r-draft", published: false, party: "ua" })],
    });
    const obs = (await api("GET", `${base()}/events`, "observer")).json as {
      events: Array<{ id: string; kind: string }>;
    };
    expect(
      obs.events.every((e) => e.kind === "report" || e.kind === "ruling" || e.kind === "inspection"),
    ).toBe(true);
    expect(obs.events.map((e) => e.id)).not.toContain("r-draft");
    const ua = (await api("GET", `${base()}/events`, "ua")).json as { events: Array<{ id: string }> };
    expect(ua.events.map((e) => e.id)).toContain("r-draft");
    const c = (await api("GET", `${base()}/compliance`, "observer")).json as { publishedOnly: boolean };
    expect(c.publishedOnly).toBe(true);
  });

  it("gives the consultation's outcome sentence to parties", async () => {
    const r = (await api("GET", `${base()}/consultations`, "ua")).json as {
      consultations: Array<{ summary: string }>;
    };
    expect(r.consultations[0]!.summary).toContain("ru is a veto player");
  });
});

describe("bad input and the log", () => {
  it("rejects a batch with every invalid event's path and stores none of it", async () => {
    const before = ((await api("GET", `${base()}/events`, "ua")).json as { events: unknown[] }).events.length;
    const r = await api("POST", `${base()}/reports`, "monitor", {
      events: [
        report({ id: "ok-1" }),
        report({ id: "bad-1", confidence: 3 }),
        report({ id: "bad-2", time: "2026-11-01T06:00" }),
      ],
    });
    expect(r.status).toBe(400);
    const paths = (r.json as { error: { issues: Array<{ path: string }> } }).error.issues.map((i) => i.path);
    expect(paths).toEqual(["body.events.1.confidence", "body.events.2.time"]);
    const after = ((await api("GET", `${base()}/events`, "ua")).json as { events: unknown[] }).events.length;
    expect(after).toBe(before);
  });

  it("refuses an event dated after the server's clock", async () => {
    const r = await api("POST", `${base()}/reports`, "monitor", {
      events: [report({ time: "2026-11-02T00:00Z" })],
    });
    expect(r.status).toBe(400);
  });

  it("refuses to edit: a duplicate id is a conflict", async () => {
    expect(
      (await api("POST", `${base()}/reports`, "monitor", { events: [report({ id: "r-1" })] })).status,
    ).toBe(409);
  });

  it("keeps the audit chain valid with monitoring entries in it", async () => {
    const v = await f.request("GET", "/api/audit/verify", "admin");
    expect(v.json).toMatchObject({ ok: true });
  });
});

describe("the scheduler", () => {
  it("passes the pullback deadline on the clock alone and tells subscribers", async () => {
    const hub = hubFor(f.store, () => new Date(f.clock.t));
    const seen: Array<{ type: string; commitment?: string; to?: string; status?: string }> = [];
    const scenario = (await import("@entente/core")).parseScenario(MONITORED_YAML, "m.yaml");
    if (!scenario.ok) throw new Error("fixture scenario must parse");
    const unsubscribe = await hub.subscribe(
      id,
      scenario.scenario.agreement!,
      scenario.scenario.mechanisms,
      (c) => {
        seen.push(...(c as typeof seen));
      },
    );
    const saved = f.clock.t;
    f.clock.t = Date.UTC(2026, 10, 5, 0, 0, 1); // just after the 5 Nov 00:00Z deadline (and the 72 h consultation)
    await hub.tick();
    f.clock.t = saved;
    unsubscribe();
    expect(seen).toContainEqual(
      expect.objectContaining({ type: "status", commitment: "pullback", to: "overdue" }),
    );
    expect(seen).toContainEqual(expect.objectContaining({ type: "consultation", status: "blocked" }));
  });
  it("rebuilds a live session when the agreement it follows changes (a negotiation concluded after someone followed the template)", async () => {
    const hub = hubFor(f.store, () => new Date(f.clock.t));
    const parsed = (await import("@entente/core")).parseScenario(MONITORED_YAML, "m.yaml");
    if (!parsed.ok) throw new Error("fixture scenario must parse");
    const template = parsed.scenario.agreement!;
    const mechanisms = parsed.scenario.mechanisms;
    const seen: Array<{ type: string; commitment?: string; to?: string }> = [];
    const unsubscribe = await hub.subscribe(id, template, mechanisms, (c) => {
      seen.push(...(c as typeof seen));
    });
    // The recorded agreement gives the pullback a month more: the 5 November deadline must not fire.
    const recorded = structuredClone(template);
    const pullback = recorded.commitments.find((c) => c.id === "pullback")!;
    pullback.deadline = { at: "2026-12-05T00:00Z" } as typeof pullback.deadline;
    await hub.subscribe(id, recorded, mechanisms, () => undefined);
    const saved = f.clock.t;
    f.clock.t = Date.UTC(2026, 10, 5, 0, 0, 1);
    await hub.tick();
    f.clock.t = saved;
    unsubscribe();
    // The first follower moved to the rebuilt session: it hears nothing of the template's deadline.
    expect(seen).not.toContainEqual(expect.objectContaining({ commitment: "pullback", to: "overdue" }));
    // Back on the template (as the other tests use), so later tests see the fixture's agreement.
    await hub.subscribe(id, template, mechanisms, () => undefined);
  });
});

describe("in the app", () => {
  it("lists every monitoring route, and the stream, in the served OpenAPI document", async () => {
    const doc = (await api("GET", "/api/openapi.json", "anon")).json as {
      paths: Record<string, Record<string, { tags: string[] }>>;
    };
    const monitoring = Object.entries(doc.paths)
      .flatMap(([path, ops]) => Object.entries(ops).map(([m, op]) => ({ key: `${m} ${path}`, op })))
      .filter((x) => x.op.tags.includes("monitoring"))
      .map((x) => x.key)
      .sort();
    // The ten routes of monitoringRoutes() plus the stream mounted beside them, and the recorded
    // agreement (lifecycle-routes.ts, issue 18).
    expect(monitoring).toEqual(
      [
        "get /api/negotiations/{id}/monitoring/agreement",
        "get /api/negotiations/{id}/monitoring/alerts",
        "get /api/negotiations/{id}/monitoring/dashboard",
        "post /api/negotiations/{id}/monitoring/import",
        "get /api/negotiations/{id}/monitoring/compliance",
        "get /api/negotiations/{id}/monitoring/consultations",
        "get /api/negotiations/{id}/monitoring/events",
        "get /api/negotiations/{id}/monitoring/stream",
        "post /api/negotiations/{id}/monitoring/events",
        "post /api/negotiations/{id}/monitoring/notifications",
        "post /api/negotiations/{id}/monitoring/reports",
        "post /api/negotiations/{id}/monitoring/votes",
      ].sort(),
    );
  });
});

describe("the platform's own writes after a filing", () => {
  // MonitoringLog.append extends the audit chain outside the Store's write queue; the store must read
  // the chain head afresh for its next write (it once cached it on PGlite and failed here with 409).
  it("lets the mediator open a round right after a monitor files a report", async () => {
    const filed = await api("POST", `${base()}/reports`, "monitor", { events: [report()] });
    expect(filed.status).toBe(201);
    const round = await api("POST", `/api/negotiations/${id}/rounds`, "mediator", {
      label: "After a filing",
    });
    expect(round.status, round.text).toBe(201);
  });
});
