import { readdirSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import {
  type BacktestCase,
  backtestCases,
  backtestModelNames,
  deuToScenarios,
  type Evaluation,
  evaluateBacktest,
  type ForecastModelName,
  forecastModelNames,
  type ModelScore,
  parseDeu,
  type Scenario,
  type SkippedCase,
} from "@entente/core";
import type { Command } from "commander";
import { Option } from "commander";
import { CliError, EXIT } from "../io/cli-error.js";
import { loadScenario, readTextFile } from "../io/load-scenario.js";
import { writeReportFile } from "../io/write-report.js";
import { esc, htmlPage, htmlTable } from "../render/html.js";
import { writeText } from "../render/terminal.js";
import { num, textTable } from "../render/text-table.js";
import { wholeNumber } from "./forecast.js";

/** Whether a file is DEU III's tab-separated layout (a `.tsv` name or a header with `isnr` and tabs). */
function isDeu(file: string, text: string): boolean {
  const head = text.slice(0, text.indexOf("\n") >>> 0);
  return file.toLowerCase().endsWith(".tsv") || (head.includes("\t") && head.includes("isnr"));
}

/** DEU III as scenarios, one per proposal (what `entente import deu` writes). */
export function loadDeuScenarios(file: string): Scenario[] {
  const r = parseDeu(readTextFile(file, 64 * 1024 * 1024));
  if (!r.ok) {
    throw new CliError(
      `${file}: ${r.errors.length} error(s) reading DEU III`,
      EXIT.badInput,
      r.errors.map((e) => `${file}:${e.line}:${e.column}: ${e.message} [${e.code}]`),
    );
  }
  return deuToScenarios(r.issues, basename(file));
}

/** The scenarios of a backtest input: a DEU III file, a directory of scenarios, or one scenario file. */
export function loadBacktestScenarios(path: string): Scenario[] {
  let dir = false;
  try {
    dir = statSync(path).isDirectory();
  } catch {
    throw new CliError(`${path}: no such file or directory`, EXIT.badInput);
  }
  if (dir) {
    const files = readdirSync(path)
      .filter((f) => /\.(ya?ml|json)$/i.test(f))
      .sort();
    if (files.length === 0)
      throw new CliError(`${path}: no .yaml, .yml or .json scenario files`, EXIT.badInput);
    return files.map((f) => loadScenario(join(path, f)).scenario);
  }
  const text = readTextFile(path, 64 * 1024 * 1024);
  return isDeu(path, text) ? loadDeuScenarios(path) : [loadScenario(path).scenario];
}

const pct = (x: number) => `${Math.round(x * 100)}%`;
const interval = (s: ModelScore) =>
  s.model === "compromise"
    ? "–"
    : `${s.versusCompromise.difference >= 0 ? "+" : ""}${num(s.versusCompromise.difference)} [${num(s.versusCompromise.lo)}, ${num(s.versusCompromise.hi)}]`;
const scoreRow = (s: ModelScore) => [
  s.model,
  num(s.mae),
  num(s.rmse),
  num(s.medianError, 1),
  pct(s.within10),
  interval(s),
];
const HEAD = ["model", "MAE", "RMSE", "median error", "within 10", "MAE − compromise [95% CI]"];

/** The evaluation as text: fixed models, nested cross-validation, coverage, skipped issues. */
export function renderEvaluationText(ev: Evaluation, title: string): string {
  const o = ev.nestedOptions;
  const failures = [...ev.fixed, ...ev.nested].reduce((a, s) => a + s.failures, 0);
  const lines = [
    `${title}: ${ev.cases.length} issues scored, ${ev.skipped.length} skipped, ${failures} failed forecast${failures === 1 ? "" : "s"}`,
    "",
    "Every model on every issue (0–100 scale; nothing fitted):",
    textTable(HEAD, ev.fixed.map(scoreRow)),
    "",
    `Fitted models under nested cross-validation (${o.outerFolds} outer folds score, ${o.innerFolds} inner folds choose; seed ${o.seed}):`,
    textTable(HEAD, ev.nested.map(scoreRow)),
    `  selected per outer fold: ${ev.nested[ev.nested.length - 1]!.chosen.join(", ")}`,
    `  intervals: paired bootstrap, ${o.resamples} resamples of issues, seed ${o.seed}`,
  ];
  if (ev.coverage) {
    lines.push(
      "",
      "Coverage of the 90% Monte Carlo interval (noise model: every capability, position and salience at confidence 0.8 — position SD 5 points, salience SD 0.05, capability × e^N(0, 0.1)):",
      textTable(
        ["model", "draws", "outcomes inside", "share"],
        ev.coverage.map((c) => [c.model, String(c.runs), `${c.covered}/${ev.cases.length}`, pct(c.share)]),
      ),
    );
  }
  return `${lines.join("\n")}\n`;
}

/** Per-issue forecasts and errors as CSV: one row per issue, a forecast and an error column per model. */
export function evaluationCsv(ev: Evaluation): string {
  const header = [
    "scenario",
    "issue",
    "outcome",
    ...backtestModelNames.flatMap((m) => [`${m}`, `${m}_error`]),
  ];
  const rows = ev.cases.map((c) => [
    c.scenario,
    c.issue,
    String(c.outcome),
    ...backtestModelNames.flatMap((m) => [
      c.forecasts[m].toFixed(4),
      (c.forecasts[m] - c.outcome).toFixed(4),
    ]),
  ]);
  const cell = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  return `${[header, ...rows].map((r) => r.map(cell).join(",")).join("\n")}\n`;
}

/** An inline SVG: each model's MAE as a bar, its paired 95% interval (shifted to the compromise MAE) as a whisker. */
export function maeChartSvg(scores: readonly ModelScore[]): string {
  const rowH = 24;
  const left = 150;
  const width = 640;
  const plot = width - left - 60;
  const max =
    Math.max(
      ...scores.map((s) => Math.max(s.mae, s.mae - s.versusCompromise.difference + s.versusCompromise.hi)),
    ) * 1.05;
  const x = (v: number) => left + (v / max) * plot;
  const base = scores.find((s) => s.model === "compromise")?.mae ?? 0;
  const bars = scores
    .map((s, i) => {
      const y = 10 + i * rowH;
      const lo = base + s.versusCompromise.lo;
      const hi = base + s.versusCompromise.hi;
      const whisker =
        s.model === "compromise"
          ? ""
          : `<line x1="${x(lo).toFixed(1)}" x2="${x(hi).toFixed(1)}" y1="${y + 8}" y2="${y + 8}" stroke="#1d2433" stroke-width="1.5"/>`;
      return `<text x="${left - 8}" y="${y + 12}" text-anchor="end" font-size="12">${esc(s.model)}</text><rect x="${left}" y="${y + 2}" width="${(x(s.mae) - left).toFixed(1)}" height="12" fill="${s.model === "compromise" ? "#f5a524" : "#7a9cc6"}"/>${whisker}<text x="${(x(s.mae) + 4).toFixed(1)}" y="${y + 12}" font-size="11">${num(s.mae)}</text>`;
    })
    .join("");
  const h = 20 + scores.length * rowH;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${h}" width="${width}" height="${h}" role="img" aria-label="mean absolute error per model"><line x1="${x(base).toFixed(1)}" x2="${x(base).toFixed(1)}" y1="4" y2="${h - 4}" stroke="#f5a524" stroke-dasharray="3 3"/>${bars}</svg>`;
}

/** The evaluation as a self-contained HTML page with the MAE chart and both tables. */
export function renderEvaluationHtml(ev: Evaluation, title: string): string {
  const table = (scores: readonly ModelScore[]) =>
    htmlTable(
      HEAD,
      scores.map((s) => scoreRow(s).map(esc)),
      [1, 2, 3, 4],
    );
  const body = [
    `<h1>${esc(title)}</h1>`,
    `<p>${ev.cases.length} issues scored, ${ev.skipped.length} skipped. Bars: mean absolute error (0–100 scale); whiskers: the paired bootstrap 95% interval of each model's MAE minus the compromise model's, drawn around the compromise MAE (dashed line). A whisker wholly left of the line would mean a model reliably beats the compromise model.</p>`,
    "<h2>Every model on every issue</h2>",
    maeChartSvg(ev.fixed),
    table(ev.fixed),
    "<h2>Fitted models under nested cross-validation</h2>",
    maeChartSvg(ev.nested),
    table(ev.nested),
    `<p class="dim">Selected per outer fold: ${esc(ev.nested[ev.nested.length - 1]!.chosen.join(", "))}</p>`,
  ];
  return htmlPage(title, body.join("\n"));
}

interface EvaluateOptions {
  csv?: string;
  html?: string;
  runs: string;
  seed: string;
  format: "text" | "json";
  mcModel: ForecastModelName[];
}

/** `entente evaluate FILE`: a backtest of every forecast model against recorded outcomes. */
export function registerEvaluate(program: Command): void {
  program
    .command("evaluate")
    .description(
      "backtest every forecast model against recorded outcomes: MAE, RMSE, median error, share within 10 points, nested cross-validation of fitted models",
    )
    .argument(
      "<file>",
      "DEU III tab-separated file, a directory of scenarios, or a scenario whose issues record an `outcome`",
    )
    .option("--csv <file>", "write per-issue forecasts and errors as CSV")
    .option("--html <file>", "write the backtest as a self-contained HTML page with a chart")
    .option("--runs <n>", "Monte Carlo draws per issue for the coverage of the 90% interval (0: none)", "0")
    .addOption(
      new Option("--mc-model <name...>", "models whose Monte Carlo coverage is measured")
        .choices([...forecastModelNames])
        .default(["compromise"]),
    )
    .option("--seed <s>", "seed of the folds, the bootstrap and the Monte Carlo", "1")
    .addOption(new Option("--format <format>", "output format").choices(["text", "json"]).default("text"))
    .action((file: string, opts: EvaluateOptions) => {
      const scenarios = loadBacktestScenarios(file);
      const cases: BacktestCase[] = [];
      const skipped: SkippedCase[] = [];
      for (const s of scenarios) {
        const r = backtestCases(s);
        cases.push(...r.cases);
        skipped.push(...r.skipped);
      }
      if (cases.length < 2) {
        throw new CliError(
          `${file}: ${cases.length} issue(s) with a recorded outcome and two actors holding a position; need at least 2`,
          EXIT.badInput,
        );
      }
      const ev = evaluateBacktest(cases, skipped, {
        seed: wholeNumber("--seed", opts.seed, 0),
        runs: wholeNumber("--runs", opts.runs, 0),
        coverageModels: opts.mcModel,
        outerFolds: Math.min(10, cases.length),
        innerFolds: Math.min(5, Math.max(2, cases.length - Math.ceil(cases.length / 10))),
      });
      const title = `Backtest of ${basename(file)}`;
      if (opts.csv) writeReportFile(opts.csv, evaluationCsv(ev), "per-issue errors (CSV)");
      if (opts.html) writeReportFile(opts.html, renderEvaluationHtml(ev, title));
      if (opts.format === "json") process.stdout.write(`${JSON.stringify(ev, null, 2)}\n`);
      else writeText(renderEvaluationText(ev, title));
    });
}
