import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "./app.js";
import { hashPassword } from "./auth.js";
import { type Fixture, makeFixture, type Role } from "./test-support/fixture.js";

/**
 * Every route × every role. Each row names the roles that succeed; every other signed-in role must
 * get 403 (or 404 when it is not part of the negotiation at all), and anonymous callers 401 on any
 * route that is not public. A marker string hidden in ua's private positions and scores must never
 * appear in any response to anyone but ua's delegation.
 */
const SECRET = "SECRET-UA-7f3a";
const ROLES: Role[] = ["anon", "admin", "ua", "ru", "mediator", "monitor", "observer", "outsider"];
const MEMBERS: Role[] = ["admin", "ua", "ru", "mediator", "monitor", "observer"];
const USERS: Role[] = ["admin", "ua", "ru", "mediator", "monitor", "observer", "outsider"];

interface Row {
  method: "GET" | "POST";
  /** The OpenAPI path, to check every route is in the table. */
  route: string;
  url: (f: Fixture, ctx: Ctx) => string;
  body?: (role: Role, f: Fixture, ctx: Ctx) => unknown;
  ok: Role[];
  /** Signed-in roles outside the negotiation get 404 (they cannot learn it exists). */
  scoped?: boolean;
  /** Run with a newly signed-in session per role (for routes that end the session). */
  fresh?: boolean;
  /** The status for signed-in roles not in `ok`. @default 403 */
  deny?: number;
}
interface Ctx {
  jobId: string;
  spare: number;
  n: number;
}

const privateBody = (actor: "ua" | "ru") => ({
  positions: [
    {
      issue: "troops",
      ideal: actor === "ua" ? "brigade" : "none",
      salience: 1,
      source: actor === "ua" ? SECRET : "ru private",
      confidence: 1,
      redLine: actor === "ua" ? { atLeast: "monitors", note: SECRET } : { atMost: "monitors" },
    },
  ],
});

const n = (f: Fixture) => `/api/negotiations/${f.negotiationId}`;
const TABLE: Row[] = [
  { method: "GET", route: "/api/health", url: () => "/api/health", ok: ROLES },
  { method: "GET", route: "/api/openapi.json", url: () => "/api/openapi.json", ok: ROLES },
  {
    method: "POST",
    route: "/api/login",
    url: () => "/api/login",
    body: () => ({ name: "observer", password: "pw-observer-0123456789" }),
    ok: ROLES,
  },
  { method: "GET", route: "/api/me", url: () => "/api/me", ok: USERS },
  // Signs out a fresh session of each role (see the loop), not the one the other rows use.
  { method: "POST", route: "/api/logout", url: () => "/api/logout", ok: USERS, fresh: true },
  {
    method: "POST",
    route: "/api/users",
    url: () => "/api/users",
    body: (r) => ({ name: `made-by-${r}` }),
    ok: ["admin"],
  },
  { method: "GET", route: "/api/users", url: () => "/api/users", ok: ["admin"] },
  {
    method: "POST",
    route: "/api/scenarios/validate",
    url: () => "/api/scenarios/validate",
    body: () => ({ text: "entente: 1\n" }),
    ok: USERS,
  },
  {
    method: "POST",
    route: "/api/scenarios",
    url: () => "/api/scenarios",
    body: () => ({ text: '{"entente": 1}', format: "json" }),
    ok: [], // admin gets 400 (invalid scenario): checked below as "not 401/403"
  },
  { method: "GET", route: "/api/scenarios", url: () => "/api/scenarios", ok: USERS },
  {
    method: "GET",
    route: "/api/scenarios/{id}/versions",
    url: (f) => `/api/scenarios/${f.scenarioId}/versions`,
    ok: USERS,
  },
  {
    method: "GET",
    route: "/api/scenarios/{id}/versions/{version}",
    url: (f) => `/api/scenarios/${f.scenarioId}/versions/1`,
    ok: USERS,
  },
  {
    method: "GET",
    route: "/api/scenarios/{id}/diff",
    url: (f) => `/api/scenarios/${f.scenarioId}/diff?from=1&to=1`,
    ok: USERS,
  },
  {
    method: "POST",
    route: "/api/negotiations",
    url: () => "/api/negotiations",
    body: (_r, f) => ({ title: "Second", venue: "Geneva", scenarioId: f.scenarioId, scenarioVersion: 1 }),
    ok: ["admin"],
  },
  { method: "GET", route: "/api/negotiations", url: () => "/api/negotiations", ok: USERS },
  { method: "GET", route: "/api/negotiations/{id}", url: (f) => n(f), ok: MEMBERS, scoped: true },
  {
    method: "POST",
    route: "/api/negotiations/{id}/members",
    url: (f) => `${n(f)}/members`,
    body: (_r, _f, c) => ({ userId: c.spare, role: "observer" }),
    ok: ["admin"],
  },
  {
    method: "POST",
    route: "/api/negotiations/{id}/rounds",
    url: (f) => `${n(f)}/rounds`,
    body: (r) => ({ label: `by ${r}` }),
    ok: ["admin", "mediator"],
    scoped: true,
  },
  {
    method: "POST",
    route: "/api/negotiations/{id}/proposals",
    url: (f) => `${n(f)}/proposals`,
    body: (r) => ({
      package: { troops: "none", sanctions: "kept" },
      ...(r === "ua" || r === "ru" ? { actorId: r } : {}),
    }),
    ok: ["ua", "ru", "mediator"],
    scoped: true,
  },
  {
    method: "GET",
    route: "/api/negotiations/{id}/proposals",
    url: (f) => `${n(f)}/proposals`,
    ok: MEMBERS,
    scoped: true,
  },
  {
    method: "POST",
    route: "/api/negotiations/{id}/private/{actor}",
    url: (f) => `${n(f)}/private/ua`,
    body: () => privateBody("ua"),
    ok: ["ua"],
    scoped: true,
  },
  {
    method: "GET",
    route: "/api/negotiations/{id}/private/{actor}",
    url: (f) => `${n(f)}/private/ua`,
    ok: ["ua"],
    scoped: true,
  },
  {
    method: "POST",
    route: "/api/negotiations/{id}/proposals/{proposal}/scores/{actor}",
    url: (f) => `${n(f)}/proposals/${f.proposalId}/scores/ua`,
    body: () => ({ score: 0.25, comment: SECRET }),
    ok: ["ua"],
    scoped: true,
  },
  {
    method: "GET",
    route: "/api/negotiations/{id}/proposals/{proposal}/scores/{actor}",
    url: (f) => `${n(f)}/proposals/${f.proposalId}/scores/ua`,
    ok: ["ua"],
    scoped: true,
  },
  {
    method: "GET",
    route: "/api/negotiations/{id}/mediator/zone",
    url: (f) => `${n(f)}/mediator/zone`,
    ok: ["mediator"],
    scoped: true,
  },
  {
    method: "GET",
    route: "/api/negotiations/{id}/mediator/proposals/{proposal}/acceptance",
    url: (f) => `${n(f)}/mediator/proposals/${f.proposalId}/acceptance`,
    ok: ["mediator"],
    scoped: true,
  },
  { method: "GET", route: "/api/audit", url: () => "/api/audit", ok: ["admin"] },
  { method: "GET", route: "/api/audit/verify", url: () => "/api/audit/verify", ok: ["admin"] },
  {
    method: "GET",
    route: "/api/negotiations/{id}/audit",
    url: (f) => `${n(f)}/audit`,
    ok: MEMBERS,
    scoped: true,
  },
  {
    method: "POST",
    route: "/api/analyses",
    url: () => "/api/analyses",
    body: (_r, f) => ({ scenarioId: f.scenarioId, version: 1, engine: "forecast-baseline" }),
    ok: USERS,
  },
  // Another user's run is "not found" rather than forbidden: run ids are not to be probed.
  {
    method: "GET",
    route: "/api/analyses/{job}",
    url: (_f, c) => `/api/analyses/${c.jobId}`,
    ok: ["admin"],
    deny: 404,
  },
];

