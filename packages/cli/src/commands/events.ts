import { appendFileSync, existsSync } from "node:fs";
import type { Command } from "commander";
import { CliError, EXIT } from "../io/cli-error.js";
import { readTextFile } from "../io/load-scenario.js";
import { loadEvents } from "./monitor-io.js";

interface ImportOptions {
  log?: string;
  server?: string;
  negotiation?: string;
  zone?: string;
}

/**
 * Posts validated events to a server's batch route, 1,000 per request (each request is all or
 * none). The token comes from ENTENTE_TOKEN, never from the command line.
 */
async function postToServer(
  server: string,
  negotiation: string,
  events: readonly unknown[],
): Promise<number> {
  const token = process.env.ENTENTE_TOKEN;
  if (!token)
    throw new CliError(
      "--server needs a session token in the ENTENTE_TOKEN environment variable",
      EXIT.badInput,
    );
  if (!/^\d+$/.test(negotiation))
    throw new CliError("--negotiation: expected a negotiation id", EXIT.badInput);
  const url = `${server.replace(/\/$/, "")}/api/negotiations/${negotiation}/monitoring/events`;
  let sent = 0;
  for (let i = 0; i < events.length; i += 1000) {
    const chunk = events.slice(i, i + 1000);
    let res: Response;
    try {
      res = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: JSON.stringify({ events: chunk }),
      });
    } catch (e) {
      throw new CliError(`cannot reach ${url}: ${(e as Error).message}`, EXIT.failure);
    }
    if (!res.ok) {
      const body = (await res.json().catch(() => ({}))) as {
        error?: { message?: string; issues?: Array<{ path: string; message: string }> };
      };
      const issues = (body.error?.issues ?? []).map((x) => `  ${x.path}: ${x.message}`);
      throw new CliError(
        `${url}: ${res.status} ${body.error?.message ?? res.statusText} (events ${i + 1}–${i + chunk.length}; ${sent} sent before)`,
        res.status === 400 || res.status === 403 || res.status === 409 ? EXIT.badInput : EXIT.failure,
        issues,
      );
    }
    sent += chunk.length;
  }
  return sent;
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
    .description(
      "validate an event file and append its events to an append-only JSON Lines log, or post them to a server",
    )
    .argument("<file>", "event file: .csv, .json or .jsonl")
    .option("--log <file>", "the event log (JSON Lines), created if absent")
    .option("--server <url>", "post to this Entente server instead (token in ENTENTE_TOKEN)")
    .option("--negotiation <id>", "with --server: the negotiation whose agreement is monitored")
    .option("--zone <zone>", "IANA zone for times written without an offset")
    .action(async (file: string, opts: ImportOptions) => {
      if (opts.server) {
        if (!opts.negotiation) throw new CliError("--server needs --negotiation <id>", EXIT.badInput);
        const events = loadEvents(file, opts.zone ? { zone: opts.zone } : {});
        const n = await postToServer(opts.server, opts.negotiation, events);
        process.stdout.write(`posted ${n} event${n === 1 ? "" : "s"} to negotiation ${opts.negotiation}\n`);
        return;
      }
      if (!opts.log) throw new CliError("give --log <file> (a local log) or --server <url>", EXIT.badInput);
      const log = opts.log;
      const stored = existsSync(log) ? loadEvents(log, {}, true) : [];
      const knownIds = new Set(stored.map((e) => e.id));
      const fresh = loadEvents(file, { knownIds, ...(opts.zone ? { zone: opts.zone } : {}) });
      const text = fresh.map((e) => JSON.stringify(e)).join("\n");
      try {
        const existing = existsSync(log) ? readTextFile(log, 512 * 1024 * 1024) : "";
        const sep = existing.length > 0 && !existing.endsWith("\n") ? "\n" : "";
        if (fresh.length) appendFileSync(log, `${sep}${text}\n`);
      } catch (e) {
        if (e instanceof CliError) throw e;
        throw new CliError(`cannot write ${log}: ${(e as Error).message}`, EXIT.failure);
      }
      process.stdout.write(
        `imported ${fresh.length} event${fresh.length === 1 ? "" : "s"} into ${log} (${stored.length + fresh.length} in all)\n`,
      );
    });
}
