import { describe, expect, it } from "vitest";
import { parseScenario } from "./parse.js";
import { formatScenarioError } from "./scenario-error.js";

// A valid base scenario; each test breaks one line of it. Line numbers below refer to this text.
const base = `entente: 1
id: t
title: Test
actors:
  - id: A
    name: Alpha
    kind: state
    roles: [party]
    capability: { value: 1, source: test, confidence: 0.5 }
  - id: B
    name: Beta
    kind: bloc
    roles: [party]
    capability: { value: 2, source: test, confidence: 0.5 }
issues:
  - id: i1
    name: Ordinal issue
    kind: ordinal
    options:
      - { id: lo, label: Low }
      - { id: hi, label: High }
  - id: i2
    name: Numeric issue
    kind: numeric
    unit: troops
    min: 0
    max: 100
positions:
  - actor: A
    issue: i1
    ideal: lo
    salience: 0.5
    source: test
    confidence: 0.5
  - actor: B
    issue: i2
    ideal: 40
    salience: 0.5
    source: test
    confidence: 0.5
`;

/** Replaces the text of one 1-based line of the base scenario. */
function withLine(line: number, text: string): string {
  const lines = base.split("\n");
  lines[line - 1] = text;
  return lines.join("\n");
}

function errorsOf(text: string): string[] {
  const r = parseScenario(text, "t.yaml");
  if (r.ok) return [];
  return r.errors.map(formatScenarioError);
}

