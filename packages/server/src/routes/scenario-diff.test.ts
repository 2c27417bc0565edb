import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FIXTURE_YAML, type Fixture, makeFixture } from "../test-support/fixture.js";

let f: Fixture;
beforeAll(async () => {
  f = await makeFixture();
});
afterAll(() => f.store.db.close());

describe("GET /api/scenarios/{id}/diff", () => {
  it("gives each change in words, naming the actor and the issue", async () => {
    const v2 = FIXTURE_YAML.replace(
      "roles: [party], capability: { value: 1, source: test, confidence: 1 } }\n  - { id: tr",
      "roles: [party], capability: { value: 0.8, source: test, confidence: 1 } }\n  - { id: tr",
    ).replace(
      "{ actor: ua, issue: sanctions, ideal: kept, salience: 0.5",
      "{ actor: ua, issue: sanctions, ideal: eased, salience: 0.5",
    );
    const up = await f.request("POST", "/api/scenarios", "admin", { text: v2, format: "yaml" });
    expect(up.status, up.text).toBe(201);
    const r = await f.request("GET", `/api/scenarios/${f.scenarioId}/diff?from=1&to=2`, "observer");
    expect(r.status, r.text).toBe(200);
    expect((r.json as { words: string[] }).words.sort()).toEqual([
      "Russia: capability value changed from 1 to 0.8",
      "Ukraine's position on “Sanctions”: ideal changed from “Kept” to “Eased”",
    ]);
  });
});
