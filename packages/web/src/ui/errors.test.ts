import { describe, expect, it } from "vitest";
import { loadScenario } from "../test-scenarios.js";
import { describeIssue, placeInWords } from "./errors.js";

const s = loadScenario("scenarios/ukraine-security-guarantees.yaml");
const tanks = s.issues.find((i) => i.kind === "numeric")!;
const choice = s.issues.find((i) => i.kind !== "numeric")!;

describe("errors in words", () => {
  it("names the issue a position is about, not its index in the body", () => {
    const body = { positions: [{ issue: choice.id }, { issue: tanks.id, redLine: { atLeast: 5 } }] };
    expect(placeInWords("body.positions[1].redLine", { scenario: s, body })).toBe(`${tanks.name} · red line`);
    expect(
      describeIssue(
        { path: "body.positions[1].ideal", message: "50 is below the range" },
        { scenario: s, body },
      ),
    ).toBe(`${tanks.name} · ideal: 50 is below the range`);
  });

  it("names a package's issue by its name", () => {
    expect(placeInWords(`body.package.${choice.id}`, { scenario: s, body: { package: {} } })).toBe(
      choice.name,
    );
  });

  it("keeps a file location and path when the path is not a request's", () => {
    expect(describeIssue({ path: "actors[2].kind", message: "bad", line: 17, column: 11 })).toBe(
      "line 17, column 11 · actors[2].kind: bad",
    );
  });
});
