import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseScenario } from "../model/parse.js";
import { analysisJob, JOB_HANDLERS, JobInputError, validationJob } from "./jobs.js";
import { runAnalysis } from "./service.js";

const text = readFileSync(new URL("../model/fixtures/small.yaml", import.meta.url), "utf8");

describe("job handlers", () => {
  it("analyse a scenario given as text exactly as runAnalysis does on the parsed file", () => {
    const parsed = parseScenario(text, "small.yaml");
    if (!parsed.ok) throw new Error("fixture must be valid");
    const options = { seed: 5, sections: ["forecast" as const] };
    const payload = JSON.parse(JSON.stringify({ scenario: { text, file: "small.yaml" }, options }));
    expect(JSON.stringify(JOB_HANDLERS.analysis(payload))).toBe(
      JSON.stringify(runAnalysis(parsed.scenario, options)),
    );
  });

  it("refuse scenario text that does not validate, with its errors", () => {
    expect(() => analysisJob({ scenario: { text: "entente: 1\nid: x\n" } })).toThrow(JobInputError);
  });

  it("validate a file to its summary and content hash, or to its located errors", () => {
    expect(validationJob({ text, file: "small.yaml" })).toMatchObject({
      ok: true,
      id: "small",
      actors: 3,
      issues: 2,
    });
    const bad = validationJob({ text: text.replace("kind: organisation", "kind: org"), file: "bad.yaml" });
    expect(bad).toMatchObject({ ok: false, errorCount: 1 });
  });
});
