import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "./app.js";
import { hashPassword } from "./auth.js";
import { type Fixture, makeFixture, type Role } from "./test-support/fixture.js";
import { makeMonitoringFixture } from "./test-support/monitoring-fixture.js";

/**
 * Every route × every role. Each row names the roles that succeed; every other signed-in role must
 * get 403 (or 404 when it is not part of the negotiation at all), and anonymous callers 401 on any
 * route that is not public. A marker string hidden in ua's private positions and scores must never
 * appear in any response to anyone but ua's delegation.
 *
 * The monitoring routes have a second table over a negotiation whose scenario has an agreement
 * (MONITORED_YAML, the monitoring fixture's own store). There a monitor's unpublished report carries a second
 * marker, which only insiders (parties, guarantors, monitors, the mediator) may ever see.
 */
const SECRET = "SECRET-UA-7f3a";
const DRAFT = "DRAFT-OSCE-41c9";
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
  /** A server-sent event stream: read up to its `ready` event, then hang up. */
  stream?: boolean;
  /** Roles that may see the unpublished report's marker (monitoring rows). @default none */
  insiders?: Role[];
}
interface Ctx {
  jobId: string;
  spare: number;
  /** A scenario stored only to be quarantined by the admin's row. */
  doomed: number;
  n: number;
  /** The negotiation on MONITORED_YAML. */
  monitored: number;
  /** A membership (the spare user's, as observer) that the admin's row removes. */
  removable: number;
  /** A webhook of the fixture's negotiation. */
  hook: number;
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
  { method: "GET", route: "/api/ready", url: () => "/api/ready", ok: ROLES },
  {
    method: "POST",
    route: "/api/login",
    url: () => "/api/login",
    body: () => ({ name: "observer", password: "pw-observer-0123456789" }),
    ok: ROLES,
  },
  { method: "GET", route: "/api/me", url: () => "/api/me", ok: USERS },
  {
    method: "POST",
    route: "/api/me/language",
    url: () => "/api/me/language",
    body: () => ({ locale: "uk" }),
    ok: USERS,
  },
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
  // A wrong current password: every signed-in role gets 403, so no fixture session is signed out.
  {
    method: "POST",
    route: "/api/me/password",
    url: () => "/api/me/password",
    body: () => ({ currentPassword: "not-the-password", newPassword: "a new pass phrase 42" }),
    ok: [],
  },
  {
    method: "POST",
    route: "/api/users/{id}/password-reset",
    url: (_f, c) => `/api/users/${c.spare}/password-reset`,
    ok: ["admin"],
  },
  // Deactivates, then reactivates, the spare user (the admin's call is the one that succeeds).
  {
    method: "POST",
    route: "/api/users/{id}/deactivate",
    url: (_f, c) => `/api/users/${c.spare}/deactivate`,
    ok: ["admin"],
  },
  {
    method: "POST",
    route: "/api/users/{id}/reactivate",
    url: (_f, c) => `/api/users/${c.spare}/reactivate`,
    ok: ["admin"],
  },
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
    method: "POST",
    route: "/api/scenarios/{id}/versions/{version}/quarantine",
    url: (_f, c) => `/api/scenarios/${c.doomed}/versions/1/quarantine`,
    body: () => ({ reason: "test" }),
    ok: ["admin"],
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
    scoped: true,
  },
  {
    method: "POST",
    route: "/api/negotiations/{id}/members/{member}/remove",
    url: (f, c) => `${n(f)}/members/${c.removable}/remove`,
    ok: ["admin"],
    scoped: true,
  },
  {
    method: "GET",
    route: "/api/negotiations/{id}/export/{what}",
    url: (f) => `${n(f)}/export/proposals?format=csv`,
    ok: MEMBERS,
    scoped: true,
  },
  {
    method: "POST",
    route: "/api/negotiations/{id}/webhooks",
    url: (f) => `${n(f)}/webhooks`,
    body: () => ({ url: "https://93.184.216.34/hook", events: ["round.opened"] }),
    ok: ["admin"],
    scoped: true,
  },
  {
    method: "GET",
    route: "/api/negotiations/{id}/webhooks",
    url: (f) => `${n(f)}/webhooks`,
    ok: ["admin"],
    scoped: true,
  },
  {
    method: "GET",
    route: "/api/negotiations/{id}/webhooks/{hook}/deliveries",
    url: (f, c) => `${n(f)}/webhooks/${c.hook}/deliveries`,
    ok: ["admin"],
    scoped: true,
  },
  {
    method: "POST",
    route: "/api/negotiations/{id}/webhooks/{hook}/disable",
    url: (f, c) => `${n(f)}/webhooks/${c.hook}/disable`,
    ok: ["admin"],
    scoped: true,
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
  {
    method: "POST",
    route: "/api/negotiations/{id}/mediator/box",
    url: (f) => `${n(f)}/mediator/box`,
    body: () => ({ box: {} }),
    ok: ["mediator"],
    scoped: true,
  },
  {
    method: "GET",
    route: "/api/negotiations/{id}/mediator/grid",
    url: (f) => `${n(f)}/mediator/grid`,
    ok: ["mediator"],
    scoped: true,
  },
  {
    method: "POST",
    route: "/api/negotiations/{id}/proposals/{proposal}/accept/{actor}",
    url: (f) => `${n(f)}/proposals/${f.proposalId}/accept/ua`,
    ok: ["ua"],
    scoped: true,
  },
  {
    method: "GET",
    route: "/api/negotiations/{id}/conclusion",
    url: (f) => `${n(f)}/conclusion`,
    ok: MEMBERS,
    scoped: true,
  },
  { method: "GET", route: "/api/audit", url: () => "/api/audit", ok: ["admin"] },
  { method: "GET", route: "/api/audit/verify", url: () => "/api/audit/verify", ok: ["admin"] },
  { method: "GET", route: "/api/audit/key", url: () => "/api/audit/key", ok: ROLES },
  {
    method: "GET",
    route: "/api/negotiations/{id}/audit/head",
    url: (f) => `${n(f)}/audit/head`,
    ok: MEMBERS,
    scoped: true,
  },
  {
    method: "GET",
    route: "/api/negotiations/{id}/audit/consistency",
    url: (f) => `${n(f)}/audit/consistency?from=1&to=2`,
    ok: MEMBERS,
    scoped: true,
  },
  {
    method: "GET",
    route: "/api/negotiations/{id}/audit/inclusion",
    url: (f) => `${n(f)}/audit/inclusion?index=0&size=2`,
    ok: MEMBERS,
    scoped: true,
  },
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
  {
    method: "POST",
    route: "/api/sweeps",
    url: () => "/api/sweeps",
    body: (_r, f) => ({
      scenarioId: f.scenarioId,
      version: 1,
      axes: [{ parameter: "batna:ua", values: [0.5] }],
    }),
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
  {
    method: "POST",
    route: "/api/jobs",
    url: () => "/api/jobs",
    body: (_r, f) => ({
      kind: "analysis",
      scenarioId: f.scenarioId,
      version: 1,
      engine: "forecast-baseline",
    }),
    ok: USERS,
  },
  // Jobs, like analysis runs, are "not found" to everyone but their owner (admin here) and admins.
  {
    method: "GET",
    route: "/api/jobs/{job}",
    url: (_f, c) => `/api/jobs/${c.jobId}`,
    ok: ["admin"],
    deny: 404,
  },
  {
    method: "POST",
    route: "/api/jobs/{job}/cancel",
    url: (_f, c) => `/api/jobs/${c.jobId}/cancel`,
    ok: ["admin"],
    deny: 404,
  },
  // Issue 18: the negotiating text (the admin adopts a tabled proposal; the mediator tables and
  // adopts a package), amendments to it, private ratings, the mediator's why, the agreement, the stream.
  {
    method: "GET",
    route: "/api/negotiations/{id}/text",
    url: (f) => `${n(f)}/text`,
    ok: MEMBERS,
    scoped: true,
  },
  {
    method: "POST",
    route: "/api/negotiations/{id}/text",
    url: (f) => `${n(f)}/text`,
    body: (r, f) =>
      r === "admin" ? { proposalId: f.proposalId } : { package: { troops: "monitors", sanctions: "eased" } },
    ok: ["admin", "mediator"],
    scoped: true,
  },
  {
    method: "POST",
    route: "/api/negotiations/{id}/text/amendments",
    url: (f) => `${n(f)}/text/amendments`,
    body: (r) => ({ changes: { troops: "none" }, ...(r === "ua" || r === "ru" ? { actorId: r } : {}) }),
    ok: ["ua", "ru", "mediator"],
    scoped: true,
  },
  {
    method: "GET",
    route: "/api/negotiations/{id}/ratings/{actor}",
    url: (f) => `${n(f)}/ratings/ua`,
    ok: ["ua"],
    scoped: true,
  },
  {
    method: "POST",
    route: "/api/negotiations/{id}/ratings/{actor}/check",
    url: (f) => `${n(f)}/ratings/ua/check`,
    body: () => ({ package: { troops: "none", sanctions: "kept" } }),
    ok: ["ua"],
    scoped: true,
  },
  {
    method: "GET",
    route: "/api/negotiations/{id}/mediator/why",
    url: (f) => `${n(f)}/mediator/why`,
    ok: ["mediator"],
    scoped: true,
  },
  {
    method: "GET",
    route: "/api/negotiations/{id}/agreement",
    url: (f) => `${n(f)}/agreement`,
    ok: MEMBERS,
    scoped: true,
  },
  {
    method: "GET",
    route: "/api/negotiations/{id}/stream",
    url: (f) => `${n(f)}/stream`,
    ok: MEMBERS,
    scoped: true,
    stream: true,
  },
  // Last, so that no row after it tables into a closed round: the admin closes round 1 and the
  // mediator round 2 (opened by the rounds row), leaving the latest round open.
  {
    method: "POST",
    route: "/api/negotiations/{id}/rounds/{number}/close",
    url: (f) => `${n(f)}/rounds/${closeTarget}/close`,
    body: (r) => {
      closeTarget = r === "mediator" ? 2 : 1;
      return undefined;
    },
    ok: ["admin", "mediator"],
    scoped: true,
  },
];
let closeTarget = 1;

// Monitoring: the access rules of each route's `access` field and docs/compliance.md.
const INSIDERS: Role[] = ["admin", "ua", "ru", "mediator", "monitor"];
const mon = (c: Ctx) => `/api/negotiations/${c.monitored}/monitoring`;
const at = "2026-11-01T06:00Z"; // before the fixture's clock (08:00Z): nothing is filed in the future
const report = (c: Ctx, extra: Record<string, unknown> = {}) => ({
  kind: "report",
  id: `t-report-${++c.n}`,
  time: at,
  by: "osce",
  type: "ceasefire-violation",
  party: "ru",
  confidence: 0.9,
  ...extra,
});
const notification = (c: Ctx, by: string) => ({
  kind: "notification",
  id: `t-note-${++c.n}`,
  time: at,
  by,
  party: by,
  activity: `exercise-${c.n}`,
  start: "2027-01-01T00:00Z",
  troops: 9500,
});
const vote = (c: Ctx, by: string) => ({
  kind: "vote",
  id: `t-vote-${++c.n}`,
  time: "2026-11-01T07:00Z",
  by,
  consultation: "ceasefire:ru:1",
  vote: "abstain",
});
const party = (r: Role) => (r === "ua" || r === "ru" ? r : null);

const MONITORING_TABLE: Row[] = [
  {
    method: "POST",
    route: "/api/negotiations/{id}/monitoring/reports",
    url: (_f, c) => `${mon(c)}/reports`,
    body: (_r, _f, c) => ({ events: [report(c)] }),
    ok: ["monitor"],
    scoped: true,
  },
  // Each party's own notification: both delegations may file theirs.
  {
    method: "POST",
    route: "/api/negotiations/{id}/monitoring/notifications",
    url: (_f, c) => `${mon(c)}/notifications`,
    body: (r, _f, c) => ({ events: [notification(c, party(r) ?? "ua")] }),
    ok: ["ua", "ru"],
    scoped: true,
  },
  // The other party's notification: nobody files in another's name, not even a party.
  {
    method: "POST",
    route: "/api/negotiations/{id}/monitoring/notifications",
    url: (_f, c) => `${mon(c)}/notifications`,
    body: (r, _f, c) => ({ events: [notification(c, r === "ua" ? "ru" : "ua")] }),
    ok: [],
    scoped: true,
  },
  // ru is a guarantor (ua is not): each votes as itself; the others try ru's vote.
  {
    method: "POST",
    route: "/api/negotiations/{id}/monitoring/votes",
    url: (_f, c) => `${mon(c)}/votes`,
    body: (r, _f, c) => ({ events: [vote(c, party(r) ?? "ru")] }),
    ok: ["ru"],
    scoped: true,
  },
  // de is a guarantor with no delegation in the talks, so nobody may vote in its name.
  {
    method: "POST",
    route: "/api/negotiations/{id}/monitoring/votes",
    url: (_f, c) => `${mon(c)}/votes`,
    body: (_r, _f, c) => ({ events: [vote(c, "de")] }),
    ok: [],
    scoped: true,
  },
  // The batch import, each role with the kind its own route would take: a monitor's report, a
  // party's declaration, the mediator's (and admin's) milestone; the observer tries a report.
  {
    method: "POST",
    route: "/api/negotiations/{id}/monitoring/events",
    url: (_f, c) => `${mon(c)}/events`,
    body: (r, _f, c) => {
      const p = party(r);
      if (p)
        return {
          events: [{ kind: "declaration", id: `t-decl-${++c.n}`, time: at, by: p, commitment: "ceasefire" }],
        };
      if (r === "admin" || r === "mediator")
        return {
          events: [{ kind: "milestone", id: `t-ms-${++c.n}`, time: at, by: "tr", milestone: "entry" }],
        };
      return { events: [report(c)] };
    },
    ok: ["admin", "ua", "ru", "mediator", "monitor"],
    scoped: true,
  },
  {
    method: "POST",
    route: "/api/negotiations/{id}/monitoring/events",
    url: (_f, c) => `${mon(c)}/events`,
    body: (_r, _f, c) => ({ events: [report(c)] }),
    ok: ["monitor"],
    scoped: true,
  },
  {
    method: "GET",
    route: "/api/negotiations/{id}/monitoring/events",
    url: (_f, c) => `${mon(c)}/events`,
    ok: MEMBERS,
    scoped: true,
    insiders: INSIDERS,
  },
  {
    method: "GET",
    route: "/api/negotiations/{id}/monitoring/compliance",
    url: (_f, c) => `${mon(c)}/compliance`,
    ok: MEMBERS,
    scoped: true,
    insiders: INSIDERS,
  },
  {
    method: "GET",
    route: "/api/negotiations/{id}/monitoring/consultations",
    url: (_f, c) => `${mon(c)}/consultations`,
    ok: MEMBERS,
    scoped: true,
    insiders: INSIDERS,
  },
  {
    method: "GET",
    route: "/api/negotiations/{id}/monitoring/dashboard",
    url: (_f, c) => `${mon(c)}/dashboard?asOf=2026-11-01T07:00Z&hindsight=true`,
    ok: MEMBERS,
    scoped: true,
    insiders: INSIDERS,
  },
  {
    method: "GET",
    route: "/api/negotiations/{id}/monitoring/alerts",
    url: (_f, c) => `${mon(c)}/alerts?days=14`,
    ok: MEMBERS,
    scoped: true,
    insiders: INSIDERS,
  },
  // The file import, each role with a file of the kind its own route would take (as the batch row).
  {
    method: "POST",
    route: "/api/negotiations/{id}/monitoring/import",
    url: (_f, c) => `${mon(c)}/import`,
    body: (r, _f, c) => {
      const p = party(r);
      const e = p
        ? { kind: "declaration", id: `t-decl-${++c.n}`, time: at, by: p, commitment: "ceasefire" }
        : r === "admin" || r === "mediator"
          ? { kind: "milestone", id: `t-ms-${++c.n}`, time: at, by: "tr", milestone: "entry" }
          : report(c);
      return { format: "json", text: JSON.stringify([e]) };
    },
    ok: ["admin", "ua", "ru", "mediator", "monitor"],
    scoped: true,
  },
  // The monitored talks concluded in the setup (both delegations accepted one proposal): the
  // agreement recorded then is what monitoring follows; mediator and admin record edited versions.
  {
    method: "GET",
    route: "/api/negotiations/{id}/monitoring/agreement",
    url: (_f, c) => `${mon(c)}/agreement`,
    ok: MEMBERS,
    scoped: true,
  },
  {
    method: "POST",
    route: "/api/negotiations/{id}/agreement",
    url: (_f, c) => `/api/negotiations/${c.monitored}/agreement`,
    body: () => ({}),
    ok: ["admin", "mediator"],
    scoped: true,
  },
  // Derived from unpublished reports too, so closed to observers.
  {
    method: "GET",
    route: "/api/negotiations/{id}/monitoring/stream",
    url: (_f, c) => `${mon(c)}/stream`,
    ok: INSIDERS,
    scoped: true,
    stream: true,
  },
];

let f: Fixture;
/** The monitoring fixture's platform: its own store, so monitoring writes stay out of `f`'s. */
let mf: Fixture;
const ctx: Ctx = { jobId: "", spare: 0, doomed: 0, n: 0, monitored: 0, removable: 0, hook: 0 };
beforeAll(async () => {
  f = await makeFixture();
  const m = await makeMonitoringFixture();
  mf = m.f;
  ctx.monitored = m.negotiationId;
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
  const sys = { userId: null, userName: "t" };
  const leaving = await f.store.createUser(sys, "leaving", spare.passwordHash, false);
  ctx.removable = (await f.store.addMember(sys, f.negotiationId, leaving.id, "observer", null)).id;
  ctx.hook = (
    await f.store.createWebhook(sys, f.negotiationId, "https://93.184.216.34/x", "s", ["round.opened"])
  ).id;
  ctx.doomed = (
    await f.store.putScenario({ userId: null, userName: "t" }, "doomed", "yaml", "x", { id: "doomed" })
  ).scenarioId;
  // The monitored talks: ua's private positions (the first marker), a published report that opens
  // the consultation on ru's ceasefire (ru votes in it), and a draft report (the second marker).
  const pm = `/api/negotiations/${ctx.monitored}`;
  const setup = [
    await mf.request("POST", `${pm}/private/ua`, "ua", privateBody("ua")),
    await mf.request("POST", `${mon(ctx)}/reports`, "monitor", {
      events: [report(ctx, { published: true })],
    }),
    await mf.request("POST", `${mon(ctx)}/reports`, "monitor", {
      events: [report(ctx, { party: "ua", note: DRAFT, published: false })],
    }),
    await mf.request("POST", `${pm}/rounds`, "mediator", { label: "Round 1" }),
  ];
  const deal = await mf.request("POST", `${pm}/proposals`, "mediator", {
    package: { troops: "monitors", sanctions: "eased" },
  });
  const dealId = (deal.json as { id: number }).id;
  setup.push(
    deal,
    await mf.request("POST", `${pm}/proposals/${dealId}/accept/ua`, "ua"),
    await mf.request("POST", `${pm}/proposals/${dealId}/accept/ru`, "ru"),
  );
  for (const r of setup) expect(r.status, r.text).toBeLessThan(300);
});
afterAll(async () => {
  await f.store.db.close();
  await mf.store.db.close();
});

/** Calls a row's URL as `role`; a stream is read up to its `ready` event and then hung up. */
async function call(f: Fixture, row: Row, role: Role, body: unknown) {
  if (!row.stream) return f.request(row.method, row.url(f, ctx), role, body);
  const headers: Record<string, string> =
    role === "anon" ? {} : { authorization: `Bearer ${f.tokens[role]}` };
  const res = await f.app.request(row.url(f, ctx), { headers });
  if (res.status !== 200 || !res.body) return { status: res.status, json: undefined, text: await res.text() };
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let text = "";
  while (!text.includes("event: ready")) {
    const chunk = await reader.read();
    if (chunk.done) break;
    text += decoder.decode(chunk.value);
  }
  await reader.cancel();
  expect(res.headers.get("content-type")).toContain("text/event-stream");
  return { status: res.status, json: undefined, text };
}

async function checkRow(f: Fixture, row: Row) {
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
    const r = await call(f, row, role, body);
    if (role !== "anon") f.tokens[role] = saved;
    const label = `${role} → ${r.status} ${r.text.slice(0, 160)}`;
    const isPublic = row.ok.includes("anon");
    if (row.ok.includes(role)) expect(r.status, label).toBeLessThan(300);
    else if (role === "anon" && !isPublic) expect(r.status, label).toBe(401);
    else if (row.route === "/api/scenarios" && role === "admin") expect(r.status, label).toBe(400);
    else if (role === "outsider" && row.scoped) expect(r.status, label).toBe(404);
    else expect(r.status, label).toBe(row.deny ?? 403);
    if (role !== "ua") expect(r.text, label).not.toContain(SECRET);
    if (!row.insiders?.includes(role)) expect(r.text, label).not.toContain(DRAFT);
    expect(r.status, label).not.toBe(500);
  }
}

