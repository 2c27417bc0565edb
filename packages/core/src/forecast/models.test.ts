import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Issue } from "../model/issue.js";
import { combineForecasts, ensembleModel, forecastModels } from "./ensemble.js";
import { runExpectedUtility } from "./expected-utility.js";
import type { ForecastInput, IssueSpec, Stake } from "./forecast-input.js";
import type { ForecastModelName } from "./model-types.js";
import { nashIssue } from "./nash.js";
import { runSmp } from "./smp.js";

const fiveOptions: Issue = {
  id: "i",
  name: "Issue",
  kind: "ordinal",
  options: ["a", "b", "c", "d", "e"].map((id) => ({ id, label: id })), // axis 0, 25, 50, 75, 100
};

function stake(actor: string, ideal: string | number, capability: number, salience = 1): Stake {
  return {
    actor,
    capability,
    capabilityConfidence: 1,
    salience,
    ideal,
    position: { actor, issue: "i", ideal, salience, source: "test", confidence: 1 },
  };
}

const spec = (stakes: Stake[], statusQuo?: string): IssueSpec =>
  statusQuo === undefined ? { issue: fiveOptions, stakes } : { issue: fiveOptions, stakes, statusQuo };
const input = (s: IssueSpec): ForecastInput => ({ issues: [s], batna: {} });
const models: ForecastModelName[] = ["compromise", "median", "nash", "eu", "smp", "ensemble"];
const forecastValue = (m: ForecastModelName, s: IssueSpec) => forecastModels[m].forecast(input(s))[0]!.value!;

describe("Nash bargaining, three actors worked by hand", () => {
  // Linear utilities on 0..100: u_a = 1 − x/100, u_e = x/100, u_c = 1 − |x − 50|/100; d = 0.
  it("picks the middle when bargaining power is equal", () => {
    // Products: x=25 → .75·.25·.75 = .141; x=50 → .5·.5·1 = .25; x=75 → .141; ends → 0.
    expect(nashIssue(spec([stake("A", "a", 1), stake("E", "e", 1), stake("C", "c", 1)])).outcome).toBe("c");
  });
  it("moves toward the actor with three times the weight", () => {
    // 3·ln u_a + ln u_e + ln u_c: x=25 → 4·ln .75 + ln .25 = −2.537; x=50 → 4·ln .5 = −2.773.
    expect(nashIssue(spec([stake("A", "a", 3), stake("E", "e", 1), stake("C", "c", 1)])).outcome).toBe("b");
  });
  it("keeps the status quo when it is some actor's ideal (nothing improves on it for that actor)", () => {
    // Status quo "a": A's disagreement utility is 1, so no point gives A a positive gain.
    const f = nashIssue(spec([stake("A", "a", 1), stake("E", "e", 1), stake("C", "c", 1)], "a"));
    expect(f.outcome).toBe("a");
    expect(f.note).toMatch(/status quo stands/);
  });
});

describe("expected-utility model, three actors worked by hand", () => {
  // A and B at 0 (capabilities 3, 1), C at 1 (capability 1), all saliences 1, Q = 1.
  // P(A beats C) = (3 + 1)/5 = 0.8. With r = 1, EU_i(j) = 2d(2P − 1): EU_A(C) = EU_B(C) = 1.2,
  // EU_C(A) = EU_C(B) = −1.2, so security S_A = S_B = −1.2, S_C = 2.4, R_A = R_B = −1 → r = 2,
  // R_C = 1 → r = 0.5. C weighs the offers with its own r = 0.5 (U_sq = 2 − 4·√½ = −0.8284):
  // EU_A(C) = 0.8·2 + 0.2·(−2) + 0.8284 = 2.0284 > 0 and EU_C(A) = 0.2·2 + 0.8·(−2) + 0.8284
  // = −0.3716: |−0.3716| < 2.0284, a compromise, so C moves 0.3716/2.0284 = 0.1832 of the way to 0.
  // A and B, with r = 2, see EU_C(A) = 0.2·2 + 0.8·(−2) − (2 − 4·¼) < 0: no offer to them.
  it("has C compromise toward A and B in round one", () => {
    const run = runExpectedUtility([0, 0, 1], [3, 1, 1], [1, 1, 1]);
    const usq = 2 - 4 * Math.sqrt(0.5);
    const share = -(-1.2 - usq) / (1.2 - usq); // |EU_C(A)| / EU_A(C)
    expect(run.rounds[1]![0]).toBe(0);
    expect(run.rounds[1]![1]).toBe(0);
    expect(run.rounds[1]![2]).toBeCloseTo(1 - share, 12);
  });
});

