/** Stable codes for everything the agreement engine can reject. */
export type AgreementErrorCode =
  | "agreement/empty-space"
  | "agreement/shape-mismatch"
  | "agreement/bad-utility"
  | "agreement/bad-package"
  | "agreement/unknown-option"
  | "agreement/unknown-issue"
  | "agreement/unknown-actor"
  | "agreement/no-utility";

/** A typed engine error: callers switch on `code`, people read `message`. */
export class AgreementError extends Error {
  readonly code: AgreementErrorCode;
  /** Where in the input the problem is, e.g. ["actors", 2, "issues", 4]. */
  readonly path: (string | number)[];

  constructor(code: AgreementErrorCode, message: string, path: (string | number)[] = []) {
    super(message);
    this.name = "AgreementError";
    this.code = code;
    this.path = path;
  }
}
