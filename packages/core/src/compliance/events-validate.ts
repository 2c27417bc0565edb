import { eventSchema, type MonitoringEvent } from "./events.js";
import { parseInstant, TimeError } from "./time.js";

/** One problem in an event file, located so an editor can jump to it. */
export interface EventFileError {
  code:
    | "syntax"
    | "invalid_field"
    | "unknown_field"
    | "invalid_time"
    | "duplicate_id"
    | "unknown_reference"
    | "inconsistent";
  file: string;
  line: number;
  /** 1-based column (JSON); absent for CSV, where `path` names the column. */
  column?: number;
  /** Field path inside the event, e.g. ["count"] or ["evidence", 0]. */
  path: Array<string | number>;
  message: string;
}

/** Result of reading an event file: every event, or every error (nothing is half-imported). */
export type EventImportResult =
  | {
      ok: true;
      events: MonitoringEvent[];
      /** The line each event starts on, when read from a file (same order as `events`). */
      lines?: number[];
    }
  | { ok: false; errors: EventFileError[] };

/** `file:line[:column] path: message`, the form editors and CI annotate. */
export function formatEventFileError(e: EventFileError): string {
  const at = e.column === undefined ? `${e.file}:${e.line}` : `${e.file}:${e.line}:${e.column}`;
  const field = e.path.length ? ` ${e.path.join(".")}:` : "";
  return `${at}${field} ${e.message} [${e.code}]`;
}

export interface ImportOptions {
  /** Zone for times written without an offset and without a `zone` field. */
  zone?: string;
  /** Ids already in the log, so `supersedes` may point at them and new ids must differ. */
  knownIds?: ReadonlySet<string>;
}

/** Where a raw record sits in its file, and how to locate a field path inside it. */
export interface RawRecord {
  value: unknown;
  line: number;
  locate(path: Array<string | number>, atKey?: boolean): { line: number; column?: number };
}

/**
 * Validates raw records against the event schema, checks every time can be read as an instant,
 * ids are unique and `supersedes` points at a known event. Collects every error.
 */
export function validateEventRecords(
  file: string,
  records: readonly RawRecord[],
  options: ImportOptions = {},
): EventImportResult {
  const errors: EventFileError[] = [];
  const events: MonitoringEvent[] = [];
  const lines: number[] = [];
  const seen = new Set<string>(options.knownIds ?? []);
  const push = (
    r: RawRecord,
    path: Array<string | number>,
    code: EventFileError["code"],
    message: string,
  ) => {
    errors.push({ code, file, ...r.locate(path, code === "unknown_field"), path, message });
  };
  const parsed: Array<[MonitoringEvent, RawRecord]> = [];
  for (const r of records) {
    const result = eventSchema.safeParse(r.value);
    if (!result.success) {
      const bad = new Set(result.error.issues.map((i) => String(i.path[0])));
      if (r.value && typeof r.value === "object")
        checkTimes(r.value as Record<string, unknown>, options.zone, (path, message) => {
          if (!bad.has(String(path[0]))) push(r, path, "invalid_time", message);
        });
      for (const issue of result.error.issues) {
        if (issue.code === "unrecognized_keys") {
          for (const key of issue.keys)
            push(r, [...issue.path.map(pathKey), key], "unknown_field", `unknown field '${key}'`);
        } else push(r, issue.path.map(pathKey), "invalid_field", issue.message);
      }
      continue;
    }
    const e = result.data;
    let timesOk = true;
    checkTimes(e, options.zone, (path, message) => {
      timesOk = false;
      push(r, path, "invalid_time", message);
    });
    if (timesOk && e.recorded !== undefined) {
      const zone = e.zone ?? options.zone;
      if (parseInstant(e.recorded, zone) < parseInstant(e.time, zone))
        push(
          r,
          ["recorded"],
          "inconsistent",
          `recorded ${e.recorded} is before the event's time ${e.time}: an event enters the log when or after it happens`,
        );
    }
    if (seen.has(e.id)) push(r, ["id"], "duplicate_id", `duplicate event id '${e.id}'`);
    seen.add(e.id);
    parsed.push([e, r]);
  }
  const corrects = new Map(
    parsed.flatMap(([e]) => (e.supersedes === undefined ? [] : [[e.id, e.supersedes]])),
  );
  for (const [e, r] of parsed) {
    if (e.supersedes === e.id)
      push(
        r,
        ["supersedes"],
        "inconsistent",
        `event '${e.id}' supersedes itself; a correction names the earlier event it replaces`,
      );
    else if (e.supersedes !== undefined && !seen.has(e.supersedes))
      push(r, ["supersedes"], "unknown_reference", `supersedes unknown event '${e.supersedes}'`);
    else if (e.supersedes !== undefined) {
      const chain = supersedeChain(e.id, corrects);
      if (chain)
        push(
          r,
          ["supersedes"],
          "inconsistent",
          `corrections form a circle: ${chain.join(" → ")}; each correction must replace an earlier event`,
        );
    }
    events.push(e);
    lines.push(r.line);
  }
  if (errors.length) {
    errors.sort((a, b) => a.line - b.line || (a.column ?? 0) - (b.column ?? 0));
    return { ok: false, errors };
  }
  return { ok: true, events, lines };
}

/** The circle of corrections `id` lies on (`id → … → id`), or undefined when it leads out of the file. */
function supersedeChain(id: string, corrects: ReadonlyMap<string, string>): string[] | undefined {
  const trail = [id];
  for (let next = corrects.get(id); next !== undefined; next = corrects.get(next)) {
    if (next === id) return [...trail, id];
    if (trail.includes(next)) return undefined; // a circle that does not pass through `id`
    trail.push(next);
  }
  return undefined;
}

/** Reports every time field that cannot be read as an instant (no offset and no zone, bad date). */
function checkTimes(
  e: Record<string, unknown>,
  defaultZone: string | undefined,
  report: (path: Array<string | number>, message: string) => void,
): void {
  const zone = typeof e.zone === "string" ? e.zone : defaultZone;
  for (const field of ["time", "recorded", "start", "end"]) {
    const text = e[field];
    if (typeof text !== "string") continue;
    try {
      parseInstant(text, zone);
    } catch (err) {
      if (err instanceof TimeError) report([field], err.message);
      else throw err;
    }
  }
}

function pathKey(k: PropertyKey): string | number {
  return typeof k === "number" ? k : String(k);
}
