import { Command, CommanderError } from "commander";
import { registerAnalyze } from "./commands/analyze.js";
import { commandRegistrars } from "./commands/index.js";
import { registerValidate } from "./commands/validate.js";
import { CliError, EXIT } from "./io/cli-error.js";

/** Builds the `entente` program with every subcommand registered. */
export function buildProgram(): Command {
  const program = new Command("entente")
    .description("Entente: model, negotiate and monitor multilateral security guarantees")
    .version("0.1.0")
    .showHelpAfterError()
    .exitOverride();
  registerAnalyze(program);
  registerValidate(program);
  for (const register of commandRegistrars) register(program);
  return program;
}

/** Runs the CLI and returns its exit code; errors are printed without stack traces. */
export async function runCli(argv: readonly string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv, { from: "user" });
    return EXIT.ok;
  } catch (e) {
    if (e instanceof CommanderError) {
      // Commander has already printed its message (or the help / version text).
      return e.exitCode === 0 ? EXIT.ok : EXIT.badInput;
    }
    if (e instanceof CliError) {
      process.stderr.write(`entente: ${e.message}\n`);
      for (const line of e.details) process.stderr.write(`${line}\n`);
      return e.exitCode;
    }
    process.stderr.write(`entente: unexpected error: ${e instanceof Error ? e.message : String(e)}\n`);
    if (process.env.ENTENTE_DEBUG) console.error(e);
    return EXIT.failure;
  }
}
