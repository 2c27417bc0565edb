// biome-ignore lint/suspicious/noControlCharactersInRegex: strips ANSI colour codes to measure width
const ANSI = /\u001b\[[0-9;]*m/g;

/** Visible width of a string that may hold ANSI colour codes. */
export function visibleWidth(s: string): number {
  return s.replace(ANSI, "").length;
}

/** Left-aligned columns for a terminal; numbers should be passed pre-formatted. */
export function textTable(
  headers: readonly string[],
  rows: ReadonlyArray<readonly string[]>,
  indent = "  ",
): string {
  const widths = headers.map((h, c) =>
    Math.max(visibleWidth(h), ...rows.map((r) => visibleWidth(r[c] ?? ""))),
  );
  const line = (cells: readonly string[]) =>
    indent +
    cells
      .map((cell, c) => cell + " ".repeat(Math.max(0, widths[c]! - visibleWidth(cell))))
      .join("  ")
      .trimEnd();
  return [line(headers), indent + widths.map((w) => "─".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

/** A number with at most `digits` decimals and thin grouping for thousands. */
export function num(x: number | null | undefined, digits = 2): string {
  if (x === null || x === undefined || Number.isNaN(x)) return "–";
  const rounded = Number(x.toFixed(digits));
  return rounded.toLocaleString("en-US", { maximumFractionDigits: digits });
}
