import {
  type AgreementSectionOptions,
  bargainingSolutions,
  packageIndices,
  packageTerms,
  type Scenario,
  spaceFromScenario,
} from "@entente/core";
import { CliError, EXIT } from "../io/cli-error.js";

/** A proposal with some issues left open, completed: the package, and which issues were filled in and how. */
export interface CompletedPackage {
  package: Record<string, string | number>;
  /** The issues the proposal left open, in the scenario's order. */
  open: string[];
  /** How they were filled: the Nash bargaining solution given the fixed issues, or the status quo. */
  how: "nash" | "status quo";
}

/**
 * Fills the issues a proposal leaves open with the best completion: the Nash bargaining solution
 * of the agreement space restricted to the proposal's own choices on the issues it settles (every
 * other option of a settled issue is ruled out for every actor). Where no completion is acceptable
 * to every actor, the open issues take their status quo (else their first option), and say so.
 */
export function completeProposal(
  scenario: Scenario,
  proposal: Record<string, string | number>,
  options: AgreementSectionOptions,
): CompletedPackage {
  const ss = spaceFromScenario(scenario, options);
  const unknown = Object.keys(proposal).filter((k) => !ss.issues.some((i) => i.id === k));
  if (unknown.length)
    throw new CliError(
      `--package: no issue ${unknown.map((u) => `'${u}'`).join(", ")}; the issues are ${ss.issues.map((i) => i.id).join(", ")}`,
      EXIT.badInput,
    );
  const open = ss.issues.filter((i) => proposal[i.id] === undefined).map((i) => i.id);
  if (open.length === 0) return { package: proposal, open, how: "nash" };
  // Indices of the settled issues (the open ones get a placeholder, replaced below).
  const filler = Object.fromEntries(
    ss.issues.map((iss, i) => [iss.id, proposal[iss.id] ?? ss.points[i]![0]!]),
  );
  const fixed = packageIndices(ss, filler as Record<string, string | number>);
  const A = ss.space.actors.length;
  const allowed = ss.space.allowed.map((mask, i) => {
    if (proposal[ss.issues[i]!.id] === undefined) return mask;
    const m = new Uint8Array(mask.length);
    for (let a = 0; a < A; a++) m[fixed[i]! * A + a] = mask[fixed[i]! * A + a]!;
    return m;
  });
  const nash = bargainingSolutions(
    { ...ss.space, allowed },
    { nodeBudget: options.nodeBudget ?? 20_000_000 },
  ).nash;
  if (nash.package)
    return { package: packageTerms(ss, nash.package) as Record<string, string | number>, open, how: "nash" };
  const sq = ss.issues.map((iss, i) => {
    if (proposal[iss.id] !== undefined) return fixed[i]!;
    const s = ss.space.statusQuo?.[i];
    if (s !== undefined && s >= 0) return s;
    const v = iss.statusQuo;
    const o = v === undefined ? -1 : ss.points[i]!.findIndex((x) => String(x) === String(v));
    return o >= 0 ? o : 0;
  });
  return { package: packageTerms(ss, sq) as Record<string, string | number>, open, how: "status quo" };
}
