import { describe, expect, it } from "vitest";
import { cells } from "./terminal.js";
import { fitColumns, num, textTable } from "./text-table.js";

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

describe("textTable within a width", () => {
  const rows = [
    ["Russian Federation", "Permanent neutrality in the constitution", "1"],
    ["Ukraine", "NATO membership", "0.8"],
  ];
  it("wraps cells at word boundaries so that no line is wider than asked", () => {
    const t = textTable(["actor", "ideal", "salience"], rows, "  ", { width: 40 });
    const lines = t.split("\n");
    expect(Math.max(...lines.map(cells))).toBeLessThanOrEqual(40);
    // Words stay whole: "constitution" is on a line of its own within the ideal column.
    expect(lines.some((l) => l.includes("constitution"))).toBe(true);
    expect(t).not.toMatch(/Permanen\s/);
  });
  it("becomes one block per row when even the narrowest columns cannot fit", () => {
    const t = textTable(["actor", "ideal", "salience"], rows, "  ", { width: 24 });
    expect(t.split("\n").slice(0, 5)).toEqual([
      "  Russian Federation",
      "    ideal: Permanent",
      "      neutrality in the",
      "      constitution",
      "    salience: 1",
    ]);
    expect(Math.max(...t.split("\n").map(cells))).toBeLessThanOrEqual(24);
  });
  it("measures wide characters as two cells", () => {
    const t = textTable(["名前", "x"], [["東京都", "1"]], "", { width: 80 });
    expect(t.split("\n")[0]).toBe("名前    x");
  });
  it("caps long tables with a count of the rows left out", () => {
    const many = Array.from({ length: 30 }, (_, i) => [`a${i}`, "x"]);
    const t = textTable(["id", "v"], many, "  ", { limit: 5 }).split("\n");
    expect(t).toHaveLength(2 + 5 + 1);
    expect(t.at(-1)).toBe("  …and 25 more (--all shows every one)");
  });
});

describe("fitColumns", () => {
  it("narrows only the widest columns, to one common width", () => {
    expect(fitColumns([4, 30, 50], 40)).toEqual([4, 18, 18]);
  });
  it("gives up when the minimum widths exceed the room", () => {
    expect(fitColumns([10, 10], 15, [10, 10])).toBeUndefined();
  });
});
