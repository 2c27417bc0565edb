import {
  type Agreement,
  agreementSchema,
  checkAgreement,
  eventFileFormat,
  formatEventFileError,
  type ImportOptions,
  type Mechanism,
  type MonitoringEvent,
  parseEventText,
  parseInstant,
  TimeError,
} from "@entente/core";
import { parse as parseYaml } from "yaml";
import { CliError, EXIT } from "../io/cli-error.js";
import { loadScenario, readTextFile } from "../io/load-scenario.js";

/** Reads and validates an event file; every error at once as a bad-input CLI error. */
export function loadEvents(file: string, options: ImportOptions = {}, asLog = false): MonitoringEvent[] {
  const text = readTextFile(file, 512 * 1024 * 1024);
  const result = parseEventText(text, file, asLog ? "jsonl" : eventFileFormat(file), options);
  if (!result.ok) {
    const n = result.errors.length;
    throw new CliError(
      `${file}: ${n} error${n === 1 ? "" : "s"}`,
      EXIT.badInput,
      result.errors.map(formatEventFileError),
    );
  }
  return result.events;
}

/**
 * The agreement to monitor and the mechanisms that decide its consultations: from a scenario file,
 * or from a file holding only an `agreement:` block.
 */
export function loadAgreement(file: string | undefined): {
  agreement: Agreement;
  mechanisms: Mechanism[];
  file: string;
  /** Actor names by id (empty for a file with only an agreement block). */
  names: Map<string, string>;
} {
  if (file) {
    const doc = parseYaml(readTextFile(file)) as Record<string, unknown> | null;
    if (doc && typeof doc === "object" && !("entente" in doc) && "agreement" in doc) {
      const r = agreementSchema.safeParse(doc.agreement);
      if (!r.success)
        throw new CliError(
          `${file}: ${r.error.issues.length} error(s) in the agreement`,
          EXIT.badInput,
          r.error.issues.map((i) => `${file}: agreement.${i.path.join(".")}: ${i.message}`),
        );
      const problems = checkAgreement(r.data);
      if (problems.length > 0)
        throw new CliError(
          `${file}: ${problems.length} error(s) in the agreement`,
          EXIT.badInput,
          problems.map((p) => `${file}: agreement.${p.path.join(".")}: ${p.message}`),
        );
      return { agreement: r.data, mechanisms: [], file, names: new Map() };
    }
  }
  const { scenario, file: path } = loadScenario(file);
  if (!scenario.agreement)
    throw new CliError(
      `${path}: the scenario has no 'agreement' block, so there is nothing to monitor (see scenarios/minsk-ii.yaml)`,
      EXIT.badInput,
    );
  return {
    agreement: scenario.agreement,
    mechanisms: scenario.mechanisms,
    file: path,
    names: new Map(scenario.actors.map((a) => [a.id, a.name])),
  };
}

/**
 * `--as-of` as an instant (local times are read in the agreement's zone); when absent, the moment of
 * the last event (the later of its time and when it was recorded), else now.
 */
export function parseAsOf(
  text: string | undefined,
  zone: string | undefined,
  events: readonly MonitoringEvent[] = [],
): number {
  if (text === undefined) {
    if (events.length === 0) return Date.now();
    let last = Number.NEGATIVE_INFINITY;
    for (const e of events) {
      const z = e.zone ?? zone ?? "UTC";
      last = Math.max(last, parseInstant(e.time, z), e.recorded ? parseInstant(e.recorded, z) : last);
    }
    return last;
  }
  try {
    return parseInstant(text, zone ?? "UTC");
  } catch (e) {
    if (e instanceof TimeError) throw new CliError(`--as-of: ${e.message}`, EXIT.badInput);
    throw e;
  }
}
