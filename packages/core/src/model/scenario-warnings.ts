import { crossesRedLine } from "../utility/issue-utility.js";
import type { Scenario } from "./scenario.js";

/** A slip that leaves a scenario valid but almost certainly says something its author did not mean. */
export interface ScenarioWarning {
  code: "red_line_rejects_ideal" | "red_line_without_salience";
  path: Array<string | number>;
  message: string;
}

/**
 * The semantic slips of a valid scenario, as warnings: a red line that rejects the actor's own
 * ideal (the actor would refuse what it asks for), a red line on an issue the actor gives a
 * salience of 0 (it would walk out over something it does not care about). A status quo outside
 * the issue's axis is not a warning but an error (see references.ts): no analysis can place it. Pure.
 */
export function scenarioWarnings(s: Scenario): ScenarioWarning[] {
  const out: ScenarioWarning[] = [];
  const issues = new Map(s.issues.map((i) => [i.id, i]));
  const names = new Map(s.actors.map((a) => [a.id, a.name]));
  s.positions.forEach((p, k) => {
    const issue = issues.get(p.issue);
    if (!issue || !p.redLine) return;
    const who = names.get(p.actor) ?? p.actor;
    if (crossesRedLine(p, issue, p.ideal))
      out.push({
        code: "red_line_rejects_ideal",
        path: ["positions", k, "redLine"],
        message: `${who}'s red line on '${issue.id}' rejects its own ideal (${String(p.ideal)}): it would refuse what it asks for — check the red line or the ideal`,
      });
    if (p.salience === 0)
      out.push({
        code: "red_line_without_salience",
        path: ["positions", k, "salience"],
        message: `${who} has a red line on '${issue.id}' but a salience of 0: it would walk out over an issue it does not care about — raise the salience or drop the red line`,
      });
  });
  return out;
}
