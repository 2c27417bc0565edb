import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseScenario } from "../model/parse.js";
import { forecastInputFromScenario } from "./forecast-input.js";
import type { ForecastModelName } from "./model-types.js";
import { type DrawBlock, monteCarlo, runDrawBlock } from "./monte-carlo.js";

// A frozen copy of scenarios/ukraine-security-guarantees.yaml (23 Nov 2026), so edits to the live
// scenario do not move these pins. Every expected value below was printed by the implementation at
// commit e8b48b6, before the Monte Carlo was optimised: the optimisation must not change one bit.
const path = new URL("./fixtures/ukraine-monte-carlo.yaml", import.meta.url);
const parsed = parseScenario(readFileSync(path, "utf8"), "ukraine-monte-carlo.yaml");
if (!parsed.ok) throw new Error("fixture scenario does not parse");
const input = forecastInputFromScenario(parsed.scenario);

/** FNV-1a (32-bit) over the raw bytes of a block: any change in any bit of any outcome changes it. */
function digest(b: DrawBlock): string {
  let h = 0x811c9dc5;
  for (const buf of [b.values, b.options]) {
    const bytes = new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
    for (const x of bytes) h = Math.imul(h ^ x, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, "0");
}

describe("Monte Carlo of the Ukraine scenario (pinned, seed 2026)", () => {
  it.each<[ForecastModelName, number, string]>([
    ["compromise", 16505997.542491646, "9abf4570"],
    ["median", 18067968.482910123, "b0b2a811"],
    ["nash", 16928352, "c8b5a1ba"],
    ["eu", 6793469.897702388, "ba00bfbf"],
    ["smp", 16765285.319145039, "ce3e181f"],
    ["ensemble", 15012214.64844983, "6da06b5a"],
  ])("draws 0–29 under %s give the same outcomes bit for bit", (model, sum, hash) => {
    const b = runDrawBlock(input, model, 2026, 0, 30);
    let s = 0;
    for (const v of b.values) if (!Number.isNaN(v)) s += v;
    expect(s).toBe(sum);
    expect(digest(b)).toBe(hash);
  });

  it("summarises 30 ensemble draws to the pinned medians, intervals and option shares", () => {
    const [nato, infra] = monteCarlo(input, "ensemble", 30, 2026);
    expect(nato).toEqual({
      issue: "nato-membership",
      draws: 30,
      median: 48.96012538253068,
      p05: 30.067550292848633,
      p95: 62.94869061453622,
      optionProbabilities: {
        member: 0,
        "open-door": 5 / 30,
        "not-in-settlement": 23 / 30,
        "non-bloc-eu": 2 / 30,
        "permanent-neutrality": 0,
      },
    });
    expect(infra).toEqual({
      issue: "nato-infrastructure",
      draws: 30,
      median: 41.650366858105095,
      p05: 22.143703817092184,
      p95: 61.49909163984399,
      optionProbabilities: {
        reinforce: 2 / 30,
        current: 20 / 30,
        "agreed-limits": 8 / 30,
        "rollback-1997": 0,
      },
    });
  });
});
