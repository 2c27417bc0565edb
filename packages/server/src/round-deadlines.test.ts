import { beforeAll, describe, expect, it } from "vitest";
import { type Fixture, makeFixture } from "./test-support/fixture.js";

/**
 * Issue 18: a round may have a deadline; it is closed by the mediator or when its deadline passes,
 * and a closed round takes no proposals. The fixture's clock drives the store's "now".
 */
interface RoundJson {
  number: number;
  deadline: string | null;
  closedAt: string | null;
  closedBy: "mediator" | "deadline" | null;
}

describe("round deadlines and closing", () => {
  let f: Fixture;
  let round1ClosedAt = "";
  beforeAll(async () => {
    f = await makeFixture();
  });

  it("refuses a deadline that is not after now, or has no offset", async () => {
    const n = `/api/negotiations/${f.negotiationId}`;
    const past = await f.request("POST", `${n}/rounds`, "mediator", {
      label: "Late",
      deadline: new Date(f.clock.t).toISOString(),
    });
    expect(past.status).toBe(400);
    expect(past.text).toContain("is not after now");
    const naive = await f.request("POST", `${n}/rounds`, "mediator", {
      label: "Naive",
      deadline: "2030-01-01T00:00",
    });
    expect(naive.status).toBe(400);
    expect(naive.text).toContain("body.deadline");
  });
  it("lets the mediator close a round, once, and nobody else", async () => {
    const n = `/api/negotiations/${f.negotiationId}`;
    for (const role of ["ua", "observer", "monitor"] as const)
      expect((await f.request("POST", `${n}/rounds/1/close`, role)).status, role).toBe(403);
    const closed = await f.request("POST", `${n}/rounds/1/close`, "mediator");
    expect(closed.status, closed.text).toBe(200);
    round1ClosedAt = new Date(f.clock.t).toISOString();
    expect(closed.json).toMatchObject({
      number: 1,
      closedBy: "mediator",
      closedAt: new Date(f.clock.t).toISOString(),
    });
    expect((await f.request("POST", `${n}/rounds/1/close`, "mediator")).status).toBe(409);
    expect((await f.request("POST", `${n}/rounds/9/close`, "mediator")).status).toBe(404);
    const p = await f.request("POST", `${n}/proposals`, "mediator", {
      package: { troops: "none", sanctions: "kept" },
    });
    expect(p.status).toBe(409);
    expect(p.text).toContain("by the mediator");
    const log = (await f.request("GET", `/api/audit?negotiationId=${f.negotiationId}`, "admin")).text;
    expect(log).toContain("round.close");
  });

  it("closes a round when its deadline passes: proposals until then, none after", async () => {
    const n = `/api/negotiations/${f.negotiationId}`;
    const deadline = new Date(f.clock.t + 3_600_000).toISOString();
    // Given with an offset (UTC+2), stored in UTC.
    const local = new Date(f.clock.t + 3_600_000 + 2 * 3_600_000).toISOString().replace("Z", "+02:00");
    const opened = await f.request("POST", `${n}/rounds`, "mediator", { label: "Round 2", deadline: local });
    expect(opened.status, opened.text).toBe(201);
    expect(opened.json).toMatchObject({ number: 2, deadline, closedAt: null, closedBy: null });
    const table = () =>
      f.request("POST", `${n}/proposals`, "ua", {
        package: { troops: "monitors", sanctions: "kept" },
        actorId: "ua",
      });
    f.clock.t += 3_599_000;
    expect((await table()).status).toBe(201);
    f.clock.t += 1_000; // exactly at the deadline: closed
    const late = await table();
    expect(late.status).toBe(409);
    expect(late.text).toContain("its deadline");
    const rounds = ((await f.request("GET", n, "observer")).json as { rounds: RoundJson[] }).rounds;
    expect(rounds.map((r) => [r.number, r.closedBy, r.closedAt])).toEqual([
      [1, "mediator", round1ClosedAt],
      [2, "deadline", deadline],
    ]);
    // The mediator cannot close it again; a new round takes proposals again.
    expect((await f.request("POST", `${n}/rounds/2/close`, "mediator")).status).toBe(409);
    expect((await f.request("POST", `${n}/rounds`, "mediator", { label: "Round 3" })).status).toBe(201);
    expect((await table()).status).toBe(201);
  });
});
