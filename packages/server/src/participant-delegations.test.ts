import { beforeAll, describe, expect, it } from "vitest";
import { FIXTURE_YAML, type Fixture, makeFixture } from "./test-support/fixture.js";

/**
 * Issue 18: any participant can have a delegation — a party, a guarantor or a mediating state — as
 * the default scenario's guarantors (the United States, the United Kingdom, …) need to table
 * anything; an actor that only monitors or observes cannot. A guarantor's delegation keeps the same
 * private-data rules as a party's: only it reads its private positions.
 */
const WITH_GUARANTOR = FIXTURE_YAML.replace("id: fixture\n", "id: fixture-guarantor\n").replace(
  "issues:",
  `  - { id: us, name: United States, kind: state, roles: [guarantor], capability: { value: 1, source: test, confidence: 1 } }
  - { id: kr, name: Korea, kind: state, roles: [observer], capability: { value: 0, source: test, confidence: 0 } }
  - { id: osce, name: OSCE, kind: organisation, roles: [monitor], capability: { value: 0, source: test, confidence: 0 } }
issues:`,
);
const SECRET = "us-private-red-line-9f3k";
const usBody = {
  positions: [
    {
      issue: "troops",
      ideal: "monitors",
      salience: 0.8,
      source: SECRET,
      confidence: 1,
      redLine: { atLeast: "monitors" },
    },
  ],
  batna: 0.1,
};

let f: Fixture;
let nid = 0;
let users: Record<string, number> = {};
const n = () => `/api/negotiations/${nid}`;

beforeAll(async () => {
  f = await makeFixture();
  const list = await f.request("GET", "/api/users", "admin");
  users = Object.fromEntries(
    (list.json as { users: Array<{ id: number; name: string }> }).users.map((u) => [u.name, u.id]),
  );
  const up = await f.request("POST", "/api/scenarios", "admin", { text: WITH_GUARANTOR, format: "yaml" });
  expect(up.status, up.text).toBe(201);
  const neg = await f.request("POST", "/api/negotiations", "admin", {
    title: "Talks with a guarantor at the table",
    venue: "Geneva",
    scenarioId: (up.json as { scenarioId: number }).scenarioId,
    scenarioVersion: 1,
  });
  nid = (neg.json as { id: number }).id;
  const add = (user: string, role: string, actorId?: string) =>
    f.request("POST", `${n()}/members`, "admin", { userId: users[user], role, actorId });
  for (const [user, role, actor] of [
    ["ua", "delegation", "ua"],
    ["outsider", "delegation", "us"],
    ["mediator", "mediator", undefined],
    ["observer", "observer", undefined],
  ] as const) {
    const r = await add(user, role, actor);
    expect(r.status, r.text).toBe(201);
  }
  expect((await f.request("POST", `${n()}/rounds`, "mediator", { label: "Round 1" })).status).toBe(201);
});

describe("delegations of every participant", () => {
  it("seats a guarantor's and a mediating state's delegation, and refuses an observer's or a monitor's", async () => {
    // tr is a mediator actor in the fixture; kr only observes, osce only monitors.
    const tr = await f.request("POST", `${n()}/members`, "admin", {
      userId: users.ru,
      role: "delegation",
      actorId: "tr",
    });
    expect(tr.status, tr.text).toBe(201);
    for (const actorId of ["kr", "osce", "nobody"]) {
      const r = await f.request("POST", `${n()}/members`, "admin", {
        userId: users.monitor,
        role: "delegation",
        actorId,
      });
      expect(r.status, actorId).toBe(400);
      expect(r.text).toContain("parties, guarantors or mediators");
      expect(r.text).toContain("expected one of ua, ru, tr, us");
    }
  });

  it("lets a guarantor's delegation lodge and read its private positions, and nobody else read them", async () => {
    const put = await f.request("POST", `${n()}/private/us`, "outsider", usBody);
    expect(put.status, put.text).toBe(201);
    const mine = await f.request("GET", `${n()}/private/us`, "outsider");
    expect(mine.status).toBe(200);
    expect(mine.text).toContain(SECRET);
    for (const role of ["ua", "mediator", "observer", "admin", "monitor"] as const) {
      const r = await f.request("GET", `${n()}/private/us`, role);
      expect([403, 404], role).toContain(r.status);
      expect(r.text, role).not.toContain(SECRET);
    }
    // Nor may another delegation lodge positions in the guarantor's name.
    expect((await f.request("POST", `${n()}/private/us`, "ua", usBody)).status).toBe(403);
  });

  it("lets a guarantor's delegation table a proposal in its own name only", async () => {
    const p = await f.request("POST", `${n()}/proposals`, "outsider", {
      package: { troops: "monitors", sanctions: "eased" },
      actorId: "us",
      note: "a guarantor's package",
    });
    expect(p.status, p.text).toBe(201);
    expect(p.json).toMatchObject({ authorActor: "us", authorRole: "delegation" });
    const asUa = await f.request("POST", `${n()}/proposals`, "outsider", {
      package: { troops: "brigade", sanctions: "kept" },
      actorId: "ua",
    });
    expect(asUa.status).toBe(403);
    const listed = await f.request("GET", `${n()}/proposals`, "observer");
    expect(listed.text).toContain("a guarantor's package");
    expect(listed.text).not.toContain(SECRET);
  });
});
