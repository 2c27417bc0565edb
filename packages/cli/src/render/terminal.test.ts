import { describe, expect, it } from "vitest";
import { cells, detectWidth, fitText } from "./terminal.js";

describe("detectWidth", () => {
  it("takes the terminal's columns, else COLUMNS, else 80", () => {
    expect(detectWidth(132, { COLUMNS: "100" })).toBe(132);
    expect(detectWidth(undefined, { COLUMNS: "100" })).toBe(100);
    expect(detectWidth(undefined, { COLUMNS: "wide" })).toBe(80);
    expect(detectWidth(undefined, {})).toBe(80);
  });
});

describe("fitText", () => {
  it("wraps a long line with a hanging indent and leaves short ones alone", () => {
    const text = `short\n  ${"word ".repeat(20).trim()}`;
    const lines = fitText(text, 30).split("\n");
    expect(lines[0]).toBe("short");
    expect(lines[1]!.startsWith("  word")).toBe(true);
    expect(lines[2]!.startsWith("    word")).toBe(true);
    expect(Math.max(...lines.map(cells))).toBeLessThanOrEqual(30);
  });
});