describe("parseScenario", () => {
  it("accepts the base scenario", () => {
    const r = parseScenario(base, "t.yaml");
    expect(r.ok).toBe(true);
  });

  it("reports YAML syntax errors with their location", () => {
    const errors = errorsOf(withLine(3, "title: [unclosed"));
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0]).toMatch(/^t\.yaml:\d+:\d+ \(syntax\): /);
  });

  it("reports duplicate YAML keys as syntax errors", () => {
    expect(errorsOf(withLine(3, "id: again"))[0]).toMatch(/^t\.yaml:3:1 \(syntax\): Map keys must be unique/);
  });

  it("reports an out-of-range salience at the value, with what was expected and what was found", () => {
    expect(errorsOf(withLine(32, "    salience: 1.4"))).toEqual([
      "t.yaml:32:15 positions[0].salience: expected a number from 0 to 1, got 1.4",
    ]);
  });

  it("reports a wrong type", () => {
    expect(errorsOf(withLine(32, "    salience: high"))).toEqual([
      "t.yaml:32:15 positions[0].salience: expected a number from 0 to 1, got 'high'",
    ]);
  });

  it("reports a value outside an enumeration", () => {
    expect(errorsOf(withLine(7, "    kind: country"))).toEqual([
      "t.yaml:7:11 actors[0].kind: expected one of: state, bloc, organisation, got 'country'",
    ]);
  });

  it("reports an unknown field at its key", () => {
    expect(errorsOf(withLine(32, "    salinece: 0.5"))).toEqual(
      [
        "t.yaml:32:5 positions[0].salinece: unknown field 'salinece'",
        "t.yaml:29:5 positions[0].salience: missing required field 'salience' (expected a number from 0 to 1)",
      ].sort((a, b) => Number(a.split(":")[1]) - Number(b.split(":")[1])),
    );
  });

  it("reports a missing field at the enclosing entry", () => {
    expect(errorsOf(withLine(25, "    unit_: troops"))).toContain(
      "t.yaml:22:5 issues[1].unit: missing required field 'unit' (expected a string)",
    );
  });

  it("reports a malformed id", () => {
    expect(errorsOf(withLine(5, "  - id: 'A B'"))).toEqual([
      "t.yaml:5:9 actors[0].id: expected an id of 1–64 letters, digits, '-', '_' or '.', starting with a letter or digit, got 'A B'",
      // the position that names 'A' now names an actor that does not exist
      "t.yaml:29:12 positions[0].actor: unknown actor 'A'",
    ]);
  });

  it("reports an unknown actor id", () => {
    expect(errorsOf(withLine(29, "  - actor: Z"))).toEqual([
      "t.yaml:29:12 positions[0].actor: unknown actor 'Z'",
    ]);
  });

  it("reports an unknown issue id", () => {
    expect(errorsOf(withLine(30, "    issue: i9"))).toEqual([
      "t.yaml:30:12 positions[0].issue: unknown issue 'i9'",
    ]);
  });

  it("reports an unknown option id, listing the valid ones", () => {
    expect(errorsOf(withLine(31, "    ideal: mid"))).toEqual([
      "t.yaml:31:12 positions[0].ideal: unknown option 'mid' for issue 'i1'; expected one of: lo, hi",
    ]);
  });

  it("reports a numeric ideal outside the issue's range", () => {
    expect(errorsOf(withLine(37, "    ideal: 140"))).toEqual([
      "t.yaml:37:12 positions[1].ideal: expected a number from 0 to 100 (troops), got 140",
    ]);
  });

  it("reports duplicate actor ids at the second one", () => {
    expect(errorsOf(withLine(10, "  - id: A"))).toContain(
      "t.yaml:10:9 actors[1].id: duplicate actor 'A' (first at index 0)",
    );
  });

  it("reports duplicate option ids", () => {
    expect(errorsOf(withLine(21, "      - { id: lo, label: High }"))).toEqual([
      "t.yaml:21:15 issues[0].options[1].id: duplicate option 'lo' (first at index 0)",
    ]);
  });

  it("reports a second position for the same actor and issue", () => {
    const text = base
      .replace("  - actor: B\n    issue: i2", "  - actor: A\n    issue: i1")
      .replace("ideal: 40", "ideal: hi");
    expect(errorsOf(text)).toEqual([
      "t.yaml:35:5 positions[1]: duplicate position (actor × issue) 'A × i1' (first at index 0)",
    ]);
  });

  it("reports an inconsistent range", () => {
    expect(errorsOf(withLine(27, "    max: 0"))).toContain(
      "t.yaml:27:10 issues[1].max: expected max > min (0), got 0",
    );
  });

  it("reports every error at once, shape and references together, in file order", () => {
    const text = withLine(29, "  - actor: Z")
      .replace("kind: state", "kind: country")
      .replace(
        "salience: 0.5\n    source: test\n    confidence: 0.5\n  - actor: B",
        "salience: 2\n    source: test\n    confidence: 0.5\n  - actor: B",
      );
    const errors = errorsOf(text);
    expect(errors).toEqual([
      "t.yaml:7:11 actors[0].kind: expected one of: state, bloc, organisation, got 'country'",
      "t.yaml:29:12 positions[0].actor: unknown actor 'Z'",
      "t.yaml:32:15 positions[0].salience: expected a number from 0 to 1, got 2",
    ]);
  });

  it("reports an unknown guarantor in a mechanism and a duplicate mechanism id", () => {
    const mechanism = (id: string, guarantor: string) =>
      `  - id: ${id}\n    name: M\n    guarantors: [A, ${guarantor}]\n    rule: { type: unanimity }\n    accusedVote: votes\n    consultationHours: 72\n`;
    const text = `${base}mechanisms:\n${mechanism("m1", "Q")}${mechanism("m1", "B")}`;
    expect(errorsOf(text)).toEqual([
      "t.yaml:44:21 mechanisms[0].guarantors[1]: unknown actor 'Q'",
      "t.yaml:48:9 mechanisms[1].id: duplicate mechanism 'm1' (first at index 0)",
    ]);
  });

  it("reports a decision rule that names someone who is not a guarantor", () => {
    const text = `${base}mechanisms:\n  - id: m\n    name: M\n    guarantors: [A]\n    rule: { type: unanimity, of: [A, B] }\n    accusedVote: votes\n    consultationHours: 72\n`;
    const errors = errorsOf(text);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^t\.yaml:45:\d+ mechanisms\[0\]\.rule\.of(\[1\])?: /);
  });

  it("refuses documents that expand aliases without bound", () => {
    const bomb = `a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n`;
    const r = parseScenario(bomb, "bomb.yaml");
    expect(r.ok).toBe(false);
  });

  it("accepts JSON, which is YAML", () => {
    const json = JSON.stringify({
      entente: 1,
      id: "j",
      title: "JSON",
      actors: [
        {
          id: "A",
          name: "A",
          kind: "state",
          roles: ["party"],
          capability: { value: 1, source: "test", confidence: 1 },
        },
      ],
      issues: [{ id: "n", name: "N", kind: "numeric", unit: "u", min: 0, max: 1 }],
      positions: [{ actor: "A", issue: "n", ideal: 0.5, salience: 1, source: "test", confidence: 1 }],
    });
    expect(parseScenario(json, "j.json").ok).toBe(true);
  });
});

describe("the fast path for valid files", () => {
  it("reads every shipped scenario exactly as the located path does", async () => {
    const { readdirSync, readFileSync } = await import("node:fs");
    const { parseScenarioLocated } = await import("./parse.js");
    const dir = new URL("../../../../scenarios/", import.meta.url);
    const files = readdirSync(dir).filter((f) => f.endsWith(".yaml"));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      const text = readFileSync(new URL(f, dir), "utf8");
      const fast = parseScenario(text, f);
      const located = parseScenarioLocated(text, f);
      expect(fast).toEqual(located);
    }
  });

  it("reads booleans, nulls and dates as the YAML 1.2 core schema does", () => {
    const text = base.replace("title: Test", "title: Test\nasOf: 2025-09-05");
    const r = parseScenario(text, "t.yaml");
    expect(r.ok && r.scenario.asOf).toBe("2025-09-05");
  });
});
