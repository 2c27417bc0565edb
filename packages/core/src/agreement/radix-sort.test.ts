import { describe, expect, it } from "vitest";
import { sortIndicesByKey } from "./radix-sort.js";
import { mulberry32 } from "./random-space.js";

describe("sortIndicesByKey", () => {
  it("orders indices like a comparator sort, negatives, zeros and ties included", () => {
    const r = mulberry32(3);
    const keys = Float64Array.from({ length: 5000 }, (_, i) =>
      i % 7 === 0 ? 0 : i % 11 === 0 ? -0 : (r() - 0.3) * 10 ** Math.floor(r() * 6 - 3),
    );
    const got = Array.from(sortIndicesByKey(keys), (i) => keys[i]! + 0);
    // "+ 0" turns −0 into 0: the radix order puts −0 first, a comparator sort treats them as equal.
    const want = Array.from(keys, (v) => v + 0).sort((a, b) => a - b);
    expect(got).toEqual(want);
  });
});
