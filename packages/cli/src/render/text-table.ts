import { capList, cells, textLayout, wrapCells } from "./terminal.js";

/** Options of a text table. */
export interface TextTableOptions {
  /** Columns available in display cells (default: the terminal's, see terminal.ts; Infinity under --wide). */
  width?: number;
  /** Rows shown before "…and N more" (default: all rows). */
  limit?: number;
}

/** A column's words are kept whole when it is squeezed, up to this many cells (longer words break). */
const MAX_WORD = 16;
const GAP = 2;

/** The widest word of a cell (ANSI codes and wide characters measured as shown). */
function longestWord(s: string): number {
  return Math.max(0, ...s.split(/\s+/).map(cells));
}

/**
 * Column widths that fit `available` cells: every column at its natural width when they all fit;
 * else the widest columns are cut down to one common width — the largest that fits — while narrower
 * ones keep theirs, and no column goes below its longest word (header included, words up to
 * MAX_WORD cells). Undefined when even those minimums do not fit.
 */
export function fitColumns(
  natural: readonly number[],
  available: number,
  minimum: readonly number[] = natural.map(() => 1),
): number[] | undefined {
  const total = natural.reduce((s, w) => s + w, 0);
  if (total <= available) return [...natural];
  const min = natural.map((w, c) => Math.min(w, minimum[c]!));
  if (min.reduce((s, w) => s + w, 0) > available) return undefined;
  const at = (level: number) => natural.map((w, c) => Math.min(w, Math.max(min[c]!, level)));
  const sum = (ws: number[]) => ws.reduce((s, w) => s + w, 0);
  let lo = 0;
  let hi = Math.max(...natural);
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (sum(at(mid)) <= available) lo = mid;
    else hi = mid - 1;
  }
  const widths = at(lo);
  // Cells left over by the rounding go to the columns still short of their natural width.
  let spare = available - sum(widths);
  for (let c = 0; c < widths.length && spare > 0; c++) {
    if (widths[c]! < natural[c]!) {
      widths[c]! += 1;
      spare -= 1;
    }
  }
  return widths;
}

/**
 * Columns for a terminal, laid out to fit its width (see terminal.ts): cells wrap within their
 * column when the table is too wide, and when even that cannot fit, each row becomes a block
 * ("first cell", then "header: cell" per line). Numbers should be passed pre-formatted.
 */
export function textTable(
  headers: readonly string[],
  rows: ReadonlyArray<readonly string[]>,
  indent = "  ",
  options: TextTableOptions = {},
): string {
  const layout = textLayout();
  const width = options.width ?? (layout.wide ? Number.POSITIVE_INFINITY : layout.width);
  const natural = headers.map((h, c) => Math.max(cells(h), ...rows.map((r) => cells(r[c] ?? ""))));
  const available = width - cells(indent) - GAP * (headers.length - 1);
  // Words whole if at all possible; else words longer than MAX_WORD may break; else blocks.
  const minimum = (cap: number) =>
    headers.map((h, c) =>
      Math.max(longestWord(h), ...rows.map((r) => Math.min(cap, longestWord(r[c] ?? "")))),
    );
  const widths =
    fitColumns(natural, available, minimum(Number.POSITIVE_INFINITY)) ??
    fitColumns(natural, available, minimum(MAX_WORD));
  const limited = options.limit === undefined ? rows.length : options.limit;
  if (!widths) return blocks(headers, rows, indent, width, limited);
  const line = (cellsOfRow: readonly string[]) => {
    const wrapped = cellsOfRow.map((cell, c) => wrapCells(cell, widths[c]!));
    const height = Math.max(1, ...wrapped.map((w) => w.length));
    const out: string[] = [];
    for (let k = 0; k < height; k++) {
      out.push(
        indent +
          wrapped
            .map((w, c) => {
              const piece = w[k] ?? "";
              return piece + " ".repeat(Math.max(0, widths[c]! - cells(piece)));
            })
            .join(" ".repeat(GAP))
            .trimEnd(),
      );
    }
    return out.join("\n");
  };
  const body = capList(
    rows.map((r) => line(headers.map((_, c) => r[c] ?? ""))),
    limited,
    indent,
  );
  return [line(headers), indent + widths.map((w) => "─".repeat(w)).join(" ".repeat(GAP)), ...body].join("\n");
}

/** A table too wide for the terminal as one block per row: its first cell, then "header: value" lines. */
function blocks(
  headers: readonly string[],
  rows: ReadonlyArray<readonly string[]>,
  indent: string,
  width: number,
  limit: number,
): string {
  const inner = `${indent}  `;
  const out = rows.map((r) => {
    const lines = wrapCells(r[0] ?? "", width - cells(indent)).map((l) => indent + l);
    headers.forEach((h, c) => {
      if (c === 0) return;
      const text = `${h}: ${r[c] ?? ""}`;
      for (const [k, l] of wrapCells(text, width - cells(inner) - 2).entries())
        lines.push(`${inner}${k ? "  " : ""}${l}`);
    });
    return lines.join("\n");
  });
  return capList(out, limit, indent).join("\n");
}

/** A number with at most `digits` decimals (trailing zeros dropped) and commas between thousands. */
export function num(x: number | null | undefined, digits = 2): string {
  if (x === null || x === undefined || Number.isNaN(x)) return "–";
  const [whole, fraction] = Math.abs(x).toFixed(digits).split(".") as [string, string | undefined];
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const decimals = fraction?.replace(/0+$/, "") ?? "";
  const sign = x < 0 && (Number(whole) > 0 || decimals) ? "-" : "";
  return `${sign}${grouped}${decimals ? `.${decimals}` : ""}`;
}
