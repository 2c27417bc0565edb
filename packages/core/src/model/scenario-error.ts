/** Stable codes for everything that can be wrong with a scenario file. */
export type ScenarioErrorCode =
  | "yaml_syntax"
  | "invalid_type"
  | "out_of_range"
  | "invalid_value"
  | "unknown_field"
  | "missing_field"
  | "invalid_format"
  | "unknown_reference"
  | "duplicate_id"
  | "inconsistent"
  | "too_large";

/** One problem in a scenario file, located so that a user can jump to it. */
export interface ScenarioError {
  code: ScenarioErrorCode;
  file: string;
  /** 1-based line and column of the offending node (or of its nearest enclosing node). */
  line: number;
  column: number;
  /** Field path, e.g. `positions[7].salience`. */
  path: string;
  message: string;
}

/** Formats a path array as `positions[7].salience`. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out || "(root)";
}

/** `file:line:column path: message` — the one-line form printed by the CLI. */
export function formatScenarioError(e: ScenarioError): string {
  return `${e.file}:${e.line}:${e.column} ${e.path}: ${e.message}`;
}
