import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { analyzeScenario, scenarioToYaml } from "@entente/core";
import { SheetError, type Table, tablesToXlsx, tableToCsv, xlsxToTables } from "@entente/sheets";
import type { Command } from "commander";
import { CliError, EXIT } from "../io/cli-error.js";
import { loadScenario } from "../io/load-scenario.js";
import { writeReportFile } from "../io/write-report.js";
import { analysisToTables, scenarioToTables, tablesToScenario } from "../spreadsheet/scenario-sheets.js";
import { importParent } from "./import-parent.js";

/** The "about" sheet of an exported scenario: how to read and fill in the other sheets. */
const ABOUT = [
  "An Entente scenario as a workbook (docs/spreadsheets.md). Edit it, then: entente import xlsx FILE.xlsx -o scenario.yaml",
  "Sheets: scenario (title and other top-level fields), actors, issues, options (one row per option, its issue first), positions, mechanisms, agreement.",
  "Column headers: name = one value; a.b = field b of a (e.g. capability.value); name[] = a list written 'a, b, c'; name{} = JSON.",
  "Every number describing a real actor needs a source and a confidence (columns source, confidence, capability.source…).",
];

/** `entente import xlsx FILE.xlsx`: a workbook in the layout of `entente export xlsx` as a scenario file. */
export function registerImportXlsx(program: Command): void {
  importParent(program)
    .command("xlsx")
    .description(
      "convert a workbook (sheets scenario, actors, issues, options, positions, mechanisms, agreement; see docs/spreadsheets.md) into a scenario; errors name the sheet, row and column",
    )
    .argument("<file>", "an .xlsx workbook, e.g. one written by `entente export xlsx`")
    .option("-o, --output <file>", "write the scenario here instead of to stdout")
    .option("--force", "overwrite the output file if it exists")
    .action(async (file: string, opts: { output?: string; force?: boolean }) => {
      let data: Uint8Array;
      try {
        data = readFileSync(file);
      } catch (e) {
        throw new CliError(
          `${file}: ${(e as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (e as Error).message}`,
          EXIT.badInput,
        );
      }
      let tables: Table[];
      try {
        tables = await xlsxToTables(data);
      } catch (e) {
        throw new CliError(`${file}: not a readable .xlsx workbook (${(e as Error).message})`, EXIT.badInput);
      }
      let yaml: string;
      try {
        const scenario = tablesToScenario(tables);
        yaml = scenarioToYaml(
          scenario,
          `Imported from the workbook ${basename(file)} by \`entente import xlsx\`.`,
        );
      } catch (e) {
        if (!(e instanceof SheetError)) throw e;
        const n = e.problems.length;
        throw new CliError(
          `${file}: ${n} problem${n === 1 ? "" : "s"}`,
          EXIT.badInput,
          e.problems.map(
            (p) =>
              `${file}: sheet ${p.sheet}, row ${p.row}${p.column ? `, column ${p.column}` : ""}: ${p.message}`,
          ),
        );
      }
      if (opts.output) {
        if (existsSync(opts.output) && !opts.force)
          throw new CliError(`${opts.output}: exists; pass --force to overwrite`, EXIT.badInput);
        writeReportFile(opts.output, yaml, "scenario");
      } else process.stdout.write(yaml);
    });
}

/** `entente export xlsx|csv [scenario]`: a scenario (or its analysis) as a workbook or CSV files. */
export function registerExport(program: Command): void {
  program
    .command("export")
    .description(
      "write a scenario (or with --analysis its baseline analysis) as an .xlsx workbook — the template for `entente import xlsx` — or as one CSV file per sheet",
    )
    .argument("<format>", "xlsx or csv")
    .argument("[file]", "scenario YAML file (the default scenario if omitted)")
    .requiredOption("-o, --output <path>", "the .xlsx file to write; for csv, a folder for one CSV per sheet")
    .option(
      "--analysis",
      "export the analysis (forecasts, distances, red lines crossed, utilities) instead of the scenario",
    )
    .action(
      async (format: string, file: string | undefined, opts: { output: string; analysis?: boolean }) => {
        if (format !== "xlsx" && format !== "csv")
          throw new CliError(`export: the format is xlsx or csv, got '${format}'`, EXIT.badInput);
        const { scenario } = loadScenario(file);
        const tables = opts.analysis
          ? analysisToTables(analyzeScenario(scenario))
          : scenarioToTables(scenario);
        if (format === "xlsx") {
          writeReportFile(
            opts.output,
            await tablesToXlsx(tables, opts.analysis ? undefined : ABOUT),
            "workbook",
          );
          return;
        }
        try {
          mkdirSync(opts.output, { recursive: true });
        } catch (e) {
          throw new CliError(`cannot create ${opts.output}: ${(e as Error).message}`, EXIT.failure);
        }
        for (const t of tables) writeFileSync(join(opts.output, `${t.name}.csv`), tableToCsv(t));
        process.stderr.write(
          `${tables.length} CSV files (${tables.map((t) => `${t.name}.csv`).join(", ")}) written to ${opts.output}\n`,
        );
      },
    );
}