let f: Fixture;
const ctx: Ctx = { jobId: "", spare: 0, n: 0 };
beforeAll(async () => {
  f = await makeFixture();
  // Both delegations lodge private positions first, so the mediator's routes can answer.
  await f.request("POST", `${n(f)}/private/ua`, "ua", privateBody("ua"));
  await f.request("POST", `${n(f)}/private/ru`, "ru", privateBody("ru"));
  await f.request("POST", `${n(f)}/proposals/${f.proposalId}/scores/ua`, "ua", {
    score: 0.5,
    comment: SECRET,
  });
  const job = await f.request("POST", "/api/analyses", "admin", {
    scenarioId: f.scenarioId,
    version: 1,
    engine: "forecast-baseline",
  });
  ctx.jobId = (job.json as { id: string }).id;
  const spare = await f.store.createUser(
    { userId: null, userName: "t" },
    "spare",
    await hashPassword("x", { memoryKiB: 64, iterations: 1 }),
    false,
  );
  ctx.spare = spare.id;
});
afterAll(() => f.store.db.close());

describe("route × role table", () => {
  it("covers every route the app serves", async () => {
    const { routes } = createApp({ store: f.store });
    const inTable = new Set(TABLE.map((r) => `${r.method} ${r.route}`));
    expect(routes.map((r) => `${r.method.toUpperCase()} ${r.path}`).filter((k) => !inTable.has(k))).toEqual(
      [],
    );
  });

  for (const row of TABLE) {
    it(`${row.method} ${row.route}`, async () => {
      for (const role of ROLES) {
        const body = row.body?.(role, f, ctx);
        const saved = role === "anon" ? "" : f.tokens[role];
        if (row.fresh && role !== "anon") {
          const login = await f.request("POST", "/api/login", "anon", {
            name: role,
            password: `pw-${role}-0123456789`,
          });
          f.tokens[role] = (login.json as { token: string }).token;
        }
        const r = await f.request(row.method, row.url(f, ctx), role, body);
        if (role !== "anon") f.tokens[role] = saved;
        const label = `${role} → ${r.status} ${r.text.slice(0, 160)}`;
        const isPublic = row.ok.includes("anon");
        if (row.ok.includes(role)) expect(r.status, label).toBeLessThan(300);
        else if (role === "anon" && !isPublic) expect(r.status, label).toBe(401);
        else if (row.route === "/api/scenarios" && role === "admin") expect(r.status, label).toBe(400);
        else if (role === "outsider" && row.scoped) expect(r.status, label).toBe(404);
        else expect(r.status, label).toBe(row.deny ?? 403);
        if (role !== "ua") expect(r.text, label).not.toContain(SECRET);
        expect(r.status, label).not.toBe(500);
      }
    });
  }
});
