import { appendFileSync, existsSync } from "node:fs";
import type { Command } from "commander";
import { CliError, EXIT } from "../io/cli-error.js";
import { readTextFile } from "../io/load-scenario.js";
import { loadEvents } from "./monitor-io.js";

interface ImportOptions {
  log: string;
  zone?: string;
}

/**
 * `entente events check FILE` and `entente events import FILE --log LOG.jsonl`. The log is
 * append-only: an import either adds every event of the file or, on any error, none — what is
 * already stored is never rewritten.
 */
export function registerEvents(program: Command): void {
  const events = program.command("events").description("check and import monitoring events (CSV or JSON)");
  events
    .command("check")
    .description("validate an event file and report every error with file:line[:column] and field")
    .argument("<file>", "event file: .csv, .json or .jsonl")
    .option("--zone <zone>", "IANA zone for times written without an offset")
    .action((file: string, opts: { zone?: string }) => {
      const list = loadEvents(file, opts.zone ? { zone: opts.zone } : {});
      process.stdout.write(`${file}: ${list.length} valid event${list.length === 1 ? "" : "s"}\n`);
    });
  events
    .command("import")
    .description("validate an event file and append its events to an append-only JSON Lines log")
    .argument("<file>", "event file: .csv, .json or .jsonl")
    .requiredOption("--log <file>", "the event log (JSON Lines), created if absent")
    .option("--zone <zone>", "IANA zone for times written without an offset")
    .action((file: string, opts: ImportOptions) => {
      const stored = existsSync(opts.log) ? loadEvents(opts.log, {}, true) : [];
      const knownIds = new Set(stored.map((e) => e.id));
      const fresh = loadEvents(file, { knownIds, ...(opts.zone ? { zone: opts.zone } : {}) });
      const text = fresh.map((e) => JSON.stringify(e)).join("\n");
      try {
        const existing = existsSync(opts.log) ? readTextFile(opts.log, 512 * 1024 * 1024) : "";
        const sep = existing.length > 0 && !existing.endsWith("\n") ? "\n" : "";
        if (fresh.length) appendFileSync(opts.log, `${sep}${text}\n`);
      } catch (e) {
        if (e instanceof CliError) throw e;
        throw new CliError(`cannot write ${opts.log}: ${(e as Error).message}`, EXIT.failure);
      }
      process.stdout.write(
        `imported ${fresh.length} event${fresh.length === 1 ? "" : "s"} into ${opts.log} (${stored.length + fresh.length} in all)\n`,
      );
    });
}
