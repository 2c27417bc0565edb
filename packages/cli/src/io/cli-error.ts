/** Exit codes of every entente command. */
export const EXIT = { ok: 0, failure: 1, badInput: 2 } as const;

/** An error the CLI reports without a stack trace: a message for the user and the exit code to end with. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.failure,
    /** Further lines printed after the message (e.g. one line per validation error). */
    readonly details: readonly string[] = [],
    /** How many detail lines there are in all, when `details` holds only the first ones. */
    readonly detailCount: number = details.length,
  ) {
    super(message);
    this.name = "CliError";
  }
}
