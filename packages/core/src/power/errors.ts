/** Stable codes for everything the power engine can refuse. */
export type PowerErrorCode =
  | "not_a_guarantor"
  | "unsafe_weights"
  | "too_many_players"
  | "division_by_zero"
  | "invalid_probability"
  | "empty_game";

/** A typed error of the power engine: a stable `code`, an actionable message and, where known, a path. */
export class PowerError extends Error {
  readonly code: PowerErrorCode;
  readonly path: Array<string | number>;
  constructor(code: PowerErrorCode, message: string, path: Array<string | number> = []) {
    super(message);
    this.name = "PowerError";
    this.code = code;
    this.path = path;
  }
}
