import { describe, expect, it } from "vitest";
import { percentChange } from "./percent-change.js";

describe("percentChange", () => {
  it("shows whole percents for large changes", () => {
    expect(percentChange(1.43)).toBe("143%");
    expect(percentChange(0.1)).toBe("10%");
  });
  it("keeps one decimal below 9.5%, so a half-percent rise is not shown as 0%", () => {
    // 0.45%: the rise of the Nash product Istanbul 2022's one binding red line would bring.
    expect(percentChange(0.0045083)).toBe("0.5%");
    expect(percentChange(0.04)).toBe("4.0%");
  });
  it("says 'less than 0.1%' for a change too small to show, and 0% only for none", () => {
    expect(percentChange(0.0004)).toBe("less than 0.1%");
    expect(percentChange(0)).toBe("0%");
  });
});
