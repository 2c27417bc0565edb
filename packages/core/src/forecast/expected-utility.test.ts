import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Issue } from "../model/issue.js";
import { weightedMean, weightedMedian } from "./baseline.js";
import { euIssue, runExpectedUtility } from "./expected-utility.js";
import type { IssueSpec, Stake } from "./forecast-input.js";

const stake = (actor: string, ideal: number, capability: number, salience: number): Stake => ({
  actor,
  capability,
  capabilityConfidence: 1,
  salience,
  ideal,
  position: { actor, issue: "i", ideal, salience, source: "test", confidence: 1 },
});

const numeric = (min: number, max: number): Issue => ({
  id: "i",
  name: "i",
  kind: "numeric",
  unit: "u",
  min,
  max,
});

/**
 * A straightforward transcription of one round of Scholz, Calbert & Smith (2011), written apart
 * from the engine: eqs. for P, U_s, U_f, U_sq (Q = 1), the risk exponents from the security
 * levels, and each actor's choice among the offers it receives (conflict lost, then compromise,
 * then capitulation; the least move within a class), every expected utility seen by the actor
 * deciding. Positions on 0..1 (shares of the span of positions).
 */
function referenceRound(x: number[], c: number[], s: number[]): number[] {
  const n = x.length;
  const w = c.map((ci, i) => ci * s[i]!);
  const P = (i: number, j: number) => {
    let forI = 0;
    let all = 0;
    for (let k = 0; k < n; k++) {
      const v = w[k]! * (Math.abs(x[k]! - x[j]!) - Math.abs(x[k]! - x[i]!));
      if (v > 0) forI += v;
      all += Math.abs(v);
    }
    return all > 0 ? forI / all : 0.5;
  };
  const eu = (i: number, j: number, r: number) => {
    const d = Math.abs(x[i]! - x[j]!);
    const us = 2 - 4 * (0.5 - 0.5 * d) ** r;
    const uf = 2 - 4 * (0.5 + 0.5 * d) ** r;
    const usq = 2 - 4 * 0.5 ** r;
    return s[j]! * (P(i, j) * us + (1 - P(i, j)) * uf) + (1 - s[j]!) * us - usq;
  };
  const security = x.map((_, k) => x.reduce((acc, _x, i) => (i === k ? acc : acc + eu(i, k, 1)), 0));
  const hi = Math.max(...security);
  const lo = Math.min(...security);
  const r = security.map((sk) => {
    const R = hi > lo ? (2 * sk - hi - lo) / (hi - lo) : 0;
    return (1 - R / 3) / (1 + R / 3);
  });
  return x.map((xj, j) => {
    const offers: Array<{ cls: number; to: number; gain: number }> = [];
    for (let i = 0; i < n; i++) {
      if (i === j) continue;
      const uj = eu(i, j, r[j]!);
      const ui = eu(j, i, r[j]!);
      if (!(uj > 0)) continue;
      if (ui > 0 && ui < uj) offers.push({ cls: 0, to: x[i]!, gain: uj });
      else if (ui < 0 && -ui < uj)
        offers.push({ cls: 1, to: xj + (x[i]! - xj) * Math.abs(ui / uj), gain: uj });
      else if (ui < 0) offers.push({ cls: 2, to: x[i]!, gain: uj });
    }
    offers.sort(
      (a, b) => a.cls - b.cls || Math.abs(a.to - xj) - Math.abs(b.to - xj) || b.gain - a.gain || a.to - b.to,
    );
    return offers[0]?.to ?? xj;
  });
}

describe("expected-utility model on Bueno de Mesquita's (1994) EC emissions example", () => {
  // Table 1 of Scholz, Calbert & Smith (2011), from Bueno de Mesquita (1994, p. 78): the year by
  // which emission standards for medium-sized cars should apply, as stated by each member state.
  const table1: Array<[string, number, number, number]> = [
    ["Netherlands", 0.08, 4, 0.8],
    ["Belgium", 0.08, 7, 0.4],
    ["Luxembourg", 0.03, 4, 0.2],
    ["Germany", 0.16, 4, 0.8],
    ["France", 0.16, 10, 0.6],
    ["Italy", 0.16, 10, 0.6],
    ["UK", 0.16, 10, 0.9],
    ["Ireland", 0.05, 7, 0.1],
    ["Denmark", 0.05, 4, 1.0],
    ["Greece", 0.08, 7, 0.7],
  ];
  const xs = table1.map((a) => a[2]);
  const cs = table1.map((a) => a[1]);
  const ss = table1.map((a) => a[3]);
  const ws = cs.map((c, i) => c * ss[i]!);

  it("starts from the median voter at 7 years and the weighted mean at 7.39 (arithmetic of Table 1)", () => {
    expect(weightedMedian(xs, ws)).toBe(7);
    // (4·0.248 + 7·0.093 + 10·0.336) / 0.677
    expect(weightedMean(xs, ws)).toBeCloseTo(5.003 / 0.677, 10);
  });

  it("plays each round as a transcription of the paper's equations does", () => {
    const run = runExpectedUtility(
      xs.map((x) => (x - 4) / 6),
      cs,
      ss,
    );
    let x = xs.map((v) => (v - 4) / 6);
    for (let round = 1; round < Math.min(run.rounds.length, 6); round++) {
      x = referenceRound(x, cs, ss);
      run.rounds[round]!.forEach((v, k) => {
        expect(v).toBeCloseTo(x[k]!, 9);
      });
    }
    expect(run.rounds.length).toBeGreaterThan(2);
  });

  it("forecasts within the range of the stated positions, in years", () => {
    const spec: IssueSpec = {
      issue: numeric(0, 20),
      stakes: table1.map(([name, c, x, s]) => stake(name, x, c, s)),
    };
    const f = euIssue(spec);
    expect(f.value).toBeGreaterThanOrEqual(4);
    expect(f.value).toBeLessThanOrEqual(10);
    // The trajectory is in the issue's units: round 0 holds the stated years.
    expect(f.trajectory!.rounds[0]).toEqual(xs);
  });
});

describe("expected-utility model: the axis's ends", () => {
  it("do not change the forecast beyond the positions actors hold (any margins, any scale offset)", () => {
    const arbStake = fc.record({
      x: fc.integer({ min: 0, max: 1000 }),
      c: fc.integer({ min: 1, max: 100 }),
      s: fc.integer({ min: 1, max: 100 }),
    });
    fc.assert(
      fc.property(
        fc.array(arbStake, { minLength: 2, maxLength: 12 }),
        fc.integer({ min: 0, max: 500 }),
        fc.integer({ min: 0, max: 500 }),
        (raw, below, above) => {
          const stakes = raw.map((a, i) => stake(`a${i}`, a.x, a.c, a.s / 100));
          const lo = Math.min(...raw.map((a) => a.x));
          const hi = Math.max(...raw.map((a) => a.x));
          const tight = euIssue({ issue: numeric(lo, hi === lo ? lo + 1 : hi), stakes }).value!;
          const wide = euIssue({ issue: numeric(lo - below, hi + above + 1), stakes }).value!;
          expect(wide).toBe(tight);
        },
      ),
      { seed: 16, numRuns: 200 },
    );
  });
});
