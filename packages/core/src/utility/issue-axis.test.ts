import { describe, expect, it } from "vitest";
import { decimalPlaces, nearestGridIndex, numericGrid, snapToGrid } from "./issue-axis.js";

describe("numericGrid", () => {
  it("computes 0.1 steps in decimal, so the last point is exactly 0.3 (not 0.30000000000000004)", () => {
    const grid = numericGrid({ min: 0, max: 0.3, step: 0.1 });
    expect(grid).toEqual([0, 0.1, 0.2, 0.3]);
    expect(Object.is(grid[3], 0.3)).toBe(true);
  });
  it("without a step, splits the range into ten decimal steps: on 0–21, point 7 is exactly 14.7", () => {
    const grid = numericGrid({ min: 0, max: 21 });
    expect(grid).toHaveLength(11);
    expect(grid[7]).toBe(14.7);
    expect(grid.filter((x) => x <= 14.7)).toHaveLength(8);
  });
  it("appends max when the step does not divide the range", () => {
    expect(numericGrid({ min: 0, max: 10, step: 3 })).toEqual([0, 3, 6, 9, 10]);
    expect(numericGrid({ min: 1.5, max: 2, step: 1 })).toEqual([1.5, 2]);
  });
  it("keeps every point of a long decimal grid equal to the number as written", () => {
    const grid = numericGrid({ min: -1.25, max: 1.25, step: 0.05 });
    expect(grid).toHaveLength(51);
    grid.forEach((x, i) => {
      expect(x).toBe(Number(((-125 + 5 * i) / 100).toFixed(2)));
    });
  });
  it("falls back to floating point on a grid too fine for exact decimals, and snapping absorbs the rounding", () => {
    const step = 1 / 3; // 0.3333333333333333: 16 decimal places, 10^16 > 2^53
    const grid = numericGrid({ min: 0, max: 1000, step });
    expect(grid).toHaveLength(3001);
    expect(snapToGrid(grid, 2000 / 3)).toBe(grid[2000]);
    expect(snapToGrid(grid, 0.5)).toBe(0.5);
  });
});

describe("decimalPlaces", () => {
  it("reads the places of the shortest printed form, exponents included", () => {
    expect([0.1, 2.25, 2500, 1e-7, 1.5e-8, 3e21, -0.05].map(decimalPlaces)).toEqual([1, 2, 0, 7, 9, 0, 2]);
  });
});

describe("nearestGridIndex", () => {
  it("takes the nearest point, and the lower one halfway between two (0.15 on a 0.1 grid → 0.1)", () => {
    const grid = numericGrid({ min: 0, max: 0.3, step: 0.1 });
    expect(nearestGridIndex(grid, 0.15)).toBe(1);
    expect(nearestGridIndex(grid, 0.25)).toBe(2);
    expect(nearestGridIndex(grid, 0.26)).toBe(3);
  });
});
