import { eventFieldTypes } from "./events.js";
import {
  type EventImportResult,
  type ImportOptions,
  type RawRecord,
  validateEventRecords,
} from "./events-validate.js";

interface CsvRow {
  cells: string[];
  line: number;
}

/**
 * Splits CSV text into rows (RFC 4180: quoted fields may hold commas, quotes as "" and line
 * breaks). Each row keeps the line it starts on. Returns the unterminated quote's line if any.
 */
export function splitCsv(text: string): { rows: CsvRow[]; unterminatedAt?: number } {
  const rows: CsvRow[] = [];
  let cells: string[] = [];
  let cell = "";
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  let quoteLine = 0;
  const endRow = () => {
    cells.push(cell);
    if (!(cells.length === 1 && cells[0]!.trim() === "")) rows.push({ cells, line: rowLine });
    cells = [];
    cell = "";
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === "\n") line++;
        cell += ch;
      }
    } else if (ch === '"' && cell.trim() === "") {
      quoted = true;
      quoteLine = line;
      cell = "";
    } else if (ch === ",") {
      cells.push(cell);
      cell = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      endRow();
      line++;
      rowLine = line;
    } else cell += ch;
  }
  if (quoted) return { rows, unterminatedAt: quoteLine };
  if (cell !== "" || cells.length) endRow();
  return { rows };
}

function convert(field: string, raw: string): unknown {
  const type = eventFieldTypes[field] ?? "string";
  const text = raw.trim();
  if (type === "number") {
    const n = Number(text);
    return text === "" || Number.isNaN(n) ? raw : n;
  }
  if (type === "boolean") {
    if (/^(true|yes|1)$/i.test(text)) return true;
    if (/^(false|no|0)$/i.test(text)) return false;
    return raw;
  }
  if (type === "list")
    return text
      .split(/[;|]/)
      .map((s) => s.trim())
      .filter(Boolean);
  return text;
}

/**
 * Reads an event log written as CSV: a header row of field names, one event per row, empty cells
 * meaning "absent", lists separated by ";", lines starting with "#" ignored. Errors carry file:line
 * and the column's field name.
 */
export function parseEventsCsv(text: string, file: string, options: ImportOptions = {}): EventImportResult {
  const withoutComments = text.replace(/^\uFEFF/, "").replace(/^#.*$/gm, "");
  const { rows, unterminatedAt } = splitCsv(withoutComments);
  if (unterminatedAt !== undefined)
    return {
      ok: false,
      errors: [
        { code: "syntax", file, line: unterminatedAt, path: [], message: "a quoted field is never closed" },
      ],
    };
  const header = rows.shift();
  if (!header) return { ok: true, events: [] };
  const names = header.cells.map((c) => c.trim());
  const errors: EventImportResult & { ok: false } = { ok: false, errors: [] };
  const records: RawRecord[] = [];
  for (const row of rows) {
    if (row.cells.length > names.length) {
      errors.errors.push({
        code: "syntax",
        file,
        line: row.line,
        path: [],
        message: `${row.cells.length} cells but the header names ${names.length} columns`,
      });
      continue;
    }
    const value: Record<string, unknown> = {};
    row.cells.forEach((raw, i) => {
      if (raw.trim() !== "") value[names[i]!] = convert(names[i]!, raw);
    });
    records.push({ value, line: row.line, locate: () => ({ line: row.line }) });
  }
  const result = validateEventRecords(file, records, options);
  if (errors.errors.length === 0) return result;
  const all = [...errors.errors, ...(result.ok ? [] : result.errors)].sort((a, b) => a.line - b.line);
  return { ok: false, errors: all };
}
