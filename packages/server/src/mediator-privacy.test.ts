import {
  answerAcceptance,
  answerBox,
  answerZone,
  DEFAULT_DISCLOSURE_BUDGET_BITS,
  mergePrivate,
  type PrivateBody,
  parseScenario,
  type Scenario,
} from "@entente/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "./app.js";
import { hashPassword } from "./auth.js";
import { RateLimiter } from "./rate-limit.js";
import { FIXTURE_YAML, type Fixture, makeFixture } from "./test-support/fixture.js";

/**
 * Issue 14, point 2, against the running API: an adaptive attacker with two mediator accounts and a
 * restart between them (a second app over the same database) asks zone, box and acceptance
 * questions — about every package, on the grid or off it — until the negotiation's budget refuses. The budget is spent
 * once, whoever asks. Its transcript is then checked against every red line ua could hold (a
 * cut-off "at least" on troops and "at most" on sanctions, or none): the ones consistent with it
 * span at least two options of each issue. (The same bound over many seeded red lines and a
 * numeric axis: packages/core/src/negotiation/disclosure-bound.test.ts.)
 */
const TROOPS = ["none", "monitors", "brigade"];
const SANCTIONS = ["kept", "eased", "lifted"];
const position = (issue: string, ideal: string, redLine?: object) => ({
  issue,
  ideal,
  salience: 1,
  source: "ua private assessment",
  confidence: 1,
  ...(redLine ? { redLine } : {}),
});
const uaBody = (k: number | null, m: number | null): PrivateBody => ({
  positions: [
    position("troops", "brigade", k === null ? undefined : { atLeast: TROOPS[k] }),
    position("sanctions", "kept", m === null ? undefined : { atMost: SANCTIONS[m] }),
  ],
  batna: 0,
});
const ruBody: PrivateBody = {
  positions: [{ ...position("troops", "none", { atMost: "brigade" }), source: "ru private assessment" }],
  batna: 0,
};

let f: Fixture;
let scenario: Scenario;
const n = () => `/api/negotiations/${f.negotiationId}`;
const transcript = new Map<string, string>();
const refusals: number[] = [];

beforeAll(async () => {
  f = await makeFixture();
  const parsed = parseScenario(FIXTURE_YAML, "fixture.yaml");
  if (!parsed.ok) throw new Error("fixture scenario");
  scenario = parsed.scenario;
  expect((await f.request("POST", `${n()}/private/ua`, "ua", uaBody(2, 1))).status).toBe(201);
  expect((await f.request("POST", `${n()}/private/ru`, "ru", ruBody)).status).toBe(201);
  // A second mediator account.
  const sys = { userId: null, userName: "system" };
  const cost = { memoryKiB: 64, iterations: 1 };
  const m2 = await f.store.createUser(
    sys,
    "mediator2",
    await hashPassword("pw-mediator2-0123456789", cost),
    false,
  );
  await f.request("POST", `${n()}/members`, "admin", { userId: m2.id, role: "mediator" });
  const login = await f.request("POST", "/api/login", "anon", {
    name: "mediator2",
    password: "pw-mediator2-0123456789",
  });
  const token2 = (login.json as { token: string }).token;
  // Every package, tabled once.
  const ids = new Map<string, number>();
  for (const t of TROOPS)
    for (const s of SANCTIONS) {
      const r = await f.request("POST", `${n()}/proposals`, "mediator", {
        package: { troops: t, sanctions: s },
      });
      ids.set(`${t}/${s}`, (r.json as { id: number }).id);
    }
  // The "restarted" server: a new app over the same store, with fresh in-process limits.
  const second = createApp({
    store: f.store,
    now: () => new Date(f.clock.t),
    passwordCost: cost,
    mediatorLimiter: new RateLimiter(10_000, 10_000, () => f.clock.t),
  }).app;
  const ask = async (path: string, turn: number, box?: object) => {
    const app = turn % 2 === 0 ? f.app : second;
    const token = turn % 3 === 0 ? token2 : f.tokens.mediator;
    const res = await app.request(
      path,
      box
        ? {
            method: "POST",
            headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
            body: JSON.stringify({ box }),
          }
        : { headers: { authorization: `Bearer ${token}` } },
    );
    const body = (await res.json()) as { allAccept?: boolean; someAcceptable?: boolean; error?: unknown };
    if (res.status !== 200) refusals.push(res.status);
    return res.status === 200 ? body : null;
  };
  // The attack: the zone, boxes of each issue's upper and lower options, then every package, round and round.
  let turn = 0;
  const boxes = [
    ...TROOPS.map((_, i) => ({ troops: TROOPS.slice(i) })),
    ...SANCTIONS.map((_, i) => ({ sanctions: SANCTIONS.slice(0, i + 1) })),
  ];
  for (let pass = 0; pass < 30 && refusals.length === 0; pass++) {
    const z = await ask(`${n()}/mediator/zone`, turn++);
    if (z)
      transcript.set("zone", JSON.stringify({ ...(z as object), budget: undefined, parties: undefined }));
    for (const box of boxes) {
      const a = await ask(`${n()}/mediator/box`, turn++, box);
      if (!a) break;
      transcript.set(`box ${JSON.stringify(box)}`, String(a.someAcceptable));
    }
    for (const [key, id] of ids) {
      const a = await ask(`${n()}/mediator/proposals/${id}/acceptance`, turn++);
      if (!a) break;
      transcript.set(key, String(a.allAccept));
    }
  }
});
afterAll(() => f.store.db.close());

