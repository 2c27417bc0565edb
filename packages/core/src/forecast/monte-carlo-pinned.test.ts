import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseScenario } from "../model/parse.js";
import { forecastInputFromScenario } from "./forecast-input.js";
import type { ForecastModelName } from "./model-types.js";
import { type DrawBlock, monteCarlo, runDrawBlock } from "./monte-carlo.js";

// A frozen copy of scenarios/ukraine-security-guarantees.yaml (23 Nov 2026), so edits to the live
// scenario do not move these pins. Every expected value below was printed by the implementation at
// commit e8b48b6, before the Monte Carlo was optimised: the optimisation must not change one bit
// (checked bit for bit at the time; the digests were then moved to 12 significant digits, computed
// from the same outcomes, so that the pins hold on Node.js 24 as well as 20). The eu and ensemble
// pins were re-printed when the expected-utility model was fixed (issue #16: distances as shares of
// the span of positions, each actor taking the offer that moves it least, the weighted mean after
// round 1): a change of model, not of the Monte Carlo.
const path = new URL("./fixtures/ukraine-monte-carlo.yaml", import.meta.url);
const parsed = parseScenario(readFileSync(path, "utf8"), "ukraine-monte-carlo.yaml");
if (!parsed.ok) throw new Error("fixture scenario does not parse");
const input = forecastInputFromScenario(parsed.scenario);

/**
 * FNV-1a (32-bit) over a block's options and its values to 12 significant digits. Any change an
 * optimisation could make shows; what does not show is a difference in the last bits that V8's own
 * Math.pow/exp/log give on another Node.js version (20 and 24 differ there).
 */
function digest(b: DrawBlock): string {
  let h = 0x811c9dc5;
  const text = `${Array.from(b.values, (v) => (Number.isNaN(v) ? "NaN" : v.toPrecision(12))).join(",")}|${Array.from(b.options).join(",")}`;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(16).padStart(8, "0");
}

describe("Monte Carlo of the Ukraine scenario (pinned, seed 2026)", () => {
  it.each<[ForecastModelName, number, string]>([
    ["compromise", 16505997.542491646, "297f5f01"],
    ["median", 18067968.482910123, "8495d4eb"],
    ["nash", 16928352, "7998e771"],
    ["eu", 21478004.652643748, "3886ebc3"],
    ["smp", 16765285.319145039, "4b28f927"],
    ["ensemble", 17949121.599438094, "dd8ccf31"],
  ])("draws 0–29 under %s give the pinned outcomes", (model, sum, hash) => {
    const b = runDrawBlock(input, model, 2026, 0, 30);
    let s = 0;
    for (const v of b.values) if (!Number.isNaN(v)) s += v;
    expect(s).toBeCloseTo(sum, 6);
    expect(digest(b)).toBe(hash);
  });

  it("summarises 30 ensemble draws to the pinned medians, intervals and option shares", () => {
    const [nato, infra] = monteCarlo(input, "ensemble", 30, 2026);
    expect(nato).toEqual({
      issue: "nato-membership",
      draws: 30,
      median: 47.76884042699605,
      p05: 30.47889844266667,
      p95: 61.67371485054983,
      optionProbabilities: {
        member: 0,
        "open-door": 6 / 30,
        "not-in-settlement": 23 / 30,
        "non-bloc-eu": 1 / 30,
        "permanent-neutrality": 0,
      },
    });
    expect(infra).toEqual({
      issue: "nato-infrastructure",
      draws: 30,
      median: 36.69552691587596,
      p05: 14.781083691792237,
      p95: 61.431118490437605,
      optionProbabilities: {
        reinforce: 3 / 30,
        current: 21 / 30,
        "agreed-limits": 6 / 30,
        "rollback-1997": 0,
      },
    });
  });
});
