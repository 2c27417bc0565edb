import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { Issue } from "../model/issue.js";
import { backtestCases, type Learner, nestedCrossValidation } from "./backtest.js";
import { compromiseModel } from "./baseline-models.js";
import { parseDeu } from "./deu.js";
import { deuToScenarios } from "./deu-scenario.js";
import type { IssueSpec, Stake } from "./forecast-input.js";
import {
  fitInfluenceAverage,
  fitInfluenceModel,
  fitInfluenceTheta,
  gridFitter,
  influenceData,
  influenceForecast,
  influenceLearner,
  lbfgs,
  predictInfluence,
} from "./influence.js";
import { influenceModelWith } from "./influence-model.js";
import { INFLUENCE_FITS } from "./influence-weights.js";

const axis: Issue = { id: "i", name: "i", kind: "numeric", unit: "", min: 0, max: 100 } as Issue;
const stake = (actor: string, capability: number, salience: number, ideal: number) =>
  ({ actor, capability, capabilityConfidence: 1, salience, ideal, position: {} }) as unknown as Stake;
const spec = (...stakes: Stake[]): IssueSpec => ({ issue: axis, stakes });

describe("influence model", () => {
  it("weighs each position by capability^a × salience^b × the actor's multiplier (hand-computed)", () => {
    const s = spec(stake("a", 4, 1, 0), stake("b", 1, 0.25, 100), stake("c", 9, 0.04, 50));
    const fit = {
      settings: { lambda: 0, capabilityExponent: 0.5, salienceExponent: 0.5 },
      multipliers: { a: 0.5, b: 3 },
    };
    // Weights: a √4·√1·0.5 = 1; b √1·√0.25·3 = 1.5; c √9·√0.04·1 (unseen) = 0.6.
    // (1·0 + 1.5·100 + 0.6·50) / 3.1 = 180 / 3.1.
    expect(influenceForecast(s, fit)).toBeCloseTo(180 / 3.1, 12);
    expect(influenceForecast(spec(stake("a", 4, 0, 10)), fit)).toBeNull();
  });

  it("is the compromise model with every multiplier 1 and a = b = 1", () => {
    const s = spec(stake("a", 4, 0.5, 10), stake("b", 1, 0.9, 80), stake("c", 2, 0.3, 55));
    const m = influenceModelWith([
      { settings: { lambda: 0, capabilityExponent: 1, salienceExponent: 1 }, multipliers: {} },
    ]);
    const input = { issues: [s], batna: {} };
    expect(m.forecast(input)[0]!.value).toBeCloseTo(compromiseModel.forecast(input)[0]!.value!, 12);
  });

  it("fits the multipliers a brute-force grid search finds (smoothed absolute error + ridge)", () => {
    // Three issues, two actors; the outcomes sit nearer A than the compromise model says.
    const specs = [
      spec(stake("A", 1, 1, 0), stake("B", 1, 1, 100)),
      spec(stake("A", 1, 1, 20), stake("B", 2, 1, 80)),
      spec(stake("A", 1, 1, 100), stake("B", 1, 1, 40)),
    ];
    const outcome = [30, 45, 80];
    const settings = { lambda: 0.05, capabilityExponent: 1, salienceExponent: 1 };
    // Independent loss: mean of √(e² + 1) − 1 plus λ Σ θ².
    const loss = (ta: number, tb: number) => {
      let l = 0;
      specs.forEach((s, i) => {
        const [a, b] = s.stakes;
        const wa = a!.capability * Math.exp(ta);
        const wb = b!.capability * Math.exp(tb);
        const p = (wa * (a!.ideal as number) + wb * (b!.ideal as number)) / (wa + wb);
        l += Math.sqrt((p - outcome[i]!) ** 2 + 1) - 1;
      });
      return l / 3 + settings.lambda * (ta * ta + tb * tb);
    };
    let best = { ta: 0, tb: 0, l: Number.POSITIVE_INFINITY };
    for (let ta = -3; ta <= 3; ta += 0.01)
      for (let tb = -3; tb <= 3; tb += 0.01) {
        const l = loss(ta, tb);
        if (l < best.l) best = { ta, tb, l };
      }
    const d = influenceData(specs);
    const theta = fitInfluenceTheta(d, outcome, [0, 1, 2], settings);
    expect(loss(theta[0]!, theta[1]!)).toBeLessThanOrEqual(best.l + 1e-9);
    expect(theta[0]!).toBeCloseTo(best.ta, 1);
    expect(theta[1]!).toBeCloseTo(best.tb, 1);
    // And the forecast is the weighted mean under those multipliers.
    const p = predictInfluence(d, theta, settings, [1]);
    const wa = Math.exp(theta[0]!);
    const wb = 2 * Math.exp(theta[1]!);
    expect(p[0]).toBeCloseTo((wa * 20 + wb * 80) / (wa + wb), 12);
  });

  it("finds the minimum of a smooth convex function (Σ (x−c)⁴ + (x−c)² + a coupling term) with L-BFGS", () => {
    const c = [3, -2, 0.5, 10];
    const x = lbfgs((v, g) => {
      let f = 0;
      for (let i = 0; i < c.length; i++) {
        const e = v[i]! - c[i]!;
        f += e ** 4 + e * e;
        g[i] = 4 * e ** 3 + 2 * e;
      }
      // (x0 − c0 − x1 + c1)² couples two coordinates; it is 0 at x = c too.
      const k = v[0]! - c[0]! - v[1]! + c[1]!;
      f += k * k;
      g[0] = g[0]! + 2 * k;
      g[1] = g[1]! - 2 * k;
      return f;
    }, new Float64Array(c.length));
    c.forEach((ci, i) => {
      expect(x[i]).toBeCloseTo(ci, 3);
    });
  });
});

