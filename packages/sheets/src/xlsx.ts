// Workbook files through exceljs (the `xlsx` package on npm is an old release with unfixed
// vulnerabilities). exceljs is loaded on first use only: no other command pays for it.
import type { CellValue, Workbook } from "exceljs";
import type { Cell, Table } from "./sheets.js";

async function newWorkbook(): Promise<Workbook> {
  const { default: ExcelJS } = await import("exceljs");
  return new ExcelJS.Workbook();
}

/** An .xlsx file of the tables, one sheet each: bold frozen header row, columns sized to their text. */
export async function tablesToXlsx(tables: readonly Table[], about?: readonly string[]): Promise<Uint8Array> {
  const wb = await newWorkbook();
  wb.creator = "entente";
  for (const t of tables) {
    const ws = wb.addWorksheet(t.name, { views: [{ state: "frozen", ySplit: 1 }] });
    ws.addRow(t.headers).font = { bold: true };
    for (const r of t.rows) ws.addRow(r.map((c) => (c === null ? undefined : c)));
    t.headers.forEach((h, c) => {
      const longest = Math.max(h.length, ...t.rows.map((r) => String(r[c] ?? "").length));
      ws.getColumn(c + 1).width = Math.min(60, Math.max(8, longest + 2));
    });
  }
  if (about?.length) {
    const ws = wb.addWorksheet("about");
    for (const line of about) ws.addRow([line]);
    ws.getColumn(1).width = 120;
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** A cell's value as the tables hold it: text, number, boolean or empty (formulas by their result). */
function cellValue(v: CellValue): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return v;
  if (v instanceof Date) {
    const iso = v.toISOString();
    return iso.endsWith("T00:00:00.000Z") ? iso.slice(0, 10) : iso;
  }
  if (typeof v === "object") {
    if ("richText" in v) return v.richText.map((p) => p.text).join("");
    if ("result" in v) return cellValue((v as { result?: CellValue }).result ?? null);
    if ("text" in v && typeof v.text === "string") return v.text;
    if ("error" in v) return null;
  }
  return String(v);
}

/** Every sheet of an .xlsx file as a table (header row first; trailing empty cells dropped). */
export async function xlsxToTables(data: Uint8Array | ArrayBuffer): Promise<Table[]> {
  const wb = await newWorkbook();
  // exceljs' load() is typed for Node's Buffer of an older @types/node; an ArrayBuffer is accepted too.
  await wb.xlsx.load((data instanceof Uint8Array ? data.slice().buffer : data) as ArrayBuffer as never);
  const tables: Table[] = [];
  wb.eachSheet((ws) => {
    const rows: Cell[][] = [];
    const width = ws.columnCount;
    for (let r = 1; r <= ws.rowCount; r++) {
      const row = ws.getRow(r);
      const cells: Cell[] = [];
      for (let c = 1; c <= width; c++) cells.push(cellValue(row.getCell(c).value));
      rows.push(cells);
    }
    const headers = (rows[0] ?? []).map((h) => (h === null ? "" : String(h)));
    while (headers.length && headers.at(-1) === "") headers.pop();
    tables.push({ name: ws.name, headers, rows: rows.slice(1).map((r) => r.slice(0, headers.length)) });
  });
  return tables;
}

/** A table as CSV (RFC 4180: fields with a comma, quote or line break are quoted). */
export function tableToCsv(t: Table): string {
  const field = (c: Cell) => {
    const s = c === null ? "" : String(c);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return `${[t.headers, ...t.rows].map((r) => r.map(field).join(",")).join("\r\n")}\r\n`;
}
