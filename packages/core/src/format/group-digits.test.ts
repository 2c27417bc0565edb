import { describe, expect, it } from "vitest";
import { groupDigits } from "./group-digits.js";

describe("groupDigits", () => {
  // The oracle is the platform's own en-GB formatting, which this function replaces for speed.
  const cases = [
    0,
    1,
    12,
    999,
    1000,
    1234,
    99999,
    100000,
    1234567,
    17073085,
    3.6e15 - 1,
    0.5,
    1234.5678,
    2.0004,
    85000,
    -1,
    -1234.5,
    -0.0001,
    42.1,
    Number.MAX_SAFE_INTEGER,
  ];
  it.each(cases)("writes %d as en-GB does", (x) => {
    expect(groupDigits(x)).toBe(x.toLocaleString("en-GB"));
  });
  it("keeps non-finite values readable", () => {
    expect(groupDigits(Number.NaN)).toBe("NaN");
    expect(groupDigits(Number.POSITIVE_INFINITY)).toBe("Infinity");
  });
});
