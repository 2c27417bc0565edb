import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { parseScenario, type Scenario } from "@entente/core";
import { CliError, EXIT } from "./cli-error.js";
import { parseOptions } from "./error-listing.js";
import { explainErrors } from "./explain-errors.js";
import { findUpwards } from "./find-upwards.js";

const DEFAULT_SCENARIO_PATH = "scenarios/ukraine-security-guarantees.yaml";

/** The default scenario, shipped in the repository's scenarios/ folder. */
export const DEFAULT_SCENARIO =
  findUpwards(import.meta.url, DEFAULT_SCENARIO_PATH) ?? join(process.cwd(), DEFAULT_SCENARIO_PATH);

/** Scenario files larger than this are refused before parsing. */
const MAX_SCENARIO_BYTES = 10 * 1024 * 1024;

/** Reads a file as UTF-8 text, turning a missing or unreadable file into a bad-input error. */
export function readTextFile(path: string, maxBytes = MAX_SCENARIO_BYTES): string {
  try {
    const size = statSync(path).size;
    if (size > maxBytes)
      throw new CliError(`${path}: file is ${size} bytes; the limit is ${maxBytes}`, EXIT.badInput);
    return readFileSync(path, "utf8");
  } catch (e) {
    if (e instanceof CliError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a directory" : (e as Error).message;
    throw new CliError(`${path}: ${why}`, EXIT.badInput);
  }
}

/** Reads and validates a scenario file (the default scenario when `path` is undefined). */
export function loadScenario(path: string | undefined): { scenario: Scenario; file: string } {
  const file = path ?? DEFAULT_SCENARIO;
  const text = readTextFile(file);
  const result = parseScenario(text, file, parseOptions());
  if (!result.ok) {
    const { headline, lines, count } = explainErrors(text, file, result);
    throw new CliError(headline, EXIT.badInput, lines, count);
  }
  return { scenario: result.scenario, file };
}
