import { formatScenarioError, parseScenario } from "@entente/core";
import type { Command } from "commander";
import { CliError, EXIT } from "../io/cli-error.js";
import { parseOptions } from "../io/error-listing.js";
import { readTextFile } from "../io/load-scenario.js";

/** `entente validate FILE...`: checks scenario files and lists every error in every file. */
export function registerValidate(program: Command): void {
  program
    .command("validate")
    .description("check scenario files; every error is printed as file:line:column field: message")
    .argument("<files...>", "scenario YAML files")
    .action((files: string[]) => {
      const problems: string[] = [];
      let count = 0;
      const failed: string[] = [];
      for (const file of files) {
        let text: string;
        try {
          text = readTextFile(file);
        } catch (e) {
          problems.push((e as Error).message);
          failed.push(file);
          count++;
          continue;
        }
        const result = parseScenario(text, file, parseOptions());
        if (result.ok)
          process.stdout.write(
            `${file}: ok (${result.scenario.actors.length} actors, ${result.scenario.issues.length} issues, ${result.scenario.positions.length} positions)\n`,
          );
        else {
          for (const e of result.errors) problems.push(formatScenarioError(e));
          failed.push(file);
          count += result.errorCount;
        }
      }
      if (count > 0)
        throw new CliError(
          `${failed.join(", ")}: ${count.toLocaleString("en-US")} error${count === 1 ? "" : "s"}`,
          EXIT.badInput,
          problems,
          count,
        );
    });
}
