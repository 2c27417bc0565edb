import type { ScenarioError } from "./scenario-error.js";

/** Where a YAML file's indentation slips by one space, in words for someone who does not know YAML. */
export interface IndentationSlip {
  line: number;
  /** Spaces before the line's text. */
  indent: number;
  /** The indentations of the lines around it. */
  neighbours: number[];
  message: string;
}

const content = (l: string) => l.trim() !== "" && !l.trimStart().startsWith("#");

/**
 * The indentation slip behind a file's syntax errors, if there is one: the last line at or before
 * the first error (one line of slack) whose indentation is one space off a neighbouring line's —
 * the cause of the cascade of messages the YAML parser gives for it. Undefined when the errors are
 * not syntax errors or no such line is found. Pure.
 */
export function findIndentationSlip(
  text: string,
  errors: readonly Pick<ScenarioError, "code" | "line">[],
): IndentationSlip | undefined {
  const syntax = errors.filter((e) => e.code === "yaml_syntax");
  if (syntax.length === 0 || syntax.length < errors.length) return undefined;
  const first = Math.min(...syntax.map((e) => e.line));
  const lines = text.split(/\r?\n/);
  const indentOf = (l: string) => /^ */.exec(l)![0].length;
  const rows = lines
    .map((l, i) => ({ line: i + 1, indent: indentOf(l), ok: content(l) }))
    .filter((r) => r.ok);
  // Files indent by an even number of spaces almost always; the odd one out is the slip.
  const odd = rows.filter((r) => r.indent % 2 === 1).length;
  const usual = odd * 2 > rows.length ? 1 : 0;
  let found: { k: number; offParity: boolean } | undefined;
  rows.forEach((r, k) => {
    if (r.line > first + 1) return;
    const around = [rows[k - 1], rows[k + 1]].filter((x) => x !== undefined).map((x) => x.indent);
    if (!around.some((n) => Math.abs(n - r.indent) === 1)) return;
    const offParity = r.indent % 2 !== usual;
    if (!found || offParity || !found.offParity) found = { k, offParity };
  });
  if (!found) return undefined;
  const k = found.k;
  const r = rows[k]!;
  const around = [rows[k - 1], rows[k + 1]].filter((x) => x !== undefined).map((x) => x.indent);
  const expected = [...new Set(around)].filter((n) => n !== r.indent).sort((a, b) => a - b);
  const spaces = (n: number) => `${n} space${n === 1 ? "" : "s"}`;
  return {
    line: r.line,
    indent: r.indent,
    neighbours: around,
    message:
      `line ${r.line} is indented by ${spaces(r.indent)}, the lines around it by ${expected.map(spaces).join(" and ")}. ` +
      "In a scenario file the indentation says what belongs to what, so one space too many or too few " +
      "breaks the structure from there on: line it up with the line it belongs to",
  };
}
