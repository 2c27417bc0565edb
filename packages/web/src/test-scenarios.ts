import { readFileSync } from "node:fs";
import { parseScenario, type Scenario } from "@entente/core";

/** Test helper: a scenario file of the repository, parsed (throws if it does not parse). */
export function loadScenario(relativeToRepo: string): Scenario {
  const url = new URL(`../../../${relativeToRepo}`, import.meta.url);
  const r = parseScenario(readFileSync(url, "utf8"), relativeToRepo);
  if (!r.ok) throw new Error(`${relativeToRepo} does not parse`);
  return r.scenario;
}
