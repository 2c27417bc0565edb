import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RateLimiter } from "./rate-limit.js";
import { type Fixture, makeFixture } from "./test-support/fixture.js";

/**
 * Can the mediator read a delegation's red line off one answer? Brute force over every red line ua
 * could hold in the fixture (on each of the two 3-option issues, any set of rejected options short
 * of all three: 7 × 7 = 49 candidates), with ru's private positions fixed and — worst case —
 * known to the mediator. For each single query (the zone summary, or the acceptance of any one of
 * the 9 possible packages), the answers are grouped by value: an answer that only one candidate
 * produces would reveal ua's red line. The test asserts every group has at least two members.
 */
const OPTIONS = { troops: ["none", "monitors", "brigade"], sanctions: ["kept", "eased", "lifted"] } as const;
const subsets = (xs: readonly string[]) =>
  [0, 1, 2, 3, 4, 5, 6].map((mask) => xs.filter((_, i) => mask & (1 << i)));

let f: Fixture;
const proposals: number[] = [];
const n = () => `/api/negotiations/${f.negotiationId}`;
beforeAll(async () => {
  f = await makeFixture();
  for (const t of OPTIONS.troops) {
    for (const s of OPTIONS.sanctions) {
      const r = await f.request("POST", `${n()}/proposals`, "mediator", {
        package: { troops: t, sanctions: s },
      });
      proposals.push((r.json as { id: number }).id);
    }
  }
  await f.request("POST", `${n()}/private/ru`, "ru", {
    positions: [
      {
        issue: "troops",
        ideal: "none",
        salience: 1,
        source: "ru private assessment",
        confidence: 1,
        redLine: { atMost: "monitors" },
      },
    ],
  });
});
afterAll(() => f.store.db.close());

describe("the mediator's answers", () => {
  it("never single out ua's red line from one query", async () => {
    const groups = new Map<string, Set<string>>();
    const add = (query: string, answer: unknown, candidate: string) => {
      const key = `${query} ⇒ ${JSON.stringify(answer)}`;
      if (!groups.has(key)) groups.set(key, new Set());
      groups.get(key)!.add(candidate);
    };
    for (const rt of subsets(OPTIONS.troops)) {
      for (const rs of subsets(OPTIONS.sanctions)) {
        const candidate = `troops∌{${rt}} sanctions∌{${rs}}`;
        const pos = (issue: string, ideal: string, reject: string[]) => ({
          issue,
          ideal,
          salience: 1,
          source: "ua private assessment",
          confidence: 1,
          ...(reject.length ? { redLine: { reject } } : {}),
        });
        const lodged = await f.request("POST", `${n()}/private/ua`, "ua", {
          positions: [pos("troops", "brigade", rt), pos("sanctions", "kept", rs)],
        });
        expect(lodged.status, lodged.text).toBe(201);
        const zone = await f.request("GET", `${n()}/mediator/zone`, "mediator");
        expect(zone.status, zone.text).toBe(200);
        add("zone", zone.json, candidate);
        for (const p of proposals) {
          const acc = await f.request("GET", `${n()}/mediator/proposals/${p}/acceptance`, "mediator");
          add(`acceptance ${p}`, acc.json, candidate);
        }
      }
    }
    const singled = [...groups].filter(([, c]) => c.size < 2).map(([k, c]) => `${k}: ${[...c]}`);
    expect(singled).toEqual([]);
    // The brute force really varied the answers (the test could fail): ua's yes/no differs across candidates.
    expect([...groups.keys()].filter((k) => k.startsWith(`acceptance ${proposals[0]} `)).length).toBe(2);
  });

  it("are each written to the audit log, where every delegation can count them", async () => {
    const before = (await f.store.audit({ negotiationId: f.negotiationId, limit: 1000 })).filter(
      (e) => e.action === "mediator.query",
    ).length;
    // 1 zone + 9 acceptance queries per candidate, 49 candidates (previous test).
    expect(before).toBe(49 * 10);
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
