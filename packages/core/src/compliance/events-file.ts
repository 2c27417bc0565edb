import { parseEventsCsv } from "./events-csv.js";
import { parseEventsJson, parseEventsJsonLines } from "./events-json.js";
import type { EventImportResult, ImportOptions } from "./events-validate.js";

/** The formats an event file may be written in. */
export type EventFileFormat = "csv" | "json" | "jsonl";

/** The format of an event file by its name: `.json`, `.jsonl`/`.ndjson`, anything else CSV. */
export function eventFileFormat(file: string): EventFileFormat {
  const name = file.toLowerCase();
  if (name.endsWith(".json")) return "json";
  if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) return "jsonl";
  return "csv";
}

/**
 * Reads an event file's text — CSV, a JSON array (or `{ "events": [...] }`) or JSON Lines — into
 * validated events, or every error with its line, column (JSON) and field. The one reader behind
 * `entente events`, `entente monitor` and the server's import route. Pure.
 */
export function parseEventText(
  text: string,
  file: string,
  format: EventFileFormat = eventFileFormat(file),
  options: ImportOptions = {},
): EventImportResult {
  if (format === "json") return parseEventsJson(text, file, options);
  if (format === "jsonl") return parseEventsJsonLines(text, file, options);
  return parseEventsCsv(text, file, options);
}
