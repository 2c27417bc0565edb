import { describe, expect, it } from "vitest";
import type { Issue } from "../model/issue.js";
import type { Scenario } from "../model/scenario.js";
import { issuePoints } from "../utility/issue-axis.js";
import { disclosureView, tightenRedLine } from "./disclosure-grid.js";

const numeric = (max: number, step?: number): Issue =>
  ({ id: "n", name: "N", kind: "numeric", unit: "u", min: 0, max, ...(step ? { step } : {}) }) as Issue;
const ordinal = (k: number): Issue =>
  ({
    id: "o",
    name: "O",
    kind: "ordinal",
    options: Array.from({ length: k }, (_, i) => ({ id: `o${i}`, label: `o${i}` })),
  }) as Issue;

describe("red lines tightened to the disclosure grid", () => {
  it("moves a cut-off to the grid value beyond it, inwards (the docs' examples)", () => {
    // Quarter points of 0–1,000,000: 250,000, 500,000, 750,000.
    expect(tightenRedLine(numeric(1_000_000), { atLeast: 612_000 })).toEqual({ atLeast: 750_000 });
    expect(tightenRedLine(numeric(1_000_000), { atMost: 612_000 })).toEqual({ atMost: 500_000 });
    expect(tightenRedLine(numeric(1_000_000), { atLeast: 500_000 })).toEqual({ atLeast: 500_000 });
    // 7 options: grid {0, 2, 4, 6}.
    expect(tightenRedLine(ordinal(7), { atMost: "o3" })).toEqual({ atMost: "o2" });
    expect(tightenRedLine(ordinal(7), { atLeast: "o3" })).toEqual({ atLeast: "o4" });
    expect(tightenRedLine(ordinal(7), { reject: ["o1"], atLeast: "o1" })).toEqual({
      reject: ["o1"],
      atLeast: "o2",
    });
  });

  it("gives every cut-off inside one grid cell the same tightened line", () => {
    const lines = Array.from(
      { length: 26 },
      (_, i) => tightenRedLine(numeric(100), { atLeast: 25 + i }).atLeast,
    );
    expect(new Set(lines.slice(1, 26))).toEqual(new Set([50])); // 26..50 → 50
    expect(lines[0]).toBe(25);
  });

  it("searches numeric issues at a step that holds the quarter points when that at most doubles the points", () => {
    const view = (iss: Issue) =>
      disclosureView({ issues: [iss], positions: [], actors: [] } as unknown as Scenario, []).issues[0]!;
    expect(issuePoints(view(numeric(100)))).toEqual(Array.from({ length: 21 }, (_, i) => i * 5));
    expect(issuePoints(view(numeric(1_000_000, 50_000))).length).toBe(21); // 20 cells: own step
    expect(issuePoints(view(numeric(300_000, 10_000))).length).toBe(61); // 30 cells → 60
    expect(issuePoints(view(numeric(2_500, 100))).length).toBe(26); // 25 cells would need 100: own step
  });
});
