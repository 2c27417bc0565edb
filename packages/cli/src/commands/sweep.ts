import {
  AgreementError,
  AnalysisOptionsError,
  MAX_SWEEP_POINTS,
  runSweep,
  SweepError,
  type SweepResult,
} from "@entente/core";
import { type Command, Option } from "commander";
import { CliError, EXIT } from "../io/cli-error.js";
import { loadScenario } from "../io/load-scenario.js";
import { writeText } from "../render/terminal.js";
import { num, textTable } from "../render/text-table.js";
import { agreementErrorToCli } from "./agree.js";
import { type AnalysisFlags, addAnalysisFlags, analysisOptionsFromFlags } from "./analysis-flags.js";

/**
 * Reads `--values`: a list (`0,0.25,0.5`) or a range with a step (`0..1:0.1`, both ends included).
 * Values of a range are rounded to 12 decimals, so 0.1 steps give 0.3, not 0.30000000000000004.
 */
export function parseSweepValues(text: string): number[] {
  const range = /^\s*(-?[\d.]+)\s*\.\.\s*(-?[\d.]+)\s*:\s*([\d.]+)\s*$/.exec(text);
  if (range) {
    const [from, to, step] = [Number(range[1]), Number(range[2]), Number(range[3])];
    if (![from, to, step].every(Number.isFinite) || step <= 0 || to < from)
      throw new CliError(
        `--values: expected FROM..TO:STEP with FROM ≤ TO and STEP > 0, got '${text}'`,
        EXIT.badInput,
      );
    const n = Math.floor((to - from) / step + 1e-9) + 1;
    if (n > MAX_SWEEP_POINTS)
      throw new CliError(`--values: '${text}' is ${n} values, more than ${MAX_SWEEP_POINTS}`, EXIT.badInput);
    return Array.from({ length: n }, (_, i) => Math.round((from + i * step) * 1e12) / 1e12);
  }
  const values = text.split(",").map((s) => s.trim());
  if (values.length === 0 || values.some((v) => !/^-?\d+(\.\d+)?$/.test(v)))
    throw new CliError(
      `--values: expected numbers such as 0,0.5,1 or a range such as 0..1:0.1, got '${text}'`,
      EXIT.badInput,
    );
  return values.map(Number);
}

const collect = (v: string, prev: string[] = []) => [...prev, v];

/** Up to this many points, the table has one column per point (metrics as rows); beyond, one row per point. */
const POINT_COLUMNS = 12;

/** The sweep as a terminal table of every metric at every point of the grid, with its provenance. */
export function renderSweepText(r: SweepResult): string {
  const cell = (v: unknown) =>
    typeof v === "number" ? num(v, 3) : v === null || v === undefined ? "—" : String(v);
  const at = (p: SweepResult["points"][number]) => p.at.map((v) => num(v, 3)).join(" × ");
  const names = r.axes.map((a) => a.parameter).join(" × ");
  const head = `Sweep of ${names} (${r.points.length} points; sections ${r.provenance.options.sections.join(", ")})`;
  const table =
    r.points.length <= POINT_COLUMNS
      ? textTable(
          [names, ...r.points.map(at)],
          r.metrics.map((m) => [m, ...r.points.map((p) => cell(p.metrics[m]))]),
        )
      : textTable(
          [...r.axes.map((a) => a.parameter), ...r.metrics],
          r.points.map((p) => [...p.at.map((v) => num(v, 3)), ...r.metrics.map((m) => cell(p.metrics[m]))]),
        );
  const prov = r.provenance;
  return `${head}\n${table}\nProvenance: entente ${prov.engine.version} · scenario ${prov.scenario.id} ${prov.scenario.hash.slice(0, 19)}… · seed ${prov.seed}\n`;
}

/** `entente sweep [file] --param P --values V [--param P2 --values V2]`: one analysis over a grid. */
export function registerSweep(program: Command): void {
  const cmd = program
    .command("sweep")
    .description(
      "re-run the analysis over a grid of values of one or two parameters (e.g. a guarantor's support from 0 to 1)",
    )
    .argument("[file]", "scenario YAML file (the default scenario if omitted)")
    .option(
      "--param <parameter>",
      "support:GUARANTOR[:VIOLATOR], salience:ACTOR[:ISSUE], capability:ACTOR or batna:ACTOR (give twice for a grid)",
      collect,
    )
    .option("--values <values>", "values of the matching --param: 0,0.5,1 or 0..1:0.1", collect)
    .addOption(new Option("--format <format>", "output format").choices(["text", "json"]).default("text"));
  addAnalysisFlags(cmd).action(
    (
      file: string | undefined,
      opts: AnalysisFlags & { param?: string[]; values?: string[]; format: "text" | "json" },
    ) => {
      const params = opts.param ?? [];
      const values = opts.values ?? [];
      if (params.length < 1 || params.length > 2 || values.length !== params.length)
        throw new CliError(
          "give one or two --param, each followed by its --values (e.g. --param support:us --values 0..1:0.1)",
          EXIT.badInput,
        );
      const { scenario } = loadScenario(file);
      const resolved = analysisOptionsFromFlags(opts);
      let result: SweepResult;
      try {
        result = runSweep(scenario, {
          axes: params.map((p, i) => ({ parameter: p, values: parseSweepValues(values[i]!) })),
          // Sections default to what the parameters move, unless --sections says otherwise.
          options: opts.sections === undefined ? { ...resolved, sections: undefined } : resolved,
        });
      } catch (e) {
        if (e instanceof SweepError) {
          const axis = Number(/^axes\[(\d)\]/.exec(e.path)?.[1] ?? 0);
          const reason = e.message.slice(e.path.length + 2);
          throw new CliError(`--param ${params[axis]} --values ${values[axis]}: ${reason}`, EXIT.badInput);
        }
        if (e instanceof AnalysisOptionsError) throw new CliError(`--${e.message}`, EXIT.badInput);
        if (e instanceof AgreementError) throw agreementErrorToCli(e);
        throw e;
      }
      if (opts.format === "json") process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      else writeText(renderSweepText(result));
    },
  );
}
