import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "./auth.js";
import { type Fixture, makeFixture } from "./test-support/fixture.js";

/**
 * Issue 14, points 3 and 6: nobody — an admin included — reads a delegation's private data by
 * changing memberships, every membership change is in the negotiation's log, and error messages
 * do not tell a caller which proposal ids exist in negotiations it is not part of.
 */
let f: Fixture;
const n = () => `/api/negotiations/${f.negotiationId}`;
const privateBody = {
  positions: [
    {
      issue: "troops",
      ideal: "none",
      salience: 1,
      source: "ru private",
      confidence: 1,
      redLine: { atMost: "monitors" },
    },
  ],
};
let adminId = 0;
let spareId = 0;
beforeAll(async () => {
  f = await makeFixture();
  const cost = { memoryKiB: 64, iterations: 1 };
  const sys = { userId: null, userName: "system" };
  adminId = (await f.store.userByName("admin"))!.id;
  spareId = (await f.store.createUser(sys, "aide", await hashPassword("pw-aide-0123456789", cost), false)).id;
  expect((await f.request("POST", `${n()}/private/ru`, "ru", privateBody)).status).toBe(201);
});
afterAll(() => f.store.db.close());

describe("separation of duties", () => {
  it("refuses an admin who adds itself to a delegation, and the admin still cannot read its private data", async () => {
    const r = await f.request("POST", `${n()}/members`, "admin", {
      userId: adminId,
      role: "delegation",
      actorId: "ru",
    });
    expect(r.status, r.text).toBe(403);
    expect((await f.request("GET", `${n()}/private/ru`, "admin")).status).toBe(403);
    expect((await f.request("GET", `${n()}/proposals/${f.proposalId}/scores/ru`, "admin")).status).toBe(403);
  });

  it("refuses an admin who adds another user to a delegation that already has members", async () => {
    const r = await f.request("POST", `${n()}/members`, "admin", {
      userId: spareId,
      role: "delegation",
      actorId: "ru",
    });
    expect(r.status, r.text).toBe(403);
    expect((r.json as { error: { message: string } }).error.message).toMatch(/current member/);
  });

  it("lets a current member of the delegation add a colleague (its consent), and logs every membership change", async () => {
    const ua = await f.request("POST", `${n()}/members`, "ua", {
      userId: spareId,
      role: "delegation",
      actorId: "ru",
    });
    expect(ua.status, "a member of another delegation cannot consent for ru").toBe(403);
    const r = await f.request("POST", `${n()}/members`, "ru", {
      userId: spareId,
      role: "delegation",
      actorId: "ru",
    });
    expect(r.status, r.text).toBe(201);
    const log = (await f.request("GET", `${n()}/audit`, "ua")).json as {
      entries: { action: string; userName: string; payload: string }[];
    };
    const adds = log.entries
      .filter((e) => e.action === "member.add")
      .map((e) => [e.userName, JSON.parse(e.payload)]);
    expect(adds).toContainEqual(["ru", { actorId: "ru", role: "delegation", userId: spareId }]);
    // Every member the negotiation has is announced by one member.add entry.
    const members = ((await f.request("GET", n(), "ua")).json as { members: unknown[] }).members;
    expect(adds).toHaveLength(members.length);
  });
});

describe("errors about proposals", () => {
  it("answer alike for a proposal of another negotiation and one that does not exist", async () => {
    const other = await f.request("POST", "/api/negotiations", "admin", {
      title: "Elsewhere",
      venue: "Geneva",
      scenarioId: f.scenarioId,
      scenarioVersion: 1,
    });
    const otherId = (other.json as { id: number }).id;
    const med = await f.store.userByName("mediator");
    await f.request("POST", `/api/negotiations/${otherId}/members`, "admin", {
      userId: med!.id,
      role: "mediator",
    });
    await f.request("POST", `/api/negotiations/${otherId}/rounds`, "mediator", { label: "r" });
    const elsewhere = (
      (
        await f.request("POST", `/api/negotiations/${otherId}/proposals`, "mediator", {
          package: { troops: "none", sanctions: "kept" },
        })
      ).json as { id: number }
    ).id;
    const missing = elsewhere + 1000;
    const uaBody = {
      positions: [
        { issue: "troops", ideal: "brigade", salience: 1, source: "ua private assessment", confidence: 1 },
      ],
    };
    const lodged = await f.request("POST", `${n()}/private/ua`, "ua", uaBody);
    expect(lodged.status, lodged.text).toBe(201);
    const bodies = (id: number) =>
      Promise.all([
        f.request("GET", `${n()}/proposals/${id}/scores/ua`, "ua"),
        f.request("POST", `${n()}/proposals/${id}/scores/ua`, "ua", { score: 0.5 }),
        f.request("GET", `${n()}/mediator/proposals/${id}/acceptance`, "mediator"),
      ]);
    const a = await bodies(elsewhere);
    const b = await bodies(missing);
    for (let i = 0; i < a.length; i++) {
      expect(a[i]!.status).toBe(b[i]!.status);
      expect(a[i]!.status).toBe(404);
      expect(a[i]!.text.replace(`proposal ${elsewhere}`, "proposal N")).toBe(
        b[i]!.text.replace(`proposal ${missing}`, "proposal N"),
      );
    }
  });
});
