import { monitorAgreement } from "@entente/core";
import { type Command, Option } from "commander";
import pc from "picocolors";
import { writeReportFile } from "../io/write-report.js";
import { renderComplianceHtml, renderComplianceText } from "../render/compliance.js";
import { provenanceText, type ReportOrigin, withProvenance } from "../render/report-footer.js";
import { writeText } from "../render/terminal.js";
import { loadAgreement, loadEvents, parseAsOf } from "./monitor-io.js";

interface MonitorOptions {
  events: string;
  asOf?: string;
  format: "text" | "json";
  html?: string;
}

/** `entente monitor [scenario] --events FILE`: the compliance dashboard at a moment, replayed from the log. */
export function registerMonitor(program: Command): void {
  program
    .command("monitor")
    .description(
      "replay an event log against a scenario's agreement: state of every commitment per party, consultations, linked benefits, notification checks, trust",
    )
    .argument("[scenario]", "scenario YAML file with an agreement block (or a file with only `agreement:`)")
    .requiredOption("--events <file>", "event log: .csv, .json or .jsonl")
    .option(
      "--as-of <time>",
      "replay what was known at this moment (ISO time; local times in the agreement's zone; default: the last event)",
    )
    .addOption(new Option("--format <format>", "output format").choices(["text", "json"]).default("text"))
    .option("--html <file>", "also write a self-contained HTML report with the timeline and trust charts")
    .action((file: string | undefined, opts: MonitorOptions) => {
      const { agreement, mechanisms, names } = loadAgreement(file);
      const events = loadEvents(opts.events, agreement.zone ? { zone: agreement.zone } : {});
      const asOf = parseAsOf(opts.asOf, agreement.zone, events);
      const display = { names, ...(agreement.zone ? { zone: agreement.zone } : {}) };
      const view = monitorAgreement(agreement, mechanisms, events, asOf);
      const origin: ReportOrigin = {
        input: `agreement ${agreement.id} and ${events.length} events`,
        content: { agreement, mechanisms, events },
        settings: [`as of ${new Date(asOf).toISOString()}`],
      };
      if (opts.html) {
        writeReportFile(opts.html, withProvenance(renderComplianceHtml(view, display), origin));
      }
      if (opts.format === "json") process.stdout.write(`${JSON.stringify(view, null, 2)}\n`);
      else writeText(`${renderComplianceText(view, display)}${pc.dim(provenanceText(origin))}\n`);
    });
}
