import { describe, expect, it } from "vitest";
import { evaluateCompliance } from "./evaluate.js";
import { ev, testAgreement, Z } from "./fixtures/test-agreement.js";
import { type TrustEvidence, trustAt, trustEvidence, trustSeries } from "./trust.js";

const t0 = Z("2015-03-01T00:00Z");
const DAY = 86_400_000;
const e = (score: number, at = t0, weight = 1): TrustEvidence => ({
  party: "ru",
  at,
  score,
  weight,
  commitment: "c",
});

describe("trustAt", () => {
  it("is 0.5 with no record", () => {
    expect(trustAt([], "ru", t0)).toBe(0.5);
  });

  it("follows the Beta mean by hand: one success (1+1)/(2+1), plus one breach (1+1)/(2+2)", () => {
    expect(trustAt([e(1)], "ru", t0)).toBeCloseTo(2 / 3, 12);
    expect(trustAt([e(1), e(0)], "ru", t0)).toBeCloseTo(0.5, 12);
  });

  it("halves the weight of a breach one half-life old: (1+0)/(2+0.5) = 0.4", () => {
    expect(trustAt([e(0, t0 - 180 * DAY)], "ru", t0)).toBeCloseTo(0.4, 12);
    expect(trustAt([e(0, t0 - 90 * DAY)], "ru", t0, { halfLifeDays: 90 })).toBeCloseTo(0.4, 12);
  });

  it("ignores evidence after the moment asked about and other parties' record", () => {
    expect(trustAt([e(0, t0 + DAY), { ...e(0), party: "ua" }], "ru", t0)).toBe(0.5);
  });
});

describe("trustEvidence", () => {
  it("scores a late verification 0.5 and the missed deadline 0", () => {
    // Pullback is due 2015-03-02T22:00Z; verified on 5 March: overdue (0) then verified late (0.5).
    const late = ev({
      kind: "report",
      type: "withdrawal-verified",
      time: "2015-03-05T08:00Z",
      metric: "heavy-weapons-in-zone",
      party: "ru",
      confidence: 0.9,
    });
    const r = evaluateCompliance(testAgreement, [late], Z("2015-03-06T00:00Z"));
    expect(trustEvidence(testAgreement, r.changes).map((x) => [x.commitment, x.score])).toEqual([
      ["pullback", 0],
      ["pullback", 0.5],
    ]);
  });

  it("gives a chart series per obligor", () => {
    const r = evaluateCompliance(testAgreement, [], Z("2015-03-06T00:00Z"));
    const s = trustSeries(testAgreement, r, [Z("2015-03-01T00:00Z"), Z("2015-03-06T00:00Z")]);
    expect(s.map((x) => x.party)).toEqual(["ru", "ua"]);
    // ru: pullback overdue on 2 Mar 22:00Z → one failure 3.08 days old by 6 Mar: 1 / (2 + 2^(-3.083/180)).
    const age = (Z("2015-03-06T00:00Z") - Z("2015-03-02T22:00Z")) / DAY;
    expect(s[0]!.points[1]!.trust).toBeCloseTo(1 / (2 + 2 ** (-age / 180)), 12);
    expect(s[0]!.points[0]!.trust).toBe(0.5);
  });
});
