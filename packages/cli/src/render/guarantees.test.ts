import { fileURLToPath } from "node:url";
import { buildGuaranteesSection, resolveAnalysisOptions } from "@entente/core";
import { describe, expect, it, vi } from "vitest";
import { buildReport } from "../commands/analyze.js";
import { loadScenario } from "../io/load-scenario.js";
import { runCli } from "../program.js";
import { renderAnalysisHtml } from "./analysis-html.js";
import { renderAnalysisText } from "./analysis-text.js";
import { barChartSvg, guaranteesRenderer, renderGuaranteesHtml, renderGuaranteesText } from "./guarantees.js";

const defaultScenario = fileURLToPath(
  new URL("../../../../scenarios/ukraine-security-guarantees.yaml", import.meta.url),
);

describe("guarantees renderers on the default scenario", () => {
  const { scenario } = loadScenario(defaultScenario);
  const section = buildGuaranteesSection(scenario);

  it("prints the veto-player finding for unanimity including Russia in the terminal", () => {
    const text = renderGuaranteesText(section);
    expect(text).toContain("no guarantee can be activated against Russian Federation: it is a veto player.");
    expect(text).toContain("Rules side by side");
  });

  it("draws a bar chart per rule and the side-by-side chart in HTML, escaping scenario text", () => {
    const html = renderGuaranteesHtml(section);
    const charts = html.match(/<svg /g) ?? [];
    expect(charts.length).toBe(section.mechanisms.length + 1);
    expect(html).not.toContain('("Article 5-like")'); // quotes in names are escaped
  });

  it("marks an estimate's interval with a whisker", () => {
    const svg = barChartSvg("t", ["a"], [{ name: "s", values: [{ value: 0.5, interval: [0.4, 0.6] }] }]);
    expect(svg).toContain("<line");
  });
});

describe("the guarantees section in entente analyze", () => {
  it("appears in the terminal, JSON and HTML reports with its findings", () => {
    const { scenario } = loadScenario(defaultScenario);
    const report = buildReport(scenario, resolveAnalysisOptions({ sections: ["guarantees"] }));
    const json = JSON.parse(JSON.stringify(report)) as { sections: Record<string, { findings: string[] }> };
    expect(json.sections.guarantees?.findings[0]).toContain("it is a veto player");
    expect(renderAnalysisText(report, [guaranteesRenderer])).toContain("Rules side by side");
    expect(renderAnalysisHtml(report, [guaranteesRenderer])).toContain('<section id="guarantees"><h2>');
  });
});

describe("entente power", () => {
  it("exits 2 with the list of mechanisms when --mechanism names none of them", async () => {
    const err = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    const code = await runCli(["power", defaultScenario, "--mechanism", "nope"]);
    const printed = err.mock.calls.map((c) => String(c[0])).join("");
    err.mockRestore();
    expect(code).toBe(2);
    expect(printed).toContain("no mechanism 'nope'");
    expect(printed).toContain("unanimity-incl-russia");
  });
});
