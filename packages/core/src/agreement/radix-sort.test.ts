import { describe, expect, it } from "vitest";
import { sortIndicesByKey } from "./radix-sort.js";
import { mulberry32 } from "./random-space.js";

describe("sortIndicesByKey", () => {
  it("orders indices like a comparator sort, negatives, zeros and ties included", () => {
    const r = mulberry32(3);
    const keys = Float64Array.from({ length: 5000 }, (_, i) =>
      i % 7 === 0 ? 0 : i % 11 === 0 ? -0 : (r() - 0.3) * 10 ** Math.floor(r() * 6 - 3),
    );
    const got = Array.from(sortIndicesByKey(keys), (i) => keys[i]!);
    const want = Array.from(keys).sort((a, b) => a - b);
    expect(got).toEqual(
      want.map((v) => (Object.is(v, -0) ? -0 : v)).map((v, i) => (got[i] === 0 && v === 0 ? got[i] : v)),
    );
  });
});
