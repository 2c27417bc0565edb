import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { scenarioOf } from "./fixtures/minimal-cases.js";
import { buildAgreementSection, type PackageView } from "./section.js";

// The worked example of docs/agreement.md, read from the doc itself: every number the doc quotes.
const doc = readFileSync(new URL("../../../../docs/agreement.md", import.meta.url), "utf8");
const block = [...doc.matchAll(/```yaml\n([\s\S]*?)```/g)]
  .map((m) => m[1]!)
  .find((y) => y.includes("id: worked-example"));
if (!block) throw new Error("docs/agreement.md has no worked example");
const scenario = scenarioOf(block);
const s = buildAgreementSection(scenario);

const options = (v: PackageView | null | undefined) => v?.choices.map((c) => c.option);
const utilities = (v: PackageView | null | undefined) => v?.utilities.map((u) => u.utility);

describe("the worked example of docs/agreement.md", () => {
  it("has no-deal utilities 0.5 (A) and 0.15 (B), 18 packages and 7 acceptable", () => {
    expect(s.actors.map((a) => a.disagreement)).toEqual([0.5, expect.closeTo(0.15, 12)]);
    expect(s.actors.map((a) => a.disagreementSource)).toEqual([
      "status quo (partly unknown)",
      "status quo (partly unknown)",
    ]);
    expect(s.space.packages).toBe(18);
    expect(s.count).toMatchObject({ exact: true, lower: 7, upper: 7 });
  });
  it("puts Nash at (20, none, yes) with product 0.0625", () => {
    expect(options(s.solutions.nash)).toEqual([20, "none", "yes"]);
    expect(s.solutions.nash!.score).toBeCloseTo(0.0625, 12);
  });
  it("puts the utilitarian package at (20, observers, yes), total 1.225 (A 0.625, B 0.6)", () => {
    expect(options(s.solutions.utilitarian)).toEqual([20, "observers", "yes"]);
    expect(utilities(s.solutions.utilitarian)).toEqual([0.625, expect.closeTo(0.6, 12)]);
    expect(s.solutions.utilitarian!.score).toBeCloseTo(1.225, 12);
  });
  it("puts the egalitarian package at (20, none, yes), smallest gain 0.25", () => {
    expect(options(s.solutions.egalitarian)).toEqual([20, "none", "yes"]);
    expect(s.solutions.egalitarian!.score).toBeCloseTo(0.25, 12);
  });
  it("puts Kalai–Smorodinsky at (20, none, yes), smallest ratio 5/9", () => {
    expect(options(s.solutions.kalaiSmorodinsky)).toEqual([20, "none", "yes"]);
    expect(s.solutions.kalaiSmorodinsky!.score).toBeCloseTo(5 / 9, 12);
  });
  it("has a Pareto frontier of 3 packages", () => {
    expect(s.pareto).toMatchObject({ complete: true, size: 3 });
    expect(s.pareto.shown.map(options).sort()).toEqual(
      [
        [20, "none", "yes"],
        [20, "observers", "no"],
        [20, "observers", "yes"],
      ].sort(),
    );
  });
  it("finds one logroll from (10, none, yes): A gains 12.5 points, B 5, and both accept the result", () => {
    expect(options(s.logrollFrom)).toEqual([10, "none", "yes"]);
    expect(s.logrolls).toHaveLength(1);
    const t = s.logrolls[0]!;
    const gains = t.actorA === "A" ? [t.gainA, t.gainB] : [t.gainB, t.gainA];
    expect(gains[0]).toBeCloseTo(0.125, 12);
    expect(gains[1]).toBeCloseTo(0.05, 12);
    expect(t.acceptableToAll).toBe(true);
  });
  it("finds no binding red line: opening mission leaves the Nash product at 0.0625", () => {
    expect(s.whatWouldItTake.zoneExists).toBe(true);
    expect(s.whatWouldItTake.binding).toEqual([]);
  });
  it("improves on the proposal (10, none, yes) with (20, observers, yes), one of 2 improvements", () => {
    const p = buildAgreementSection(scenario, { proposal: { troops: 10, monitors: "none", seat: "yes" } })
      .proposal!;
    expect(p.verdicts.map((v) => v.accepts)).toEqual([true, true]);
    expect(utilities(p.package)).toEqual([0.5, expect.closeTo(0.55, 12)]);
    expect(p.improvements).toMatchObject({ exact: true, lower: 2 });
    expect(options(p.improvement)).toEqual([20, "observers", "yes"]);
  });
});

describe("the second worked example of docs/agreement.md (off the grid, values, a table, a BATNA)", () => {
  const text = [...doc.matchAll(/```yaml\n([\s\S]*?)```/g)]
    .map((m) => m[1]!)
    .find((y) => y.includes("id: off-grid-example"));
  if (!text) throw new Error("docs/agreement.md has no second worked example");
  const t = buildAgreementSection(scenarioOf(text));
  it("has no-deal utilities 0.76875 (A, status quo 125 at its exact value) and 0.3 (B's BATNA)", () => {
    expect(t.actors.map((a) => a.disagreement)).toEqual([expect.closeTo(0.76875, 12), 0.3]);
    expect(t.actors.map((a) => a.disagreementSource)).toEqual(["status quo (partly unknown)", "batna"]);
  });
  it("counts 4 acceptable packages of 45", () => {
    expect(t.space.packages).toBe(45);
    expect(t.count).toMatchObject({ exact: true, lower: 4 });
  });
  it("puts every solution at (150, soon, Geneva): Nash product 0.02578125, KS ratio 15/17", () => {
    for (const v of Object.values(t.solutions)) expect(options(v)).toEqual([150, "soon", "geneva"]);
    expect(utilities(t.solutions.nash)).toEqual([expect.closeTo(0.95625, 12), expect.closeTo(0.4375, 12)]);
    expect(t.solutions.nash!.score).toBeCloseTo(0.02578125, 12);
    expect(t.solutions.utilitarian!.score).toBeCloseTo(1.39375, 12);
    expect(t.solutions.egalitarian!.score).toBeCloseTo(0.1375, 12);
    expect(t.solutions.kalaiSmorodinsky!.score).toBeCloseTo(15 / 17, 12);
  });
  it("starts logrolls from (100, soon, Geneva) and finds none", () => {
    expect(options(t.logrollFrom)).toEqual([100, "soon", "geneva"]);
    expect(t.logrolls).toEqual([]);
  });
});
