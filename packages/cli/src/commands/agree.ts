import {
  AgreementError,
  type AgreementSection,
  type AgreementSectionOptions,
  buildAgreementSection,
  type Scenario,
} from "@entente/core";
import { type Command, Option } from "commander";
import pc from "picocolors";
import { CliError, EXIT } from "../io/cli-error.js";
import { loadScenario } from "../io/load-scenario.js";
import { writeReportFile } from "../io/write-report.js";
import { renderAgreementHtml, renderAgreementText } from "../render/agreement.js";
import { loadChartKit } from "../render/chart-kit.js";
import { htmlPage } from "../render/html.js";
import { provenanceText, type ReportOrigin, withProvenance } from "../render/report-footer.js";
import { writeText } from "../render/terminal.js";
import { type CompletedPackage, completeProposal } from "./complete-package.js";

/** Parses `issue=option,issue=number,…` into a package in the scenario's terms. */
export function parsePackageArg(arg: string): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const part of arg
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)) {
    const eq = part.indexOf("=");
    if (eq <= 0 || eq === part.length - 1) {
      throw new CliError(`--package: expected issue=option, got '${part}'`, EXIT.badInput);
    }
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    out[key] = /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value;
  }
  return out;
}

/** An agreement-engine input error as a bad-input CLI error (exit 2); any other value unchanged. */
export function agreementErrorToCli(e: unknown): unknown {
  if (!(e instanceof AgreementError)) return e;
  const where = e.path.length ? ` (at ${e.path.join(".")})` : "";
  return new CliError(`${e.message}${where} [${e.code}]`, EXIT.badInput);
}

/** The agreement section of a scenario, with engine input errors turned into bad-input CLI errors. */
export function agreementSection(
  scenario: Scenario,
  options: AgreementSectionOptions = {},
): AgreementSection {
  try {
    return buildAgreementSection(scenario, options);
  } catch (e) {
    throw agreementErrorToCli(e);
  }
}

interface AgreeOptions {
  format: "text" | "json";
  html?: string;
  package?: string;
  actors?: string;
  roles?: string;
  budget?: string;
}

/** `entente agree [file]`: which packages every party can accept, the fair ones, and what it would take. */
export function registerAgree(program: Command): void {
  program
    .command("agree")
    .description(
      "the agreement space: acceptable packages, Nash/KS/utilitarian/egalitarian packages, Pareto frontier, logrolls, what it would take",
    )
    .argument("[file]", "scenario YAML file (the default scenario if omitted)")
    .addOption(new Option("--format <format>", "output format").choices(["text", "json"]).default("text"))
    .option("--html <file>", "also write the section as a self-contained HTML page")
    .option(
      "--package <assignments>",
      "assess a proposal, e.g. 'nato-membership=non-bloc-eu,force-ceiling=600000'; issues left open are filled with the best completion (the Nash solution given the rest), labelled",
    )
    .option("--actors <ids>", "comma-separated actors who must accept (default: every party and guarantor)")
    .option("--roles <roles>", "roles whose actors must accept (default: party,guarantor)")
    .option("--budget <nodes>", "search nodes per question before answering with proven bounds", "20000000")
    .action(async (file: string | undefined, opts: AgreeOptions) => {
      const { scenario } = loadScenario(file);
      const budget = Number(opts.budget);
      if (!Number.isInteger(budget) || budget <= 0) {
        throw new CliError(`--budget: expected a positive whole number, got '${opts.budget}'`, EXIT.badInput);
      }
      const options: AgreementSectionOptions = { nodeBudget: budget };
      if (opts.actors) options.actors = opts.actors.split(",").map((s) => s.trim());
      if (opts.roles) {
        const roles = opts.roles.split(",").map((s) => s.trim());
        const known = ["party", "guarantor", "mediator", "monitor", "observer"];
        const bad = roles.filter((r) => !known.includes(r));
        if (bad.length)
          throw new CliError(
            `--roles: unknown role(s) ${bad.join(", ")}; use ${known.join(", ")}`,
            EXIT.badInput,
          );
        options.roles = roles as AgreementSectionOptions["roles"] & string[];
      }
      let completion: CompletedPackage | undefined;
      if (opts.package) {
        completion = completeProposal(scenario, parsePackageArg(opts.package), options);
        options.proposal = completion.package;
      }
      const section = agreementSection(scenario, options);
      const shown = completion ? { open: completion.open, how: completion.how } : undefined;
      const origin: ReportOrigin = {
        input: `scenario ${scenario.id}`,
        content: scenario,
        settings: [`budget ${budget} nodes`, ...(opts.package ? [`package ${opts.package}`] : [])],
      };
      if (opts.html) {
        await loadChartKit();
        writeReportFile(
          opts.html,
          withProvenance(
            htmlPage(`Agreement space — ${scenario.title}`, renderAgreementHtml(section, shown)),
            origin,
          ),
        );
      }
      if (opts.format === "json") process.stdout.write(`${JSON.stringify(section, null, 2)}\n`);
      else writeText(`${renderAgreementText(section, shown)}${pc.dim(provenanceText(origin))}\n`);
    });
}
