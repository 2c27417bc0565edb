import { findIndentationSlip, formatScenarioError, type ParseScenarioResult } from "@entente/core";
import { errorListing } from "./error-listing.js";

/**
 * The error lines of a file that failed to parse. When the errors all come from one indentation
 * slip, a single line in plain words says where it is and why it matters, instead of the parser's
 * cascade of messages (which `--all-errors` still lists after it).
 */
export function explainErrors(
  text: string,
  file: string,
  result: Extract<ParseScenarioResult, { ok: false }>,
): { headline: string; lines: string[]; count: number } {
  const n = result.errorCount;
  const slip = findIndentationSlip(text, result.errors);
  if (slip) {
    const line = `${file}:${slip.line}:${slip.indent + 1} indentation: ${slip.message}`;
    return {
      headline: `${file}: an indentation slip on line ${slip.line}`,
      lines: errorListing.all
        ? [
            line,
            `the parser's ${n} message${n === 1 ? "" : "s"}, which follow from it:`,
            ...result.errors.map(formatScenarioError),
          ]
        : [line],
      count: errorListing.all ? n + 2 : 1,
    };
  }
  return {
    headline: `${file}: ${n.toLocaleString("en-US")} error${n === 1 ? "" : "s"}`,
    lines: result.errors.map(formatScenarioError),
    count: n,
  };
}
