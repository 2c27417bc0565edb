import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { findIndentationSlip } from "./indentation-slip.js";
import { parseScenario } from "./parse.js";
import { scenarioWarnings } from "./scenario-warnings.js";

const file = new URL("../../../../scenarios/minsk-ii.yaml", import.meta.url);
const text = readFileSync(file, "utf8");
const FIRST = "  - actor: ua\n    issue: ceasefire\n    ideal: whole-line\n    salience: 1\n";

function parsed(t: string) {
  const r = parseScenario(t, "s.yaml");
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join("\n"));
  return r.scenario;
}

describe("scenarioWarnings", () => {
  it("finds nothing to warn about in a shipped scenario", () => {
    expect(scenarioWarnings(parsed(text))).toEqual([]);
  });

  it("warns about a red line that rejects the actor's own ideal", () => {
    const t = text.replace(FIRST, `${FIRST}    redLine: { reject: [whole-line] }\n`);
    const w = scenarioWarnings(parsed(t));
    expect(w.map((x) => [x.code, x.path])).toEqual([["red_line_rejects_ideal", ["positions", 0, "redLine"]]]);
    expect(w[0]!.message).toContain("Ukraine's red line on 'ceasefire' rejects its own ideal");
  });

  it("warns about a red line on an issue of salience 0", () => {
    const t = text.replace(
      FIRST,
      FIRST.replace("salience: 1", "salience: 0") + "    redLine: { reject: [debaltseve-excluded] }\n",
    );
    expect(t).not.toBe(text);
    const w = scenarioWarnings(parsed(t));
    expect(w.map((x) => x.code)).toEqual(["red_line_without_salience"]);
  });
});

describe("findIndentationSlip", () => {
  const slip = (from: string, to: string) => {
    const t = text.replace(from, to);
    expect(t).not.toBe(text);
    const r = parseScenario(t, "s.yaml");
    if (r.ok) throw new Error("expected the slip to break the file");
    return { r, found: findIndentationSlip(t, r.errors), line: t.slice(0, t.indexOf(to)).split("\n").length };
  };

  it("names the line of a key indented one space too far, once, however many errors it causes", () => {
    const { r, found, line } = slip(FIRST, FIRST.replace("    salience: 1", "     salience: 1"));
    expect(r.errors.length).toBeGreaterThan(0);
    expect(found?.line).toBe(line + 3);
    expect(found?.message).toMatch(/^line \d+ is indented by 5 spaces, the lines around it by 4 spaces\./);
  });

  it("names a key indented one space short among its siblings", () => {
    const { r, found, line } = slip(FIRST, FIRST.replace("    issue: ceasefire", "   issue: ceasefire"));
    expect(r.errorCount).toBeGreaterThan(1);
    expect(found?.line).toBe(line + 1);
    expect(found?.indent).toBe(3);
  });

  it("says nothing when the errors are not syntax errors", () => {
    expect(findIndentationSlip(text, [{ code: "invalid_type", line: 3 }])).toBeUndefined();
  });
});
