import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { CliError, EXIT } from "./cli-error.js";

/**
 * Writes a report file (HTML, a spreadsheet…) and says on stderr where it went, so that stdout keeps
 * only the report itself; an unwritable path is a failure with the system's reason.
 */
export function writeReportFile(file: string, content: string | Uint8Array, what = "HTML report"): void {
  try {
    writeFileSync(file, content);
  } catch (e) {
    throw new CliError(`cannot write ${file}: ${(e as Error).message}`, EXIT.failure);
  }
  process.stderr.write(`${what} written to ${resolve(file)}\n`);
}
