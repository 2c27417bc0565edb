import { existsSync, writeFileSync } from "node:fs";
import { basename } from "node:path";
import { scenarioToYaml } from "@entente/core";
import type { Command } from "commander";
import { CliError, EXIT } from "../io/cli-error.js";
import { loadKtabCsv } from "./forecast.js";
import { importParent } from "./import-parent.js";

interface ImportKtabOptions {
  output?: string;
  force?: boolean;
}

/** `entente import ktab FILE.csv`: a KTAB SMP input as an Entente scenario file. */
export function registerImportKtab(program: Command): void {
  importParent(program)
    .command("ktab")
    .description(
      "convert a KTAB SMP input CSV (name, description, actors, dimensions; then id, description, influence, position and salience per dimension) into a scenario",
    )
    .argument("<file>", "KTAB SMP input CSV")
    .option("-o, --output <file>", "write the scenario here instead of to stdout")
    .option("--force", "overwrite the output file if it exists")
    .action((file: string, opts: ImportKtabOptions) => {
      const scenario = loadKtabCsv(file);
      const yaml = scenarioToYaml(
        scenario,
        `Imported from the KTAB SMP input ${basename(file)} by \`entente import ktab\`.\nConfidences are not in KTAB files: 0.8 is assumed throughout; edit them to your knowledge.`,
      );
      if (opts.output) {
        if (existsSync(opts.output) && !opts.force) {
          throw new CliError(`${opts.output}: exists; pass --force to overwrite`, EXIT.badInput);
        }
        writeFileSync(opts.output, yaml);
        process.stderr.write(
          `wrote ${opts.output}: ${scenario.actors.length} actors, ${scenario.issues.length} issues\n`,
        );
      } else process.stdout.write(yaml);
    });
}
