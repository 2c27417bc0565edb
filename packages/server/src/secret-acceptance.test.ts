import { commitment } from "@entente/store";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Fixture, makeFixture, type Role } from "./test-support/fixture.js";

/**
 * Issue 14, secret acceptance: a negotiation is concluded when every delegation has accepted the
 * same proposal; until then nobody — the mediator, the other delegation, an admin — learns who has
 * accepted, from the API or from the log.
 */
let f: Fixture;
const n = () => `/api/negotiations/${f.negotiationId}`;
let other = 0;
beforeAll(async () => {
  f = await makeFixture();
  const r = await f.request("POST", `${n()}/proposals`, "mediator", {
    package: { troops: "none", sanctions: "kept" },
  });
  other = (r.json as { id: number }).id;
});
afterAll(() => f.store.db.close());

const EVERYONE: Role[] = ["admin", "ua", "ru", "mediator", "monitor", "observer"];

describe("secret acceptance", () => {
  it("tells nobody who accepted until all have, in the API and in the log", async () => {
    const before = await Promise.all(EVERYONE.map((r) => f.request("GET", `${n()}/conclusion`, r)));
    const accept = await f.request("POST", `${n()}/proposals/${f.proposalId}/accept/ua`, "ua");
    expect(accept.status, accept.text).toBe(201);
    expect(accept.json).toEqual({ concluded: false });
    await f.request("POST", `${n()}/proposals/${other}/accept/ru`, "ru"); // ru accepts another one
    for (const [i, r] of EVERYONE.entries()) {
      const now = await f.request("GET", `${n()}/conclusion`, r);
      expect(now.json, r).toEqual({ concluded: false });
      expect(now.text).toBe(before[i]!.text);
    }
    const log = (await f.request("GET", `${n()}/audit?limit=1000`, "mediator")).json as {
      entries: { action: string; userName: string; userId: number | null; payload: string }[];
    };
    const sealed = log.entries.filter((e) => e.action === "acceptance.seal");
    expect(sealed).toHaveLength(2);
    for (const e of sealed) {
      expect([e.userName, e.userId]).toEqual(["sealed", null]);
      expect(e.payload).not.toMatch(/ua|ru|proposal/i);
    }
  });

  it("concludes when every delegation accepts the same proposal, and opens every sealed acceptance", async () => {
    const r = await f.request("POST", `${n()}/proposals/${f.proposalId}/accept/ru`, "ru");
    expect(r.json).toEqual({ concluded: true });
    const c = (await f.request("GET", `${n()}/conclusion`, "observer")).json as {
      concluded: boolean;
      proposal: number;
      openings: { acceptanceId: number; actorId: string; proposalId: number; salt: string }[];
    };
    expect(c).toMatchObject({ concluded: true, proposal: f.proposalId });
    const log = (await f.request("GET", `${n()}/audit?limit=1000`, "observer")).json as {
      entries: { action: string; payload: string }[];
    };
    const seals = new Map(
      log.entries
        .filter((e) => e.action === "acceptance.seal")
        .map((e) => JSON.parse(e.payload) as { acceptanceId: number; commitment: string })
        .map((d) => [d.acceptanceId, d.commitment]),
    );
    for (const o of c.openings) {
      const text = JSON.stringify({ actorId: o.actorId, proposalId: o.proposalId });
      expect(commitment(o.salt, text)).toBe(seals.get(o.acceptanceId));
    }
    expect(log.entries.filter((e) => e.action === "negotiation.concluded")).toHaveLength(1);
    expect((await f.request("POST", `${n()}/proposals/${f.proposalId}/accept/ua`, "ru")).status).toBe(403);
  });
});
