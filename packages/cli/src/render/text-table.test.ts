import { describe, expect, it } from "vitest";
import { num, textTable } from "./text-table.js";

describe("num", () => {
  it("groups thousands and drops trailing zeros", () => {
    expect(num(1234567.5)).toBe("1,234,567.5");
    expect(num(85000, 0)).toBe("85,000");
    expect(num(0.25)).toBe("0.25");
    expect(num(2)).toBe("2");
  });
  it("rounds to the requested digits and keeps the sign", () => {
    expect(num(-1234.5678, 1)).toBe("-1,234.6");
    expect(num(-0.001)).toBe("0");
  });
  it("shows a dash for missing numbers", () => {
    expect(num(null)).toBe("–");
    expect(num(Number.NaN)).toBe("–");
  });
});

describe("textTable", () => {
  it("pads columns to the widest visible cell, ignoring colour codes", () => {
    const t = textTable(["a", "b"], [["\u001b[31mred\u001b[39m", "x"]], "");
    expect(t.split("\n")[0]).toBe("a    b");
    expect(t.split("\n")[2]).toBe("\u001b[31mred\u001b[39m  x");
  });
});
