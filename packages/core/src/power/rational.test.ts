import { describe, expect, it } from "vitest";
import {
  addRational,
  ceilRational,
  compareRational,
  divRational,
  formatRational,
  mulRational,
  rational,
  rationalFromDecimal,
  rationalToNumber,
  subRational,
} from "./rational.js";

describe("rational", () => {
  it("keeps lowest terms with a positive denominator", () => {
    expect(rational(6, -4)).toEqual({ num: -3n, den: 2n });
  });
  it("adds, subtracts, multiplies and divides exactly (1/3 + 1/6 = 1/2 by hand)", () => {
    const third = rational(1, 3);
    const sixth = rational(1, 6);
    expect(formatRational(addRational(third, sixth))).toBe("1/2");
    expect(formatRational(subRational(third, sixth))).toBe("1/6");
    expect(formatRational(mulRational(third, sixth))).toBe("1/18");
    expect(formatRational(divRational(third, sixth))).toBe("2");
  });
  it("reads decimals as written: 0.65 is 13/20, 1e-7 is 1/10000000", () => {
    expect(rationalFromDecimal(0.65)).toEqual({ num: 13n, den: 20n });
    expect(rationalFromDecimal(1e-7)).toEqual({ num: 1n, den: 10000000n });
    expect(rationalFromDecimal(72)).toEqual({ num: 72n, den: 1n });
  });
  it("rounds up with ceilRational, including negatives", () => {
    expect(ceilRational(rational(27 * 55, 100))).toBe(15n); // 14.85 → 15 (EU Council member threshold)
    expect(ceilRational(rational(-3, 2))).toBe(-1n);
    expect(ceilRational(rational(4, 2))).toBe(2n);
  });
  it("compares and converts numerators beyond 2^1000 without overflow", () => {
    const big = rational(2n ** 1200n, 3n * 2n ** 1199n);
    expect(rationalToNumber(big)).toBeCloseTo(2 / 3, 12);
    expect(compareRational(rational(1, 3), rational(1, 2))).toBe(-1);
  });
});
