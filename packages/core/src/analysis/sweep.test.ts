import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseScenario } from "../model/parse.js";
import { applySweepParameter, parseSweepParameter, runSweep, SweepError } from "./sweep.js";

// small.yaml plus three guarantors (g1, g2, g3) and a two-of-three mechanism with stated support
// against A: the activation probability is P(at least two of three back a response).
const base = readFileSync(new URL("../model/fixtures/small.yaml", import.meta.url), "utf8");
const guarantor = (id: string) =>
  `  - { id: ${id}, name: ${id}, kind: state, roles: [guarantor], capability: { value: 1, source: test, confidence: 1 } }\n`;
const support = (g: string, p: number) =>
  `      - { guarantor: ${g}, against: A, probability: ${p}, source: test, confidence: 1 }\n`;
const text = `${base.replace("issues:\n", `${guarantor("g1")}${guarantor("g2")}${guarantor("g3")}issues:\n`)}
mechanisms:
  - id: two-of-three
    name: Two of three
    guarantors: [g1, g2, g3]
    rule: { type: k-of-n, k: 2 }
    accusedVote: abstains
    consultationHours: 72
    support:
${support("g1", 0.3)}${support("g2", 0.5)}${support("g3", 0.8)}`;
const parsed = parseScenario(text, "sweep.yaml");
if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
const scenario = parsed.scenario;

/** P(at least k of the independent events happen), by enumerating every outcome. */
function atLeast(k: number, p: number[]): number {
  let total = 0;
  for (let mask = 0; mask < 1 << p.length; mask++) {
    let pr = 1;
    let n = 0;
    p.forEach((q, i) => {
      const yes = (mask >> i) & 1;
      n += yes;
      pr *= yes ? q : 1 - q;
    });
    if (n >= k) total += pr;
  }
  return total;
}

describe("runSweep", () => {
  it("re-runs the guarantees analysis over a guarantor's support, matching a brute-force enumeration", () => {
    const values = [0, 0.25, 0.5, 1];
    const r = runSweep(scenario, { axes: [{ parameter: "support:g1:A", values }] });
    expect(r.provenance.options.sections).toEqual(["guarantees"]);
    expect(r.points.map((p) => p.at)).toEqual(values.map((v) => [v]));
    r.points.forEach((p, i) => {
      expect(p.metrics["guarantees.two-of-three.A"]).toBeCloseTo(atLeast(2, [values[i]!, 0.5, 0.8]), 12);
    });
  });

  it("runs a two-parameter grid, first axis outer", () => {
    const r = runSweep(scenario, {
      axes: [
        { parameter: "support:g1:A", values: [0, 1] },
        { parameter: "support:g2", values: [0, 1] },
      ],
    });
    expect(r.points.map((p) => p.at)).toEqual([
      [0, 0],
      [0, 1],
      [1, 0],
      [1, 1],
    ]);
    expect(r.points.map((p) => p.metrics["guarantees.two-of-three.A"])).toEqual([0, 0.8, 0.8, 1]);
  });

  it("moves the forecast with an actor's salience (sections chosen by the parameter)", () => {
    const r = runSweep(scenario, { axes: [{ parameter: "salience:A:ceiling", values: [0.01, 1] }] });
    expect(r.provenance.options.sections).toEqual(["forecast", "agreement"]);
    expect(r.metrics).toContain("forecast.ceiling");
    expect(r.metrics).toContain("agreement.lower");
    // A's ideal is 90: more salience pulls the ceiling's forecast up.
    const at = r.points.map((p) => Number(p.metrics["forecast.ceiling"]));
    expect(at[1]!).toBeGreaterThan(at[0]!);
  });

  it("refuses a parameter naming nothing, or a value out of range, before running anything", () => {
    expect(() => runSweep(scenario, { axes: [{ parameter: "support:zz", values: [0] }] })).toThrow(
      /no actor 'zz'/,
    );
    expect(() => runSweep(scenario, { axes: [{ parameter: "salience:A", values: [0.5, 1.5] }] })).toThrow(
      new SweepError("axes[0].values[1]", "salience must be a number from 0 to 1, got 1.5"),
    );
    expect(() => parseSweepParameter("weight:A")).toThrow(SweepError);
  });

  it("changes only what the parameter names", () => {
    const s = applySweepParameter(scenario, { kind: "capability", actor: "B" }, 7);
    expect(s.actors.map((a) => a.capability.value)).toEqual([3, 7, 2, 1, 1, 1]);
    expect(scenario.actors[1]!.capability.value).toBe(1);
  });
});
