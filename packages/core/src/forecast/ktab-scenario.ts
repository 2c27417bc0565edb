import { stringify } from "yaml";
import { SCENARIO_FORMAT_VERSION, type Scenario } from "../model/scenario.js";
import type { KtabScenario } from "./ktab-csv.js";

/**
 * Confidence given to numbers read from a KTAB file, which states none: expert-coded inputs are
 * uncertain, and 0.8 keeps a Monte Carlo honest without swamping the coding. Edit the file to change it.
 */
export const KTAB_IMPORT_CONFIDENCE = 0.8;

/** A valid, unique scenario id from a KTAB label ("Act-1001", "XJ", "Li Keqiang"). */
function makeId(label: string, used: Set<string>, fallback: string): string {
  let base = label
    .trim()
    .replace(/[^A-Za-z0-9_.-]+/g, "-")
    .replace(/^[^A-Za-z0-9]+/, "")
    .slice(0, 60);
  if (!base) base = fallback;
  let id = base;
  for (let k = 2; used.has(id); k++) id = `${base}-${k}`;
  used.add(id);
  return id;
}

/**
 * A scenario from a KTAB SMP input: each dimension becomes a numeric issue on 0–100 (KTAB's scale),
 * each actor a party whose capability is its influence, each position keeps its salience (KTAB's
 * 0–100 share of attention, divided by 100). Sources cite the file and line of every number.
 */
export function ktabToScenario(k: KtabScenario, file: string): Scenario {
  const usedIssues = new Set<string>();
  const usedActors = new Set<string>();
  const issueIds = k.dimensions.map((d, i) => makeId(d.toLowerCase(), usedIssues, `dim-${i + 1}`));
  const actorIds = k.actors.map((a, i) => makeId(a.id, usedActors, `actor-${i + 1}`));
  const src = (line: number) => `KTAB SMP input ${file}, line ${line}`;
  return {
    entente: SCENARIO_FORMAT_VERSION,
    id: makeId(k.name.toLowerCase(), new Set(), "ktab-import"),
    title: k.name || "KTAB import",
    description: `${k.description}${k.description ? " " : ""}(imported from the KTAB SMP input ${file})`,
    actors: k.actors.map((a, i) => ({
      id: actorIds[i]!,
      name: a.description || a.id,
      kind: "state" as const,
      roles: ["party" as const],
      capability: { value: a.influence, source: src(a.line), confidence: KTAB_IMPORT_CONFIDENCE },
    })),
    issues: k.dimensions.map((d, i) => ({
      id: issueIds[i]!,
      name: d,
      kind: "numeric" as const,
      unit: "position (0–100)",
      min: 0,
      max: 100,
    })),
    positions: k.actors.flatMap((a, i) =>
      k.dimensions.map((_, d) => ({
        actor: actorIds[i]!,
        issue: issueIds[d]!,
        ideal: a.positions[d]!,
        salience: a.saliences[d]! / 100,
        source: src(a.line),
        confidence: KTAB_IMPORT_CONFIDENCE,
      })),
    ),
    mechanisms: [],
  };
}

/** The scenario as a YAML document, with a header naming its origin. */
export function scenarioToYaml(scenario: Scenario, header: string): string {
  const comment = header
    .split("\n")
    .map((l) => `# ${l}`)
    .join("\n");
  return `${comment}\n${stringify(scenario, { lineWidth: 0 })}`;
}
