import { describe, expect, it } from "vitest";
import { formatCount, formatIssue, formatTime, packageRows, valueLabel } from "./format.js";
import { loadScenario } from "./test-scenarios.js";

const small = loadScenario("packages/core/src/model/fixtures/small.yaml");

describe("formatIssue", () => {
  it("puts line and column first when the API gives them", () => {
    expect(formatIssue({ path: "actors[2].kind", message: "bad", line: 17, column: 11 })).toBe(
      "line 17, column 11 · actors[2].kind: bad",
    );
  });
  it("shows only path and message for request-body issues", () => {
    expect(formatIssue({ path: "body.package.troops", message: "every issue must be settled" })).toBe(
      "body.package.troops: every issue must be settled",
    );
  });
});

describe("formatCount", () => {
  // The server reports { atLeast: 0, below: 1 } for an empty zone and decades otherwise (disclosure.ts).
  it("says none for the empty zone", () => expect(formatCount({ atLeast: 0, below: 1 })).toBe("none"));
  it("reads a decade as a range", () =>
    expect(formatCount({ atLeast: 10, below: 100 })).toBe("at least 10 and fewer than 100"));
  it("groups thousands", () =>
    expect(formatCount({ atLeast: 1000, below: 10000 })).toBe("at least 1,000 and fewer than 10,000"));
});

describe("valueLabel and packageRows", () => {
  it("labels options and numbers with units", () => {
    const [ceiling, status] = small.issues;
    expect(valueLabel(ceiling, 40)).toBe("40 personnel");
    expect(valueLabel(status, "partner")).toBe("Partner");
    expect(valueLabel(status, undefined)).toBe("—");
  });
  it("lists the scenario's issues in order and keeps unknown keys visible", () => {
    expect(packageRows(small, { status: "neutral", ceiling: 60, extra: "x" })).toEqual([
      { issue: "Force ceiling", value: "60 personnel" },
      { issue: "Alignment", value: "Neutral" },
      { issue: "extra", value: "x" },
    ]);
  });
});

describe("formatTime", () => {
  it("shows UTC to the minute", () =>
    expect(formatTime("2026-11-23T14:06:59.123Z")).toBe("2026-11-23 14:06 UTC"));
  it("passes through what it cannot read", () => expect(formatTime("yesterday")).toBe("yesterday"));
});
