import { actorColourMap } from "@entente/charts/palette";
import {
  buildGuaranteesSection,
  formatScenarioError,
  locateProblems,
  mechanismProblems,
} from "@entente/core";
import { type Command, Option } from "commander";
import pc from "picocolors";
import { CliError, EXIT } from "../io/cli-error.js";
import { loadScenario, readTextFile } from "../io/load-scenario.js";
import { writeReportFile } from "../io/write-report.js";
import { loadChartKit } from "../render/chart-kit.js";
import { renderGuaranteesHtml, renderGuaranteesText } from "../render/guarantees.js";
import { htmlPage } from "../render/html.js";
import { provenanceText, type ReportOrigin, withProvenance } from "../render/report-footer.js";
import { writeText } from "../render/terminal.js";

interface PowerOptions {
  mechanism?: string;
  format: "text" | "json";
  html?: string;
}

/** `entente power [file] [--mechanism ID]`: voting power and the stress test of each guarantee mechanism. */
export function registerPower(program: Command): void {
  program
    .command("power")
    .description(
      "exact voting power of each guarantor and the stress test of each guarantee mechanism (the default scenario if omitted)",
    )
    .argument("[file]", "scenario YAML file")
    .option("--mechanism <id>", "only this mechanism")
    .addOption(new Option("--format <format>", "output format").choices(["text", "json"]).default("text"))
    .option("--html <file>", "also write the section as a self-contained HTML page with a bar chart per rule")
    .action(async (file: string | undefined, opts: PowerOptions) => {
      const { scenario, file: path } = loadScenario(file);
      let mechanisms = scenario.mechanisms;
      if (opts.mechanism) {
        mechanisms = mechanisms.filter((m) => m.id === opts.mechanism);
        if (mechanisms.length === 0)
          throw new CliError(
            `--mechanism: no mechanism '${opts.mechanism}' in ${path}; the scenario has: ${scenario.mechanisms.map((m) => m.id).join(", ") || "none"}`,
            EXIT.badInput,
          );
      }
      const problems = mechanisms.flatMap((m) =>
        mechanismProblems(m).map((p) => ({
          ...p,
          path: ["mechanisms", scenario.mechanisms.indexOf(m), ...p.path],
        })),
      );
      if (problems.length > 0) {
        const located = locateProblems(readTextFile(path), path, problems);
        throw new CliError(
          `${path}: ${problems.length} mechanism error${problems.length === 1 ? "" : "s"}`,
          EXIT.badInput,
          located.map(formatScenarioError),
        );
      }
      const section = buildGuaranteesSection({ ...scenario, mechanisms });
      const origin: ReportOrigin = {
        input: `scenario ${scenario.id}`,
        content: scenario,
        ...(opts.mechanism ? { settings: [`mechanism ${opts.mechanism}`] } : {}),
      };
      if (opts.html) {
        await loadChartKit();
        writeReportFile(
          opts.html,
          withProvenance(
            htmlPage(
              `Guarantees — ${scenario.title}`,
              `<h1>Guarantees</h1>\n${renderGuaranteesHtml(section, actorColourMap([...scenario.actors].sort((a, b) => b.capability.value - a.capability.value).map((a) => a.id)))}`,
            ),
            origin,
          ),
        );
      }
      if (opts.format === "json") process.stdout.write(`${JSON.stringify(section, null, 2)}\n`);
      else writeText(`${renderGuaranteesText(section)}\n${pc.dim(provenanceText(origin))}\n`);
    });
}
