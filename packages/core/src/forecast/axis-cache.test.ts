import { describe, expect, it } from "vitest";
import type { Issue } from "../model/issue.js";
import { axisRange, axisValue, nearestOption } from "../utility/issue-axis.js";
import { axisInfo, axisOf, nearestOf } from "./axis-cache.js";

const ordinal: Issue = {
  id: "o",
  name: "o",
  kind: "ordinal",
  options: [
    { id: "a", label: "a", value: 0 },
    { id: "b", label: "b", value: 30 },
    { id: "c", label: "c" },
    { id: "d", label: "d", value: 90 },
  ],
};
const numeric: Issue = { id: "n", name: "n", kind: "numeric", unit: "u", min: 10, max: 30 };

describe("axis cache agrees with the utility helpers it caches", () => {
  it("has the same range and option values", () => {
    expect([axisInfo(ordinal).lo, axisInfo(ordinal).hi]).toEqual(axisRange(ordinal));
    expect([axisInfo(numeric).lo, axisInfo(numeric).hi]).toEqual(axisRange(numeric));
    for (const id of ["a", "b", "c", "d", "zz"]) expect(axisOf(ordinal, id)).toEqual(axisValue(ordinal, id));
    expect(axisOf(numeric, 12.5)).toBe(axisValue(numeric, 12.5));
  });
  it("snaps to the same nearest option, ties to the lower one", () => {
    for (let x = -10; x <= 110; x += 0.5) expect(nearestOf(ordinal, x)).toBe(nearestOption(ordinal, x));
  });
});
