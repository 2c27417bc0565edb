/**
 * Records ↔ spreadsheet tables, reversibly. A column header says how its cells are read back:
 *
 * - `name` or `a.b`: a plain value (text, number or TRUE/FALSE) at that field (nested one level);
 * - `name[]`: a list of words, written "a, b, c";
 * - `name{}`: any other value, written as JSON.
 *
 * Objects are opened one level deep (`capability.value`, `redLine.reject[]`); anything deeper, and
 * lists of objects, go in a JSON cell, so that a sheet keeps one row per record.
 */

/** One cell: empty (null), text, a number or a boolean. */
export type Cell = string | number | boolean | null;

/** A sheet: its name, its header row and its rows. */
export interface Table {
  name: string;
  headers: string[];
  rows: Cell[][];
}

/** A problem in a sheet, at a 1-based row (the header is row 1) and a column letter. */
export interface SheetProblem {
  sheet: string;
  row: number;
  column?: string;
  message: string;
}

/** Thrown by the readers when a sheet cannot be read; every problem at once. */
export class SheetError extends Error {
  constructor(readonly problems: SheetProblem[]) {
    super(`${problems.length} problem${problems.length === 1 ? "" : "s"} in the spreadsheet`);
    this.name = "SheetError";
  }
}

type Json = unknown;
const isObject = (v: Json): v is Record<string, Json> =>
  typeof v === "object" && v !== null && !Array.isArray(v);
const isScalar = (v: Json) => typeof v === "string" || typeof v === "number" || typeof v === "boolean";

/** Spreadsheet column letters: 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** A record's fields by column path, objects opened one level deep. */
function flatten(record: Record<string, Json>): Map<string, Json> {
  const out = new Map<string, Json>();
  for (const [k, v] of Object.entries(record)) {
    if (v === undefined) continue;
    if (isObject(v)) {
      for (const [k2, v2] of Object.entries(v)) if (v2 !== undefined) out.set(`${k}.${k2}`, v2);
      if (Object.keys(v).length === 0) out.set(k, v);
    } else out.set(k, v);
  }
  return out;
}

const listable = (v: Json) =>
  Array.isArray(v) && v.every((x) => typeof x === "string" && x.trim() === x && x !== "" && !x.includes(","));

/** Records as a table: columns in first-seen order, each typed by the values it holds. */
export function recordsToTable(name: string, records: ReadonlyArray<Record<string, Json>>): Table {
  const flat = records.map(flatten);
  const paths: string[] = [];
  const seen = new Set<string>();
  for (const f of flat)
    for (const p of f.keys())
      if (!seen.has(p)) {
        seen.add(p);
        paths.push(p);
      }
  const kind = new Map<string, "" | "[]" | "{}">();
  for (const p of paths) {
    const values = flat.map((f) => f.get(p)).filter((v) => v !== undefined);
    kind.set(p, values.every(isScalar) ? "" : values.every(listable) ? "[]" : "{}");
  }
  const headers = paths.map((p) => `${p}${kind.get(p)}`);
  const rows = flat.map((f) =>
    paths.map((p): Cell => {
      const v = f.get(p);
      if (v === undefined) return null;
      const k = kind.get(p);
      if (k === "[]") return (v as string[]).join(", ");
      if (k === "{}") return JSON.stringify(v);
      return v as Cell;
    }),
  );
  return { name, headers, rows };
}

/** Where each record of a table came from: its sheet row, and the column of each field path. */
export interface RecordOrigin {
  sheet: string;
  row: number;
  /** Column letter by top-level field (and by `a.b` for opened objects). */
  columns: Map<string, string>;
}

/**
 * A table back into records (the inverse of recordsToTable). Empty rows are skipped; a cell that
 * cannot be read (bad JSON, a list in a plain column's place) is reported with its sheet, row and column.
 */
export function tableToRecords(table: Table): { records: Record<string, Json>[]; origins: RecordOrigin[] } {
  const problems: SheetProblem[] = [];
  const records: Record<string, Json>[] = [];
  const origins: RecordOrigin[] = [];
  const cols = table.headers.map((h, c) => {
    const m = /^(.*?)(\[\]|\{\})?$/.exec(h.trim())!;
    return {
      path: m[1]!.split("."),
      kind: (m[2] ?? "") as "" | "[]" | "{}",
      letter: columnLetter(c),
      header: h,
    };
  });
  cols.forEach((c) => {
    if (c.path.length > 2 || c.path.some((p) => p === ""))
      problems.push({
        sheet: table.name,
        row: 1,
        column: c.letter,
        message: `column header '${c.header}' is not a field name (e.g. name, capability.value, roles[])`,
      });
  });
  table.rows.forEach((row, r) => {
    if (row.every((v) => v === null || v === "")) return;
    const rec: Record<string, Json> = {};
    const columns = new Map<string, string>();
    cols.forEach((c, i) => {
      const cell = row[i] ?? null;
      if (cell === null || cell === "" || c.path.length > 2) return;
      let value: Json = cell;
      if (c.kind === "[]") {
        value = String(cell)
          .split(",")
          .map((s) => s.trim())
          .filter((s) => s !== "");
      } else if (c.kind === "{}") {
        try {
          value = JSON.parse(String(cell));
        } catch (e) {
          problems.push({
            sheet: table.name,
            row: r + 2,
            column: c.letter,
            message: `'${c.header}' must hold JSON: ${(e as Error).message}`,
          });
          return;
        }
      }
      const [head, sub] = c.path as [string, string | undefined];
      columns.set(sub ? `${head}.${sub}` : head, c.letter);
      if (!columns.has(head)) columns.set(head, c.letter);
      if (sub === undefined) rec[head] = value;
      else {
        const inner = isObject(rec[head]) ? (rec[head] as Record<string, Json>) : {};
        inner[sub] = value;
        rec[head] = inner;
      }
    });
    records.push(rec);
    origins.push({ sheet: table.name, row: r + 2, columns });
  });
  if (problems.length) throw new SheetError(problems);
  return { records, origins };
}
