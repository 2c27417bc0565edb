import { Command, CommanderError } from "commander";
import { registerAnalyze } from "./commands/analyze.js";
import { commandRegistrars } from "./commands/index.js";
import { registerValidate } from "./commands/validate.js";
import { CliError, EXIT } from "./io/cli-error.js";
import { errorListing, listedDetails } from "./io/error-listing.js";
import { detectWidth, setTextLayout } from "./render/terminal.js";

/** Commands whose text output is laid out for the terminal and take --wide and --all. */
const LAID_OUT = new Set(["analyze", "power", "forecast", "agree", "monitor", "validate", "evaluate"]);

/** Builds the `entente` program with every subcommand registered. */
export function buildProgram(): Command {
  const program = new Command("entente")
    .description("Entente: model, negotiate and monitor multilateral security guarantees")
    .version("0.1.0")
    .option("--all-errors", "list every error of a bad input, not only the first 50")
    // A subcommand's --help lists --all-errors too: a user reads one command's help, not the program's.
    .configureHelp({ showGlobalOptions: true })
    .showHelpAfterError()
    .exitOverride()
    .hook("preAction", (_program, action) => {
      errorListing.all = Boolean(action.optsWithGlobals().allErrors);
    });
  registerAnalyze(program);
  registerValidate(program);
  for (const register of commandRegistrars) register(program);
  for (const command of program.commands) {
    if (!LAID_OUT.has(command.name())) continue;
    command
      .option("--wide", "tables at full width, however wide the terminal (default: fit the terminal)")
      .option("--all", "list every item (actors, errors…) instead of the first few and a count");
  }
  // Each run lays its text out for the terminal it writes to (see render/terminal.ts).
  program.hook("preAction", (_program, action) => {
    const o = action.opts() as { wide?: boolean; all?: boolean };
    setTextLayout({ width: detectWidth(), wide: o.wide === true, all: o.all === true });
    errorListing.all ||= o.all === true;
  });
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
      for (const line of listedDetails(e.details, e.detailCount)) process.stderr.write(`${line}\n`);
      return e.exitCode;
    }
    process.stderr.write(`entente: unexpected error: ${e instanceof Error ? e.message : String(e)}\n`);
    if (process.env.ENTENTE_DEBUG) console.error(e);
    return EXIT.failure;
  }
}
