import { ApiError } from "./api-error.js";

/**
 * Rejects text whose bracket nesting exceeds `maxDepth` before any parser sees it: recursive
 * parsers and serialisers can exhaust the stack on a few hundred kilobytes of `[[[[…`, which
 * would otherwise surface as a 500. Brackets inside quoted strings do not count.
 */
export function assertNestingDepth(text: string, maxDepth: number): void {
  let depth = 0;
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (quote !== null) {
      if (ch === 92 /* \ */) i++;
      else if (ch === quote.charCodeAt(0)) quote = null;
      continue;
    }
    if (ch === 34 /* " */) quote = '"';
    else if (ch === 91 || ch === 123) {
      if (++depth > maxDepth) {
        throw new ApiError("bad_request", `the document nests deeper than ${maxDepth} levels`, [
          { path: "(root)", message: `nesting deeper than ${maxDepth}` },
        ]);
      }
    } else if (ch === 93 || ch === 125) depth = Math.max(0, depth - 1);
  }
}

/** Parses a JSON request body, turning every failure into a 400 that says where it broke. */
export function parseJsonBody(text: string, maxDepth = 32): unknown {
  if (text.trim() === "") throw new ApiError("bad_request", "the request body is empty; send a JSON object");
  assertNestingDepth(text, maxDepth);
  // PostgreSQL text cannot hold NUL; refuse it here rather than fail at the INSERT.
  if (text.includes("\\u0000") || text.includes("\u0000")) {
    throw new ApiError("bad_request", "strings may not contain the NUL character (\\u0000)");
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    const msg = err instanceof SyntaxError ? err.message.slice(0, 200) : "unreadable JSON";
    throw new ApiError("bad_request", `the request body is not valid JSON: ${msg}`);
  }
}
