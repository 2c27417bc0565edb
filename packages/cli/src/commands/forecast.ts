import { readdirSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import { actorColourMap } from "@entente/charts/palette";
import {
  buildForecastSection,
  DEFAULT_FORECAST_MODEL,
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
import pc from "picocolors";
import { CliError, EXIT } from "../io/cli-error.js";
import { loadScenario, readTextFile } from "../io/load-scenario.js";
import { writeReportFile } from "../io/write-report.js";
import { forecastBatch } from "../parallel/forecast-batch.js";
import { CancelledError, monteCarloParallel } from "../parallel/forecast-pool.js";
import { loadChartKit } from "../render/chart-kit.js";
import { renderForecastHtml, renderForecastText } from "../render/forecast.js";
import { esc, htmlPage } from "../render/html.js";
import { provenanceText, type ReportOrigin, withProvenance } from "../render/report-footer.js";
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

/** A whole-number option value ≥ min, or a bad-input error naming the flag. */
export function wholeNumber(flag: string, value: string, min: number): number {
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
  explain?: boolean;
}

const FORECAST_FILE = /\.(ya?ml|json|csv)$/i;

/** The files to forecast: each argument, or every scenario or KTAB CSV in an argument that is a directory. */
export function expandForecastFiles(args: readonly string[]): string[] {
  const out: string[] = [];
  for (const a of args) {
    let dir = false;
    try {
      dir = statSync(a).isDirectory();
    } catch {
      dir = false; // a missing file is reported by the loader, with its name
    }
    if (!dir) {
      out.push(a);
      continue;
    }
    // In a directory, a CSV counts only if its first line is a KTAB header (name, description,
    // actors, dimensions): other CSVs (e.g. monitor events beside a scenario) are left alone.
    const files = readdirSync(a)
      .filter((f) => FORECAST_FILE.test(f))
      .sort()
      .map((f) => join(a, f))
      .filter((f) => !isCsv(f) || looksLikeKtab(f));
    if (files.length === 0) throw new CliError(`${a}: no .yaml, .yml, .json or .csv files`, EXIT.badInput);
    out.push(...files);
  }
  return out;
}

const EXPLAIN_HINT = "\n  Which actors pull each forecast: add --explain.\n";

function looksLikeKtab(file: string): boolean {
  const head = (readTextFile(file).split(/\r?\n/, 1)[0] ?? "").split(",");
  return head.length >= 4 && Number.isInteger(Number(head[2])) && Number.isInteger(Number(head[3]));
}

const isCsv = (file: string | undefined) => file?.toLowerCase().endsWith(".csv") ?? false;

/** `entente forecast [files...]`: where each issue is likely to land, how sure that is, and why. */
export function registerForecast(program: Command): void {
  program
    .command("forecast")
    .description(
      "forecast each issue with bargaining models (compromise, median, Nash, expected utility, KTAB SMP, ensemble, influence) and a seeded Monte Carlo; several files or a directory are forecast in one process on worker threads",
    )
    .argument(
      "[files...]",
      "scenario YAML files, KTAB SMP input CSVs or directories of them (the default scenario if omitted)",
    )
    .addOption(
      new Option(
        "--model <name>",
        "headline model (compromise by default; influence, with actor weights learned from DEU III, beats it there under nested cross-validation but only for EU actors; see docs/forecast.md)",
      )
        .choices([...forecastModelNames])
        .default(DEFAULT_FORECAST_MODEL),
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
    .option("--threads <n>", "worker threads (for the Monte Carlo of one file, or across files)", "2")
    .option("--joint", "SMP: one multi-dimensional run over all issues (the default for a KTAB CSV)")
    .option("--no-joint", "SMP: one run per issue (the default for a scenario)")
    .option(
      "--explain",
      "also say which actors pull each forecast (leave-one-out: one run of the headline model per actor)",
    )
    .addOption(new Option("--format <format>", "output format").choices(["text", "json"]).default("text"))
    .option("--html <file>", "also write the forecast as a self-contained HTML page")
    .action(async (args: string[], opts: ForecastOptions) => {
      const files = args.length === 0 ? [undefined] : expandForecastFiles(args);
      const seed = wholeNumber("--seed", opts.seed, 0);
      const threads = wholeNumber("--threads", opts.threads, 1);
      const explain = opts.explain ?? false;
      const load = (file: string | undefined) =>
        isCsv(file) ? loadKtabCsv(file!) : loadScenario(file).scenario;
      const sectionOptions = (file: string | undefined) => {
        const csv = isCsv(file);
        return {
          model: opts.model,
          seed,
          runs: wholeNumber("--runs", opts.runs ?? (csv ? "0" : "1000"), 0),
          modelOptions: { joint: opts.joint ?? csv },
          explain,
        };
      };
      if (files.length === 1) {
        const file = files[0];
        const scenario = load(file);
        const o = sectionOptions(file);
        const distributions =
          o.runs > 0
            ? await runMonteCarlo(scenario, opts.model, o.runs, seed, o.modelOptions.joint, threads)
            : undefined;
        const options: Parameters<typeof buildForecastSection>[1] = { ...o, runs: 0 };
        if (distributions) options.distributions = distributions;
        const section: ForecastSection = buildForecastSection(scenario, options);
        const origin: ReportOrigin = {
          input: `scenario ${scenario.id}`,
          content: scenario,
          seed,
          settings: [`model ${opts.model}`, `${o.runs} draws`],
        };
        if (opts.html) {
          await loadChartKit();
          const colours = actorColourMap(
            [...scenario.actors].sort((a, b) => b.capability.value - a.capability.value).map((a) => a.id),
          );
          const names = new Map(scenario.actors.map((a) => [a.id, a.name]));
          writeReportFile(
            opts.html,
            withProvenance(
              htmlPage(
                `Forecast — ${scenario.title}`,
                `<h1>${esc(scenario.title)}</h1>\n<h2>Forecast</h2>\n${renderForecastHtml(section, colours, names)}`,
              ),
              origin,
            ),
          );
        }
        if (opts.format === "json") process.stdout.write(`${JSON.stringify(section, null, 2)}\n`);
        else
          writeText(
            `${scenario.title}\n\n${renderForecastText(section)}\n${explain ? "" : EXPLAIN_HINT}${pc.dim(provenanceText(origin))}\n`,
          );
        return;
      }
      // Several files: every file is loaded (and checked) first, then forecast on worker threads.
      const scenarios = files.map((f) => load(f));
      const sections = await forecastBatch(
        scenarios.map((scenario, k) => ({ scenario, options: sectionOptions(files[k]) })),
        threads,
      );
      if (opts.html) {
        await loadChartKit();
        writeReportFile(
          opts.html,
          htmlPage(
            `Forecast — ${files.length} files`,
            scenarios
              .map(
                (s, k) =>
                  `<h1>${esc(s.title)}</h1>\n<p class="dim">${esc(files[k])}</p>\n${renderForecastHtml(sections[k]!)}`,
              )
              .join("\n"),
          ),
        );
      }
      if (opts.format === "json") {
        const out = sections.map((section, k) => ({ file: files[k], section }));
        process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
      } else {
        writeText(
          `${sections.map((section, k) => `${files[k]}: ${scenarios[k]!.title}\n\n${renderForecastText(section)}\n`).join("\n")}`,
        );
      }
    });
}
