import { isSeq, LineCounter, parseDocument } from "yaml";
import { locate } from "../model/locate.js";
import {
  type EventFileError,
  type EventImportResult,
  type ImportOptions,
  type RawRecord,
  validateEventRecords,
} from "./events-validate.js";

/** Line and column (1-based) of a character offset. */
function position(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let last = -1;
  for (let i = 0; i < offset && i < text.length; i++)
    if (text[i] === "\n") {
      line++;
      last = i;
    }
  return { line, column: offset - last };
}

/** The offset a JSON.parse error points at (V8 says "at position N" or "line L column C"). */
function syntaxPosition(text: string, message: string): { line: number; column: number } {
  const lc = /line (\d+) column (\d+)/.exec(message);
  if (lc) return { line: Number(lc[1]), column: Number(lc[2]) };
  const pos = /position (\d+)/.exec(message);
  if (pos) return position(text, Number(pos[1]));
  return position(text, text.length);
}

/**
 * Reads an event log written as JSON: an array of events, or `{ "events": [...] }`. Errors carry
 * file:line:column of the offending value and its field path.
 */
export function parseEventsJson(text: string, file: string, options: ImportOptions = {}): EventImportResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return {
      ok: false,
      errors: [{ code: "syntax", file, ...syntaxPosition(text, message), path: [], message }],
    };
  }
  // JSON is YAML 1.2, so the yaml CST gives every node's offset for locating field errors.
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, keepSourceTokens: false });
  const wrapped = !Array.isArray(data);
  const list = wrapped ? (data as { events?: unknown } | null)?.events : data;
  if (!Array.isArray(list)) {
    return {
      ok: false,
      errors: [
        {
          code: "syntax",
          file,
          line: 1,
          column: 1,
          path: [],
          message: 'expected an array of events or an object { "events": [...] }',
        },
      ],
    };
  }
  const prefix: Array<string | number> = wrapped ? ["events"] : [];
  const seq = wrapped ? doc.getIn(["events"], true) : doc.contents;
  const count = isSeq(seq) ? seq.items.length : list.length;
  const records: RawRecord[] = list.slice(0, count).map((value, i) => {
    const at = (path: Array<string | number>, atKey = false) =>
      locate(doc, lines, [...prefix, i, ...path], atKey);
    return { value, line: at([]).line, locate: at };
  });
  return validateEventRecords(file, records, options);
}

/**
 * Reads an event log stored as JSON Lines (one event per line, the form `entente events import`
 * appends). Blank lines are skipped; errors carry file:line:column.
 */
export function parseEventsJsonLines(
  text: string,
  file: string,
  options: ImportOptions = {},
): EventImportResult {
  const records: RawRecord[] = [];
  const syntax: EventFileError[] = [];
  text.split("\n").forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === "") return;
    try {
      const value: unknown = JSON.parse(raw);
      records.push({ value, line, locate: () => ({ line, column: 1 }) });
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const pos = syntaxPosition(raw, message);
      syntax.push({ code: "syntax", file, line, column: pos.column, path: [], message });
    }
  });
  const result = validateEventRecords(file, records, options);
  if (syntax.length === 0) return result;
  return {
    ok: false,
    errors: [...syntax, ...(result.ok ? [] : result.errors)].sort((a, b) => a.line - b.line),
  };
}
