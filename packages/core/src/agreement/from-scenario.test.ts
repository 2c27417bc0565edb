import { describe, expect, it } from "vitest";
import { countAcceptable } from "./count.js";
import { gridNoStepCase, gridStepCase, offGridStatusQuoCase, scenarioOf } from "./fixtures/minimal-cases.js";
import { spaceFromScenario } from "./from-scenario.js";
import { prepare } from "./prepare.js";
import { buildAgreementSection } from "./section.js";

const count = (text: string) => countAcceptable(prepare(spaceFromScenario(scenarioOf(text)).space)).lower;

describe("spaceFromScenario on numeric grids", () => {
  it("keeps a red line that sits on a 0.1 grid point (atMost 0.3 on 0–0.3): 4 acceptable packages", () => {
    expect(count(gridStepCase)).toBe(4);
  });
  it("keeps a red line on a point of the default grid (atMost 14.7 on 0–21, no step): 8 acceptable packages", () => {
    expect(count(gridNoStepCase)).toBe(8);
  });
  it("puts every bargaining solution at the shared ideal 0.3 and finds no red line holding it back", () => {
    const s = buildAgreementSection(scenarioOf(gridStepCase));
    for (const sol of Object.values(s.solutions)) expect(sol?.choices[0]?.option).toBe(0.3);
    expect(s.whatWouldItTake.binding).toEqual([]);
  });
  it("snaps an off-grid numeric status quo to its nearest grid point whether or not other issues have one", () => {
    const ss = spaceFromScenario(scenarioOf(offGridStatusQuoCase));
    expect(ss.statusQuoIndex).toEqual([2, -1]);
  });
});

describe("the logroll reference", () => {
  it("starts from the nearest grid point of an off-grid status quo even when another issue has none", () => {
    const s = buildAgreementSection(scenarioOf(offGridStatusQuoCase));
    // From x = 2 (not x = 10, A's ideal) A and B can trade: x up towards A, y down towards B.
    expect(s.logrolls).toHaveLength(1);
    expect(s.logrolls[0]).toMatchObject({ issueA: "x", issueB: "y", labelA: "10 u", labelB: "2 u" });
    expect(s.logrollFrom.choices.map((c) => c.option)).toEqual([2, 10]);
  });
});
