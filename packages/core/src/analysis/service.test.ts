import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildAgreementSection } from "../agreement/section.js";
import { buildForecastSection } from "../forecast/section.js";
import { parseScenario } from "../model/parse.js";
import { contentHash } from "./content-hash.js";
import { analyzeScenario } from "./report.js";
import {
  AnalysisCancelledError,
  AnalysisOptionsError,
  DEFAULT_ANALYSIS_OPTIONS,
  ENGINE_VERSION,
  resolveAnalysisOptions,
  runAnalysis,
} from "./service.js";

const fixture = new URL("../model/fixtures/small.yaml", import.meta.url);
const parsed = parseScenario(readFileSync(fixture, "utf8"), "small.yaml");
if (!parsed.ok) throw new Error("fixture small.yaml must be valid");
const small = parsed.scenario;

describe("runAnalysis", () => {
  it("is the baseline report plus each engine's section built with the report's budgets", () => {
    const report = runAnalysis(small);
    const { format, version, ...base } = analyzeScenario(small);
    expect(report).toMatchObject({ format, version, ...base, sections: expect.any(Object) });
    // small.yaml has no mechanisms and no agreement: no guarantees, no compliance.
    expect(Object.keys(report.sections)).toEqual(["forecast", "agreement"]);
    expect(report.sections.forecast).toEqual(buildForecastSection(small, { seed: 1 }));
    expect(report.sections.agreement).toEqual(
      buildAgreementSection(small, {
        paretoMaxPoints: 250,
        estimateMaxSamples: 100_000,
        nodeBudget: 20_000_000,
      }),
    );
  });

  it("keeps report order whatever order the sections are asked in, and builds only those", () => {
    const r = runAnalysis(small, { sections: ["agreement", "forecast"] });
    expect(Object.keys(r.sections)).toEqual(["forecast", "agreement"]);
    expect(Object.keys(runAnalysis(small, { sections: [] }).sections)).toEqual([]);
  });

  it("records engine version, scenario hash, seed, options and budgets in its provenance", () => {
    const r = runAnalysis(small, { seed: 7, sections: ["forecast"], budgets: { agreementNodes: 1000 } });
    expect(r.provenance).toEqual({
      engine: { name: "entente", version: ENGINE_VERSION },
      scenario: { id: "small", hash: contentHash(small) },
      seed: 7,
      options: { sections: ["forecast"], forecast: { model: "compromise", runs: 0 } },
      budgets: { ...DEFAULT_ANALYSIS_OPTIONS.budgets, agreementNodes: 1000 },
    });
    // The hash is of the scenario's content, not its key order (a database may reorder keys).
    const reverseKeys = (v: unknown): unknown =>
      Array.isArray(v)
        ? v.map(reverseKeys)
        : v && typeof v === "object"
          ? Object.fromEntries(
              Object.entries(v)
                .reverse()
                .map(([k, x]) => [k, reverseKeys(x)]),
            )
          : v;
    expect(contentHash(reverseKeys(small))).toBe(contentHash(small));
  });

  it("reports the engine version of packages/core/package.json", () => {
    const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8"));
    expect(ENGINE_VERSION).toBe(pkg.version);
  });

  it("tells its progress after each section and stops between sections once aborted", () => {
    const seen: string[] = [];
    runAnalysis(small, {}, { progress: (f, s) => seen.push(`${s}:${f.toFixed(2)}`) });
    expect(seen).toEqual([
      "baseline:0.20",
      "guarantees:0.40",
      "forecast:0.60",
      "agreement:0.80",
      "compliance:1.00",
    ]);
    const signal = { aborted: false };
    expect(() =>
      runAnalysis(
        small,
        {},
        {
          signal,
          progress: (_f, s) => {
            if (s === "forecast") signal.aborted = true;
          },
        },
      ),
    ).toThrow(AnalysisCancelledError);
  });

  it("uses a section the caller built elsewhere, in its place in the report", () => {
    const r = runAnalysis(small, {}, { prebuilt: { forecast: "from a worker" } });
    expect(r.sections.forecast).toBe("from a worker");
  });
});

describe("resolveAnalysisOptions", () => {
  it("names the option at fault", () => {
    expect(() => resolveAnalysisOptions({ budgets: { agreementNodes: 0 } })).toThrow(
      new AnalysisOptionsError(
        "budgets.agreementNodes",
        "expected a whole number from 1 to 2000000000, got 0",
      ),
    );
    expect(() => resolveAnalysisOptions({ sections: ["nope" as "forecast"] })).toThrow(
      /unknown section 'nope'/,
    );
    expect(() => resolveAnalysisOptions({ seed: 1.5 })).toThrow(/^seed: /);
  });
});
