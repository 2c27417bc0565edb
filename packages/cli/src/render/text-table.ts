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

/** A number with at most `digits` decimals (trailing zeros dropped) and commas between thousands. */
export function num(x: number | null | undefined, digits = 2): string {
  if (x === null || x === undefined || Number.isNaN(x)) return "–";
  const [whole, fraction] = Math.abs(x).toFixed(digits).split(".") as [string, string | undefined];
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const decimals = fraction?.replace(/0+$/, "") ?? "";
  const sign = x < 0 && (Number(whole) > 0 || decimals) ? "-" : "";
  return `${sign}${grouped}${decimals ? `.${decimals}` : ""}`;
}
