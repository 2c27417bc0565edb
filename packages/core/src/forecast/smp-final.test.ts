import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ktabToSmpInput, parseKtabCsv } from "./ktab-csv.js";
import { flatSmpInput, runSmp, runSmpFinal } from "./smp.js";
import type { SmpInput } from "./smp-types.js";

// runSmpFinal is runSmp without the history; runSmp (which watches every turn, so never jumps
// ahead) is the oracle. Expected values are runSmp's own, compared bit for bit.

function expectSameEnd(input: SmpInput, maxTurns?: number) {
  const options = maxTurns === undefined ? {} : { maxTurns };
  const full = runSmp(input, options);
  const { n, d, cap, sal, pos } = flatSmpInput(input);
  const fast = runSmpFinal(n, d, cap, sal, pos, options);
  expect(fast.turns).toBe(full.turns);
  expect(fast.converged).toBe(full.converged);
  expect(fast.lastDeltaRatio).toBe(full.lastDeltaRatio);
  const last = full.positions[full.positions.length - 1]!;
  for (let i = 0; i < n; i++)
    for (let k = 0; k < d; k++) expect(fast.final[i * d + k]! * 100).toBe(last[i]![k]);
  return full;
}

// Two draws of the Monte Carlo (seed 1: draw 193's force-ceiling, draw 264's nato-membership) on
// which KTAB's SMP never settles: from turn 15 (resp. 6) on it alternates between two states until
// the 100-turn limit.
const cycling: SmpInput[] = [
  [
    ["ru", 139.66269756188206, 33.7207357018636, 0.7735456281320088],
    ["ua", 100.13109880108122, 100, 0.9845000330502304],
    ["uk", 89.84973411326125, 70.64901663091047, 0.6863339466399972],
    ["fr", 51.7988262005779, 99.87686626445914, 0.21977146112812068],
  ],
  [
    ["ru", 109.69257406602203, 100, 0.9871258306533318],
    ["ua", 50.2572333077902, 0, 0.785298523147658],
    ["us", 682.9375732808668, 50, 0.34720084498929527],
    ["uk", 64.84742455353754, 25, 0.44619201904870154],
    ["fr", 88.32612833828723, 50, 0.3281719175257998],
    ["de", 75.77781557175615, 50, 0.5678526769735717],
    ["cn", 318.95145063329875, 75, 0.14640029237496077],
    ["tr", 22.754342177405913, 75, 0.29330175921549395],
  ],
].map((rows) => ({
  dimensions: ["force-ceiling"],
  actors: rows.map(([id, capability, position, salience]) => ({
    id: id as string,
    capability: capability as number,
    position: [position as number],
    salience: [salience as number],
  })),
}));

describe("runSmpFinal ends where runSmp ends", () => {
  it.each(["SOE-Pol-Comp.csv", "dummyData_3Dim.csv", "dummyData-a040.csv"])("on KTAB's %s", (name) => {
    const text = readFileSync(
      new URL(`../../../../../shared/fixtures/ktab/${name}`, import.meta.url),
      "utf8",
    );
    const r = parseKtabCsv(text);
    if (!r.ok) throw new Error(r.issues[0]!.message);
    expectSameEnd(ktabToSmpInput(r.scenario));
  });

  it("on runs whose first turn moves nobody (a fixed point), whatever the turn limits", () => {
    // Two actors at one position: neither can gain from a challenge, so no turn moves anyone.
    const still: SmpInput = {
      dimensions: ["x"],
      actors: [
        { id: "a", capability: 2, position: [40], salience: [0.5] },
        { id: "b", capability: 1, position: [40], salience: [0.9] },
      ],
    };
    expect(expectSameEnd(still).turns).toBe(2);
    expectSameEnd(still, 1);
    const slow = { minTurns: 7 };
    const { n, d, cap, sal, pos } = flatSmpInput(still);
    const full = runSmp(still, slow);
    const fast = runSmpFinal(n, d, cap, sal, pos, slow);
    expect([fast.turns, fast.converged, fast.lastDeltaRatio]).toEqual([
      full.turns,
      full.converged,
      full.lastDeltaRatio,
    ]);
    expect(full.turns).toBe(7);
  });

  it("on runs that alternate between two states until the turn limit, for either parity of the limit", () => {
    for (const input of cycling) {
      const full = expectSameEnd(input);
      // The premise: the run does cycle (state 100 equals state 98 and differs from state 99).
      const p = full.positions;
      expect(full.turns).toBe(100);
      expect(p[100]).toEqual(p[98]);
      expect(p[100]).not.toEqual(p[99]);
      expectSameEnd(input, 61);
      expectSameEnd(input, 60);
    }
  });
});
