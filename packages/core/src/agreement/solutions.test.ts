import { describe, expect, it } from "vitest";
import { degenerateNashCase, ksZeroUtopiaCase, scenarioOf } from "./fixtures/minimal-cases.js";
import { spaceFromScenario } from "./from-scenario.js";
import { buildAgreementSection } from "./section.js";
import { bargainingSolutions } from "./solutions.js";
import { createSpace } from "./space.js";

describe("bargaining solutions when every acceptable package leaves some actor with no gain", () => {
  // {x, y, z}, status quo z; A's ideal x, B's ideal y. Acceptable: x (gains 1, 0), y (0, 1), z (0, 0).
  it("still names a Nash package (one actor gaining, product of that gain 1) and a Kalai–Smorodinsky one", () => {
    const s = bargainingSolutions(spaceFromScenario(scenarioOf(degenerateNashCase)).space);
    expect(s.nashDegenerate).toBe(true);
    expect(s.nash.package).not.toBeNull();
    expect(s.nash.exact).toBe(true);
    expect(s.nash.utilities.filter((u) => u > 0)).toEqual([1]);
    // KS: utopia gains 1 and 1; every package's smallest ratio is 0, so any of the three is KS.
    expect(s.kalaiSmorodinsky.package).not.toBeNull();
    expect(s.kalaiSmorodinsky.value).toBe(0);
  });
  it("reports the count, both solutions and a note, not 'no acceptable package'", () => {
    const section = buildAgreementSection(scenarioOf(degenerateNashCase));
    expect(section.count.lower).toBe(3);
    expect(section.solutions.nash?.score).toBe(0);
    expect(section.solutions.kalaiSmorodinsky).not.toBeNull();
    expect(section.notes.join("\n")).not.toMatch(/no acceptable package/);
    expect(section.notes.join("\n")).toMatch(/Nash product is 0/);
  });
  it("prefers more actors gaining to a larger product of fewer gains", () => {
    // Issue i: p gives A 1, q gives A 0.5 and B 1, r gives A 0.9. C cares only about issue j, which
    // has one option, and its BATNA is what it gets there: C gains nothing anywhere.
    const space = createSpace({
      actors: ["a", "b", "c"],
      issues: [
        { id: "i", options: ["p", "q", "r"] },
        { id: "j", options: ["only"] },
      ],
      stances: [
        [{ utility: [1, 0.5, 0.9], salience: 1 }, undefined],
        [{ utility: [0, 1, 0], salience: 1 }, undefined],
        [undefined, { utility: [1], salience: 1 }],
      ],
      batna: [0, 0, 1],
    });
    const s = bargainingSolutions(space);
    expect(s.nashDegenerate).toBe(true);
    expect(s.nash.package).toEqual([1, 0]);
  });
});

describe("Kalai–Smorodinsky with an actor whose utopia gain is 0", () => {
  it("leaves that actor out of the bound instead of cutting every package above 0 (found by the property tests)", () => {
    const s = bargainingSolutions(spaceFromScenario(scenarioOf(ksZeroUtopiaCase)).space);
    // a0's gain ratio is 1 at (34, 18) and a1's 4/7 at 18 (brute force over the 24 packages).
    expect(s.kalaiSmorodinsky.value).toBeCloseTo(4 / 7, 12);
    expect(s.kalaiSmorodinsky.package![1]).toBe(1);
  });
});