describe("route × role table", () => {
  it("covers every route the app serves, the monitoring stream included", async () => {
    const { routes } = createApp({ store: f.store });
    const doc = (await f.request("GET", "/api/openapi.json", "anon")).json as {
      paths: Record<string, Record<string, unknown>>;
    };
    const served = new Set([
      ...routes.map((r) => `${r.method.toUpperCase()} ${r.path}`),
      ...Object.entries(doc.paths).flatMap(([p, ops]) =>
        Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`),
      ),
    ]);
    const inTable = new Set([...TABLE, ...MONITORING_TABLE].map((r) => `${r.method} ${r.route}`));
    expect([...served].filter((k) => !inTable.has(k))).toEqual([]);
    expect([...inTable].filter((k) => !served.has(k))).toEqual([]);
  });

  for (const row of TABLE) it(`${row.method} ${row.route}`, () => checkRow(f, row));
});

describe("route × role table: monitoring, on talks whose scenario has an agreement", () => {
  for (const [i, row] of MONITORING_TABLE.entries())
    it(`${row.method} ${row.route} (row ${i + 1})`, () => checkRow(mf, row));

  it("shows the draft marker to insiders, so its absence elsewhere is meaningful", async () => {
    for (const role of INSIDERS) {
      const r = await mf.request("GET", `${mon(ctx)}/events`, role);
      expect(r.text, role).toContain(DRAFT);
    }
    const obs = await mf.request("GET", `${mon(ctx)}/events`, "observer");
    expect((obs.json as { events: unknown[] }).events.length).toBeGreaterThan(0);
  });
});
