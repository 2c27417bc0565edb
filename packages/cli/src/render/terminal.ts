import stringWidth from "string-width";
import wrapAnsi from "wrap-ansi";

/**
 * How text output is laid out: the terminal's width in display cells, whether tables may run past
 * it (`--wide`), and whether long lists are shown in full (`--all`).
 */
export interface TextLayout {
  /** Columns available, in display cells (a CJK character or an emoji takes two). */
  width: number;
  /** Tables at their natural width, never wrapped or turned into blocks. */
  wide: boolean;
  /** Every item of a long list instead of the first few and "…and N more". */
  all: boolean;
}

/**
 * The output's width: the terminal's own (`process.stdout.columns`), else the `COLUMNS` variable,
 * else 80 — piped output included, so that a file or a pager gets lines that fit a usual terminal.
 */
export function detectWidth(
  columns: number | undefined = process.stdout.columns,
  env: NodeJS.ProcessEnv = process.env,
): number {
  if (columns && columns > 0) return columns;
  const fromEnv = Number(env.COLUMNS);
  if (Number.isInteger(fromEnv) && fromEnv > 0) return fromEnv;
  return 80;
}

let current: TextLayout = { width: detectWidth(), wide: false, all: false };

/** The layout the text renderers follow (set once per command from its flags). */
export function textLayout(): TextLayout {
  return current;
}

/** Sets the layout for this run of the CLI; the fields not given keep their value. */
export function setTextLayout(layout: Partial<TextLayout>): void {
  current = { ...current, ...layout };
}

/** Display width of a string in terminal cells: ANSI colour codes count 0, wide characters 2. */
export function cells(s: string): number {
  return stringWidth(s);
}

/** Wraps `s` to `width` cells (words kept whole where they fit, longer ones broken). */
export function wrapCells(s: string, width: number): string[] {
  if (width <= 0 || cells(s) <= width) return [s];
  return wrapAnsi(s, Math.max(1, width), { hard: true, trim: true }).split("\n");
}

/**
 * Every line of `text` made to fit `width` cells: a longer line is wrapped and its continuation
 * lines are indented two cells more than the line's own indentation. Tables are laid out to fit
 * before this pass; it catches the prose (findings, sentences, notes).
 */
export function fitText(text: string, width = current.width): string {
  if (current.wide) return text;
  return text
    .split("\n")
    .map((line) => {
      if (cells(line) <= width) return line;
      const indent = /^ */.exec(line)![0].length;
      const hanging = Math.min(indent + 2, Math.floor(width / 3));
      const first = wrapCells(line.slice(indent), width - indent);
      const head = `${" ".repeat(indent)}${first[0]}`;
      const rest = wrapCells(first.slice(1).join(" "), width - hanging).map(
        (l) => `${" ".repeat(hanging)}${l}`,
      );
      return [head, ...(first.length > 1 ? rest : [])].join("\n");
    })
    .join("\n");
}

/** Writes text to stdout laid out for the terminal (see fitText). */
export function writeText(text: string): void {
  process.stdout.write(fitText(text));
}

/**
 * The first `limit` items of a long list and a closing "…and N more (--all shows every one)", or
 * every item when the layout says `all` or the list is short.
 */
export function capList(lines: readonly string[], limit: number, indent = "  "): string[] {
  if (current.all || lines.length <= limit + 1) return [...lines];
  return [...lines.slice(0, limit), `${indent}…and ${lines.length - limit} more (--all shows every one)`];
}