describe("SMP, three actors worked by hand", () => {
  // Positions 0, 50, 100, equal capability and salience: risk-neutral utilities u = 1 − |x − y|/100.
  // P(B > A) = 1/(1 + 0.5) = 2/3, P(A > C) = 1/2; condPCE: A ∝ ½·⅓·½ = 1/12, B ∝ ½·⅔·⅔ = 2/9,
  // C ∝ 1/12, normalised A = C = 3/14, B = 4/7. BigRRange Mid: R = (3p − (pMax + 2pMin)) / (2(pMax − pMin))
  // = (3p − 1)/(10/14) → A = C = −0.5, B = +1.
  const three = {
    dimensions: ["x"],
    actors: [0, 50, 100].map((p, i) => ({ id: `a${i}`, capability: 1, position: [p], salience: [1] })),
  };
  it("infers risk attitudes −0.5, +1, −0.5", () => {
    const r = runSmp(three).riskAttitudes[0]!;
    expect(r[0]).toBeCloseTo(-0.5, 12);
    expect(r[1]).toBeCloseTo(1, 12);
    expect(r[2]).toBeCloseTo(-0.5, 12);
  });
  it("mirrors its trajectory when the axis is reversed", () => {
    const a = runSmp(three);
    const b = runSmp({
      ...three,
      actors: three.actors.map((x) => ({ ...x, position: [100 - x.position[0]!] })),
    });
    expect(b.turns).toBe(a.turns);
    a.positions.at(-1)!.forEach((p, i) => {
      expect(b.positions.at(-1)![i]![0]).toBeCloseTo(100 - p[0]!, 6);
    });
  });
});

describe("ensemble", () => {
  it("averages the component values with equal weights", () => {
    // Five components at 0, 25, 50, 75, 100 with weight 1 each: (0 + 25 + 50 + 75 + 100) / 5 = 50 → "c".
    const s = spec([stake("A", "a", 1)]);
    const parts = [0, 25, 50, 75, 100].map((v) => ({
      weight: 1,
      forecasts: [{ issue: "i", model: "compromise" as const, value: v, outcome: "x" }],
    }));
    const [f] = combineForecasts(parts, input(s));
    expect(f!.value).toBe(50);
    expect(f!.outcome).toBe("c");
    // Every component reports outcome "x", so all the weight is on "x".
    expect(f!.optionShares).toEqual({ x: 1 });
  });
  it("gives a unanimous issue its ideal", () => {
    const s = spec([stake("A", "d", 1), stake("B", "d", 5), stake("C", "d", 2)]);
    expect(ensembleModel.forecast(input(s))[0]!.value).toBeCloseTo(75, 9);
  });
});

describe("compromise and median, three actors worked by hand", () => {
  // Ideals 0, 50, 100 with weights 1, 1, 2: mean (0 + 50 + 200)/4 = 62.5 → nearest option "c" (50);
  // median: cumulative weight 1, 2 (= half of 4) at 50 → midpoint of 50 and 100 = 75 → "d".
  const s = spec([stake("A", "a", 1), stake("C", "c", 1), stake("E", "e", 2)]);
  it("compromise is the weighted mean", () => {
    const [f] = forecastModels.compromise.forecast(input(s));
    expect(f!.value).toBe(62.5);
    expect(f!.outcome).toBe("c");
  });
  it("median is the weighted median", () => {
    const [f] = forecastModels.median.forecast(input(s));
    expect(f!.value).toBe(75);
    expect(f!.outcome).toBe("d");
  });
});

describe("properties every model must have", () => {
  const arbStakes = fc.array(
    fc.record({
      ideal: fc.constantFrom("a", "b", "c", "d", "e"),
      capability: fc.integer({ min: 1, max: 100 }),
      salience: fc.integer({ min: 1, max: 10 }).map((x) => x / 10),
    }),
    { minLength: 3, maxLength: 6 },
  );
  const build = (xs: Array<{ ideal: string; capability: number; salience: number }>) =>
    xs.map((x, i) => stake(`A${i}`, x.ideal, x.capability, x.salience));

  for (const m of models) {
    it(`${m}: unanimous actors get their position`, () => {
      fc.assert(
        fc.property(fc.constantFrom("a", "b", "c", "d", "e"), arbStakes, (ideal, xs) => {
          const s = spec(build(xs.map((x) => ({ ...x, ideal }))));
          expect(forecastModels[m].forecast(input(s))[0]!.outcome).toBe(ideal);
        }),
        { seed: 4, numRuns: 25 },
      );
    });

    it(`${m}: relabelling (reordering) the actors changes nothing`, () => {
      fc.assert(
        fc.property(arbStakes, (xs) => {
          const stakes = build(xs);
          const reversed = [...stakes].reverse();
          expect(forecastValue(m, spec(reversed))).toBeCloseTo(forecastValue(m, spec(stakes)), 6);
        }),
        { seed: 5, numRuns: 25 },
      );
    });

    it(`${m}: a dominant actor pulls the forecast to its ideal`, () => {
      fc.assert(
        fc.property(arbStakes, fc.constantFrom("a", "e"), (xs, ideal) => {
          const stakes = build(xs);
          const before = forecastValue(m, spec(stakes));
          const dominant = forecastValue(m, spec([...stakes, stake("Big", ideal, 10_000, 1)]));
          const target = ideal === "a" ? 0 : 100;
          expect(Math.abs(dominant - target)).toBeLessThanOrEqual(Math.abs(before - target) + 1e-9);
          // Within one option of it: Nash never picks a point worth 0 to someone (ln 0 = −∞).
          expect(Math.abs(dominant - target)).toBeLessThanOrEqual(25);
        }),
        { seed: 6, numRuns: 20 },
      );
    });
  }
});