describe("cross-validation cannot leak", () => {
  const n = 30;
  const specs = Array.from({ length: n }, (_, i) =>
    spec(stake("A", 1, 1, (i * 37) % 100), stake("B", 2, 0.5, (i * 61) % 100), stake("C", 1, 0.8, 50)),
  );
  const outcome = Float64Array.from({ length: n }, (_, i) => (i * 53) % 100);

  it("hands a learner the outcomes of its training rows only: every test row is NaN", () => {
    const seen: Array<{ test: readonly number[]; train: readonly number[]; outcome: Float64Array }> = [];
    const spy: Learner = {
      name: "spy",
      description: "",
      fitPredict(o, train, test) {
        seen.push({ test, train, outcome: o.slice() });
        return { predictions: new Float64Array(test.length).fill(50), chosen: "" };
      },
    };
    nestedCrossValidation([], outcome, { outerFolds: 5, innerFolds: 3 }, [spy]);
    // 5 outer fits, and 5 × 3 inner ones for "selected".
    expect(seen).toHaveLength(20);
    for (const s of seen) {
      for (const i of s.test) expect(s.outcome[i]).toBeNaN();
      for (const i of s.train) expect(s.outcome[i]).toBe(outcome[i]);
      const known = Array.from(s.outcome).filter((x) => !Number.isNaN(x)).length;
      expect(known).toBe(s.train.length);
    }
  });

  it("remembers a grid's fits by training set and outcomes, and refits when an outcome differs", () => {
    const d = influenceData(specs);
    const fit = gridFitter(d);
    const train = [0, 1, 2, 3, 4, 5, 6, 7];
    const a = fit(outcome, train);
    expect(fit(Float64Array.from(outcome), train)).toBe(a);
    expect(Array.from(a[3]!)).toEqual(Array.from(fitInfluenceAverage(d, outcome, train)[3]!));
    const changed = Float64Array.from(outcome);
    changed[2] = changed[2]! + 1;
    expect(fit(changed, train)).not.toBe(a);
  });

  it("gives the influence learner's forecasts whatever the held-out rows' outcomes are", () => {
    const d = influenceData(specs);
    const learner = influenceLearner(d);
    const train = Array.from({ length: 20 }, (_, i) => i);
    const test = Array.from({ length: 10 }, (_, i) => 20 + i);
    const masked = Float64Array.from(outcome, (x, i) => (i < 20 ? x : Number.NaN));
    const garbage = Float64Array.from(outcome, (x, i) => (i < 20 ? x : 1e6));
    const a = learner.fitPredict(masked, train, test, 1).predictions;
    expect(Array.from(a).every(Number.isFinite)).toBe(true);
    expect(Array.from(learner.fitPredict(garbage, train, test, 1).predictions)).toEqual(Array.from(a));
  });
});

// The shipped multipliers are a fit on DEU III's dev half alone; refitting gives them back.
const deu =
  process.env.DEU3_DEV ??
  fileURLToPath(new URL("../../../../../shared/data/deu3/deu3-dev.tsv", import.meta.url));

describe.skipIf(!existsSync(deu))("shipped influence fits", () => {
  it("equal a fit on the usable issues of deu3-dev.tsv (scripts/fit-influence.ts)", () => {
    const r = parseDeu(readFileSync(deu, "utf8"));
    if (!r.ok) throw new Error("cannot read DEU");
    const cases = deuToScenarios(r.issues, "deu3-dev.tsv").flatMap((s) => backtestCases(s).cases);
    expect(cases).toHaveLength(172);
    const fits = fitInfluenceModel(
      cases.map((c) => c.spec),
      cases.map((c) => c.outcome),
    );
    expect(fits.map((f) => f.settings)).toEqual(INFLUENCE_FITS.map((f) => f.settings));
    fits.forEach((f, k) => {
      for (const [actor, m] of Object.entries(f.multipliers))
        expect(Math.abs(m / INFLUENCE_FITS[k]!.multipliers[actor]! - 1)).toBeLessThan(1e-5);
    });
  });
});
