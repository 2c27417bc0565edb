import { basename } from "node:path";
import {
  buildForecastSection,
  type ForecastModelName,
  type ForecastSection,
  forecastInputFromScenario,
  forecastModelNames,
  type IssueDistribution,
  ktabToScenario,
  parseKtabCsv,
  type Scenario,
} from "@entente/core";
import { SingleBar } from "cli-progress";
import { type Command, Option } from "commander";
import { CliError, EXIT } from "../io/cli-error.js";
import { loadScenario, readTextFile } from "../io/load-scenario.js";
import { writeReportFile } from "../io/write-report.js";
import { CancelledError, monteCarloParallel } from "../parallel/forecast-pool.js";
import { renderForecastHtml, renderForecastText } from "../render/forecast.js";
import { esc, htmlPage } from "../render/html.js";
import { writeText } from "../render/terminal.js";

/** A KTAB SMP input (CSV) as a scenario; parse errors become bad-input errors with file:line:column. */
export function loadKtabCsv(file: string): Scenario {
  const r = parseKtabCsv(readTextFile(file));
  if (!r.ok) {
    const n = r.issues.length;
    throw new CliError(
      `${file}: ${n} error${n === 1 ? "" : "s"}`,
      EXIT.badInput,
      r.issues.map(
        (i) => `${file}:${i.line}:${i.column}: ${i.path ? `${i.path}: ` : ""}${i.message} [${i.code}]`,
      ),
    );
  }
  return ktabToScenario(r.scenario, basename(file));
}

function wholeNumber(flag: string, value: string, min: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) {
    throw new CliError(`${flag}: expected a whole number ≥ ${min}, got '${value}'`, EXIT.badInput);
  }
  return n;
}

/**
 * Runs the Monte Carlo on worker threads with a progress bar (on a terminal, once it has taken more
 * than a second) and Ctrl-C cancelling cleanly.
 */
export async function runMonteCarlo(
  scenario: Scenario,
  model: ForecastModelName,
  runs: number,
  seed: number,
  joint: boolean,
  threads: number,
): Promise<IssueDistribution[]> {
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.once("SIGINT", onSigint);
  const started = Date.now();
  let bar: SingleBar | undefined;
  try {
    return await monteCarloParallel(
      forecastInputFromScenario(scenario),
      model,
      runs,
      seed,
      { joint },
      {
        threads,
        signal: controller.signal,
        onProgress: (done, total) => {
          if (!bar && process.stderr.isTTY && Date.now() - started > 1000) {
            bar = new SingleBar({
              format: "  Monte Carlo {bar} {value}/{total} draws, {eta}s left",
              stream: process.stderr,
              hideCursor: true,
            });
            bar.start(total, done);
          }
          bar?.update(done);
        },
      },
    );
  } catch (e) {
    if (e instanceof CancelledError) throw new CliError("cancelled", EXIT.failure);
    throw e;
  } finally {
    bar?.stop();
    process.off("SIGINT", onSigint);
  }
}

interface ForecastOptions {
  model: ForecastModelName;
  runs?: string;
  seed: string;
  threads: string;
  format: "text" | "json";
  html?: string;
  joint?: boolean;
}

/** `entente forecast [file]`: where each issue is likely to land, how sure that is, and why. */
export function registerForecast(program: Command): void {
  program
    .command("forecast")
    .description(
      "forecast each issue with bargaining models (compromise, median, Nash, expected utility, KTAB SMP, ensemble) and a seeded Monte Carlo",
    )
    .argument("[file]", "scenario YAML, or a KTAB SMP input CSV (the default scenario if omitted)")
    .addOption(
      new Option("--model <name>", "headline model").choices([...forecastModelNames]).default("ensemble"),
    )
    .option(
      "--runs <n>",
      "Monte Carlo draws (default 1000; 0 for a KTAB CSV, to reproduce KTAB's single run)",
    )
    .option(
      "--seed <s>",
      "Monte Carlo seed: the same seed gives the same numbers on any number of threads",
      "1",
    )
    .option("--threads <n>", "worker threads for the Monte Carlo", "2")
    .option("--joint", "SMP: one multi-dimensional run over all issues (the default for a KTAB CSV)")
    .option("--no-joint", "SMP: one run per issue (the default for a scenario)")
    .addOption(new Option("--format <format>", "output format").choices(["text", "json"]).default("text"))
    .option("--html <file>", "also write the forecast as a self-contained HTML page")
    .action(async (file: string | undefined, opts: ForecastOptions) => {
      const csv = file?.toLowerCase().endsWith(".csv") ?? false;
      const scenario = csv ? loadKtabCsv(file!) : loadScenario(file).scenario;
      const joint = opts.joint ?? csv;
      const runs = wholeNumber("--runs", opts.runs ?? (csv ? "0" : "1000"), 0);
      const seed = wholeNumber("--seed", opts.seed, 0);
      const threads = wholeNumber("--threads", opts.threads, 1);
      const distributions =
        runs > 0 ? await runMonteCarlo(scenario, opts.model, runs, seed, joint, threads) : undefined;
      const options: Parameters<typeof buildForecastSection>[1] = {
        model: opts.model,
        seed,
        modelOptions: { joint },
      };
      if (distributions) options.distributions = distributions;
      const section: ForecastSection = buildForecastSection(scenario, options);
      if (opts.html) {
        writeReportFile(
          opts.html,
          htmlPage(
            `Forecast — ${scenario.title}`,
            `<h1>${esc(scenario.title)}</h1>\n<h2>Forecast</h2>\n${renderForecastHtml(section)}`,
          ),
        );
      }
      if (opts.format === "json") process.stdout.write(`${JSON.stringify(section, null, 2)}\n`);
      else writeText(`${scenario.title}\n\n${renderForecastText(section)}\n`);
    });
}
