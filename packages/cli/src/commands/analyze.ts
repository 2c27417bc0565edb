import {
  type AnalysisReport,
  buildReportSection,
  type ResolvedAnalysisOptions,
  runAnalysis,
  type Scenario,
} from "@entente/core";
import { type Command, Option } from "commander";
import { loadScenario } from "../io/load-scenario.js";
import { writeReportFile } from "../io/write-report.js";
import { type OffloadedSection, offloadAgreementSection } from "../offload/offload-agreement.js";
import { renderAnalysisHtml } from "../render/analysis-html.js";
import { renderAnalysisText } from "../render/analysis-text.js";
import { loadChartKit } from "../render/chart-kit.js";
import { writeText } from "../render/terminal.js";
import { reportSectionRenderers } from "../report-sections.js";
import { agreementErrorToCli } from "./agree.js";
import { type AnalysisFlags, addAnalysisFlags, analysisOptionsFromFlags } from "./analysis-flags.js";

/** The full analysis by core's analysis service, with agreement-engine input errors as CLI errors. */
export function buildReport(scenario: Scenario, options: ResolvedAnalysisOptions): AnalysisReport {
  try {
    return runAnalysis(scenario, options);
  } catch (e) {
    throw agreementErrorToCli(e);
  }
}

/**
 * The full analysis with the agreement section built on a worker thread (started before the
 * scenario was parsed) while this thread builds the others; the same report as buildReport.
 */
export async function buildReportOffloaded(
  scenario: Scenario,
  options: ResolvedAnalysisOptions,
  agreement: OffloadedSection,
): Promise<AnalysisReport> {
  agreement.send(scenario, options);
  // The key is set now (to null) so that the section keeps its place in the report's order.
  const report = buildReportWith(scenario, options, { agreement: null });
  let data: unknown;
  try {
    // Without the worker's answer (it could not start or crashed), the section is built here.
    data = (await agreement.result()) ?? buildReportSection("agreement", scenario, options);
  } catch (e) {
    throw agreementErrorToCli(e);
  }
  report.sections.agreement = data;
  return report;
}

function buildReportWith(
  scenario: Scenario,
  options: ResolvedAnalysisOptions,
  prebuilt: Record<string, unknown>,
): AnalysisReport {
  try {
    return runAnalysis(scenario, options, { prebuilt });
  } catch (e) {
    throw agreementErrorToCli(e);
  }
}

/** `entente analyze [file]`: validates a scenario and prints the analysis report. */
export function registerAnalyze(program: Command): void {
  const cmd = program
    .command("analyze")
    .description(
      "validate a scenario and report forecasts, red lines and utilities (the default scenario if no file)",
    )
    .argument("[file]", "scenario YAML file")
    .addOption(new Option("--format <format>", "output format").choices(["text", "json"]).default("text"))
    .option("--html <file>", "also write a self-contained HTML report with a chart per issue")
    .addOption(
      new Option("--threads <n>", "2: build the agreement section on a worker thread; 1: all in this one")
        .choices(["1", "2"])
        .default("2"),
    );
  addAnalysisFlags(cmd).action(
    async (
      file: string | undefined,
      opts: AnalysisFlags & { format: "text" | "json"; html?: string; threads: string },
    ) => {
      const options = analysisOptionsFromFlags(opts);
      const offloaded =
        opts.threads === "2" && options.sections.includes("agreement") ? offloadAgreementSection() : null;
      let scenario: Scenario;
      try {
        scenario = loadScenario(file).scenario;
      } catch (e) {
        offloaded?.cancel();
        throw e;
      }
      const report = offloaded
        ? await buildReportOffloaded(scenario, options, offloaded)
        : buildReport(scenario, options);
      if (opts.html) {
        await loadChartKit();
        writeReportFile(opts.html, renderAnalysisHtml(report, reportSectionRenderers));
      }
      if (opts.format === "json") process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      else writeText(renderAnalysisText(report, reportSectionRenderers));
    },
  );
}
