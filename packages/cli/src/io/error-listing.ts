import type { ParseScenarioOptions } from "@entente/core";

/** Error lines printed for one failed command unless `--all-errors` is given. */
export const SHOWN_ERRORS = 50;

/**
 * Whether the user asked for every error line (`entente --all-errors …` or `… --all-errors`); set
 * once by the program before a command runs.
 */
export const errorListing = { all: false };

/** The parse options that go with the listing: every error with `--all-errors`, else core's cap. */
export function parseOptions(): ParseScenarioOptions {
  return errorListing.all ? { maxErrors: Number.POSITIVE_INFINITY } : {};
}

/**
 * The detail lines to print: all of them with `--all-errors`, else the first {@link SHOWN_ERRORS}
 * and a line saying how many more there are (`total` counts lines that were never produced, too).
 */
export function listedDetails(details: readonly string[], total = details.length): string[] {
  if (errorListing.all && total === details.length) return [...details];
  const shown = errorListing.all ? details : details.slice(0, SHOWN_ERRORS);
  const more = total - shown.length;
  if (more <= 0) return [...shown];
  return [...shown, `…and ${more.toLocaleString("en-US")} more (--all-errors lists them all)`];
}
