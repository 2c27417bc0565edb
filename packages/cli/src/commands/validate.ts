import { formatScenarioError, locateProblems, parseScenario, scenarioWarnings } from "@entente/core";
import type { Command } from "commander";
import { CliError, EXIT } from "../io/cli-error.js";
import { listedDetails, parseOptions } from "../io/error-listing.js";
import { explainErrors } from "../io/explain-errors.js";
import { readTextFile } from "../io/load-scenario.js";

/** `entente validate FILE...`: checks scenario files and lists every error in every file. */
export function registerValidate(program: Command): void {
  program
    .command("validate")
    .description(
      "check scenario files; every error is printed as file:line:column field: message, and semantic slips (a red line rejecting the actor's own ideal, a red line on an issue of salience 0) as warnings",
    )
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
        if (result.ok) {
          const s = result.scenario;
          const found = scenarioWarnings(s);
          const warnings = found.length ? locateProblems(text, file, found) : [];
          const w = warnings.length;
          process.stdout.write(
            `${file}: ok (${s.actors.length} actors, ${s.issues.length} issues, ${s.positions.length} positions)${w ? `, ${w} warning${w === 1 ? "" : "s"}` : ""}\n`,
          );
          for (const line of listedDetails(
            warnings.map((x) => formatScenarioError({ ...x, message: `warning: ${x.message}` })),
          ))
            process.stdout.write(`${line}\n`);
        } else {
          const explained = explainErrors(text, file, result);
          problems.push(...explained.lines);
          failed.push(file);
          count += explained.count;
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
