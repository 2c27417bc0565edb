import { validatePrivate } from "@entente/core";
import { describe, expect, it } from "vitest";
import type { PrivateBody } from "./api/types.js";
import { privateBody, privateDraft } from "./private-form.js";
import { loadScenario } from "./test-scenarios.js";

const small = loadScenario("packages/core/src/model/fixtures/small.yaml");
const ukraine = loadScenario("scenarios/ukraine-security-guarantees.yaml");

describe("privateDraft", () => {
  it("starts from the actor's public positions when nothing is lodged", () => {
    // small.yaml: B has ceiling ideal 30, salience 0.5, redLine atMost 60; status ideal neutral.
    const d = privateDraft(small, "B", null);
    expect(d.positions[0]).toMatchObject({
      issue: "ceiling",
      include: true,
      ideal: "30",
      salience: "0.5",
      atMost: "60",
      atLeast: "",
    });
    expect(d.positions[1]).toMatchObject({ issue: "status", include: true, ideal: "neutral", reject: [] });
  });

  it("reads an ordinal atLeast/atMost red line as the options it excludes", () => {
    // Options in order: member, partner, neutral. atLeast partner excludes member; atMost partner excludes neutral.
    const body: PrivateBody = {
      positions: [
        {
          issue: "status",
          ideal: "partner",
          salience: 1,
          source: "brief",
          confidence: 1,
          redLine: { atLeast: "partner" },
        },
      ],
    };
    expect(privateDraft(small, "A", body).positions[1]!.reject).toEqual(["member"]);
    body.positions[0]!.redLine = { atMost: "partner", reject: ["member"] };
    expect(privateDraft(small, "A", body).positions[1]!.reject).toEqual(["member", "neutral"]);
  });
});

describe("privateBody", () => {
  it("gives a body the server's validator accepts, for every party of the default scenario", () => {
    for (const a of ukraine.actors.filter((x) => x.roles.includes("party"))) {
      const r = privateBody(ukraine, privateDraft(ukraine, a.id, null));
      expect(r.ok).toBe(true);
      if (r.ok) expect(() => validatePrivate(ukraine, a.id, r.body)).not.toThrow();
    }
  });

  it("round-trips a lodged body through the form unchanged", () => {
    const body: PrivateBody = {
      positions: [
        {
          issue: "ceiling",
          ideal: 20,
          salience: 0.9,
          source: "private brief",
          confidence: 0.8,
          redLine: { atMost: 50 },
          riskAttitude: 0.2,
        },
        {
          issue: "status",
          ideal: "neutral",
          salience: 1,
          source: "private brief",
          confidence: 1,
          redLine: { reject: ["member"] },
        },
      ],
      batna: 0.25,
    };
    const r = privateBody(small, privateDraft(small, "B", body));
    expect(r).toEqual({ ok: true, body });
  });

  it("leaves out issues not ticked, so the public position stands there", () => {
    const d = privateDraft(small, "B", null);
    d.positions[0]!.include = false;
    const r = privateBody(small, d);
    expect(r.ok && r.body.positions.map((p) => p.issue)).toEqual(["status"]);
  });

  it("reports out-of-range values with the server's paths, counting only included issues", () => {
    const d = privateDraft(small, "B", null);
    d.positions[0]!.include = false;
    d.positions[1]!.salience = "1.5";
    d.positions[1]!.reject = ["neutral"];
    expect(privateBody(small, d)).toEqual({
      ok: false,
      errors: [
        { path: "body.positions[0].salience", message: "salience: expected a number from 0 to 1" },
        {
          path: "body.positions[0].redLine.reject",
          message: "the ideal cannot be an option the delegation rejects",
        },
      ],
    });
  });

  it("refuses an ideal that the same position's red line rejects (the server does not check this)", () => {
    const d = privateDraft(small, "A", null);
    d.positions[1]!.reject = ["member"]; // A's public ideal on status is member
    expect(privateBody(small, d)).toEqual({
      ok: false,
      errors: [
        {
          path: "body.positions[1].redLine.reject",
          message: "the ideal cannot be an option the delegation rejects",
        },
      ],
    });
  });
});
