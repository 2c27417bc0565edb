import {
  type AnalysisOptions,
  AnalysisOptionsError,
  type ReportSectionName,
  type ResolvedAnalysisOptions,
  resolveAnalysisOptions,
} from "@entente/core";
import type { Command } from "commander";
import { CliError, EXIT } from "../io/cli-error.js";

/** The flags of `entente analyze` and `entente sweep` that set the analysis' options. */
export interface AnalysisFlags {
  seed?: string;
  sections?: string;
  budget?: string;
  runs?: string;
}

/** Adds --seed, --sections, --budget and --runs (defaults: core's DEFAULT_ANALYSIS_OPTIONS). */
export function addAnalysisFlags(cmd: Command): Command {
  return cmd
    .option(
      "--seed <n>",
      "seed of every seeded draw (forecast Monte Carlo, agreement sample and estimate)",
      "1",
    )
    .option("--sections <list>", "sections to build: guarantees,forecast,agreement,compliance (default: all)")
    .option("--budget <nodes>", "search nodes per agreement question before answering with proven bounds")
    .option("--runs <n>", "Monte Carlo draws of the forecast (0: none)");
}

function whole(flag: string, v: string): number {
  if (!/^\d+$/.test(v)) throw new CliError(`${flag}: expected a whole number, got '${v}'`, EXIT.badInput);
  return Number(v);
}

/** The analysis options the flags ask for, checked and with every default filled in. */
export function analysisOptionsFromFlags(flags: AnalysisFlags): ResolvedAnalysisOptions {
  const options: AnalysisOptions = {};
  if (flags.seed !== undefined) options.seed = whole("--seed", flags.seed);
  if (flags.sections !== undefined)
    options.sections = flags.sections
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean) as ReportSectionName[];
  if (flags.budget !== undefined) options.budgets = { agreementNodes: whole("--budget", flags.budget) };
  if (flags.runs !== undefined) options.forecast = { runs: whole("--runs", flags.runs) };
  try {
    return resolveAnalysisOptions(options);
  } catch (e) {
    if (e instanceof AnalysisOptionsError) throw new CliError(`--${e.message}`, EXIT.badInput);
    throw e;
  }
}