describe("the disclosure budget", () => {
  it("is spent once across two mediator accounts and a restart, then refuses", async () => {
    expect(refusals[0]).toBe(409);
    expect(await f.store.disclosureSpent(f.negotiationId)).toBe(DEFAULT_DISCLOSURE_BUDGET_BITS);
    const again = await f.request("GET", `${n()}/mediator/zone`, "mediator");
    expect(again.status).toBe(409);
    expect(again.text).toMatch(/disclosure budget is spent/);
  });

  it("leaves at least two cut-offs of each issue consistent with everything the mediator was told", () => {
    const consistent: [number | null, number | null][] = [];
    for (const k of [null, 0, 1, 2])
      for (const m of [null, 0, 1, 2]) {
        const merged = mergePrivate(scenario, [
          { actorId: "ua", body: uaBody(k, m) },
          { actorId: "ru", body: ruBody },
        ]);
        const ok = [...transcript].every(([q, a]) => {
          if (q === "zone") {
            const z = answerZone(merged, ["ru", "ua"]);
            return JSON.stringify({ ...z, budget: undefined, parties: undefined }) === a;
          }
          if (q.startsWith("box "))
            return String(answerBox(merged, ["ru", "ua"], JSON.parse(q.slice(4)))) === a;
          const [troops, sanctions] = q.split("/");
          return (
            String(answerAcceptance(merged, ["ru", "ua"], { troops: troops!, sanctions: sanctions! })) === a
          );
        });
        if (ok) consistent.push([k, m]);
      }
    expect(consistent).toContainEqual([2, 1]); // the truth
    // "at least none" is no line at all, like null; "at most lifted" likewise.
    const troopsCuts = new Set(consistent.map(([k]) => (k === null || k === 0 ? "none" : TROOPS[k])));
    const sanctionsCuts = new Set(consistent.map(([, m]) => (m === null || m === 2 ? "none" : SANCTIONS[m])));
    expect(troopsCuts.size).toBeGreaterThanOrEqual(2);
    expect(sanctionsCuts.size).toBeGreaterThanOrEqual(2);
    expect(transcript.size).toBeGreaterThan(2);
    expect([...transcript.keys()].some((k) => k.startsWith("box "))).toBe(true);
    expect(transcript.has("monitors/eased")).toBe(true); // off the grid: asked and answered
  });

  it("writes every answer to the audit log with its cost, where every delegation can count them", async () => {
    const log = (await f.request("GET", `${n()}/audit?limit=1000`, "ru")).json as {
      entries: { action: string; payload: string }[];
    };
    const bits = log.entries
      .filter((e) => e.action === "mediator.query")
      .reduce((s, e) => s + (JSON.parse(e.payload) as { bits: number }).bits, 0);
    expect(bits).toBe(DEFAULT_DISCLOSURE_BUDGET_BITS);
  });

  it("refuses a box naming an issue the scenario lacks, before charging it", async () => {
    const g = await makeFixture();
    for (const [actor, body] of [
      ["ua", uaBody(2, 1)],
      ["ru", ruBody],
    ] as const)
      expect(
        (await g.request("POST", `/api/negotiations/${g.negotiationId}/private/${actor}`, actor, body))
          .status,
      ).toBe(201);
    const url = `/api/negotiations/${g.negotiationId}/mediator/box`;
    const bad = await g.request("POST", url, "mediator", { box: { tanks: ["many"] } });
    expect(bad.status).toBe(400);
    expect((bad.json as { error: { message: string } }).error.message).toMatch(/no issue "tanks"/);
    expect(await g.store.disclosureSpent(g.negotiationId)).toBe(0);
    // ua needs a brigade (troops at least brigade): the box without it holds nothing all accept.
    const none = await g.request("POST", url, "mediator", { box: { troops: ["none", "monitors"] } });
    expect(none.json).toMatchObject({ someAcceptable: false, budget: { spent: 1 } });
    const some = await g.request("POST", url, "mediator", { box: { troops: ["brigade"] } });
    expect(some.json).toMatchObject({ someAcceptable: true, budget: { spent: 2 } });
    await g.store.db.close();
  });
});

describe("the mediator's query allowance", () => {
  it("answers 429 with Retry-After once the bucket is empty, and refills with time", async () => {
    const clock = { t: 0 };
    const g = await makeFixture({ mediator: new RateLimiter(2, 60, () => clock.t) });
    clock.t = g.clock.t;
    const url = `/api/negotiations/${g.negotiationId}/mediator/proposals/${g.proposalId}/acceptance`;
    for (const actor of ["ua", "ru"] as const) {
      await g.request("POST", `/api/negotiations/${g.negotiationId}/private/${actor}`, actor, {
        positions: [],
      });
    }
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await g.request("GET", url, "mediator")).status);
    // Capacity 2: two answers, then refused.
    expect(statuses).toEqual([200, 200, 429]);
    clock.t += 60_000; // 60 per hour = one token a minute
    expect((await g.request("GET", url, "mediator")).status).toBe(200);
    await g.store.db.close();
  });
});
