/** One located problem in a caller's input: `path` is the field path ("body.package.force-ceiling"). */
export interface InputIssue {
  path: string;
  message: string;
}

/**
 * A typed error for input the negotiation helpers reject (a package or private positions that do
 * not fit the scenario). `code` is always "validation"; `issues` say where and why, in the caller's
 * terms, so the API can answer 400 with them and the CLI can print them.
 */
export class NegotiationInputError extends Error {
  readonly code = "validation" as const;
  constructor(
    message: string,
    readonly issues: InputIssue[] = [],
  ) {
    super(message);
    this.name = "NegotiationInputError";
  }
}
