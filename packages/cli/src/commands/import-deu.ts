import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { scenarioToYaml } from "@entente/core";
import type { Command } from "commander";
import { CliError, EXIT } from "../io/cli-error.js";
import { loadDeuScenarios } from "./evaluate.js";
import { importParent } from "./import-parent.js";

interface ImportDeuOptions {
  output: string;
  force?: boolean;
}

/** `entente import deu FILE.tsv -o DIR`: DEU III as one scenario per legislative proposal. */
export function registerImportDeu(program: Command): void {
  importParent(program)
    .command("deu")
    .description(
      "convert DEU III (tab-separated, capabilities on row 2) into one scenario per proposal, with reference points, procedures and recorded outcomes",
    )
    .argument("<file>", "DEU III tab-separated file")
    .requiredOption("-o, --output <dir>", "directory to write the scenarios into")
    .option("--force", "overwrite scenario files that exist")
    .action((file: string, opts: ImportDeuOptions) => {
      const scenarios = loadDeuScenarios(file);
      mkdirSync(opts.output, { recursive: true });
      for (const s of scenarios) {
        const path = join(opts.output, `${s.id}.yaml`);
        if (existsSync(path) && !opts.force) {
          throw new CliError(`${path}: exists; pass --force to overwrite`, EXIT.badInput);
        }
        writeFileSync(
          path,
          scenarioToYaml(
            s,
            "Imported from DEU III by `entente import deu`.\nConfidences are not in DEU: 0.8 is assumed throughout; edit them to your knowledge.",
          ),
        );
      }
      const issues = scenarios.reduce((a, s) => a + s.issues.length, 0);
      process.stderr.write(`wrote ${scenarios.length} scenarios (${issues} issues) to ${opts.output}\n`);
    });
}
