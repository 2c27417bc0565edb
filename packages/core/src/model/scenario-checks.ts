import { mechanismProblems } from "../power/problems.js";
import { agreementRefs, checkAgreement } from "./agreement.js";
import { mechanismActorRefs } from "./mechanism.js";
import { checkScenarioReferences, type ReferenceProblem } from "./references.js";
import type { Scenario } from "./scenario.js";

function checkMechanisms(s: Scenario, actors: ReadonlySet<string>): ReferenceProblem[] {
  const out: ReferenceProblem[] = [];
  const first = new Map<string, number>();
  s.mechanisms.forEach((m, i) => {
    const earlier = first.get(m.id);
    if (earlier === undefined) first.set(m.id, i);
    else
      out.push({
        code: "duplicate_id",
        path: ["mechanisms", i, "id"],
        message: `duplicate mechanism '${m.id}' (first at index ${earlier})`,
      });
    const unknown = mechanismActorRefs(m).filter((ref) => !actors.has(ref.id));
    for (const ref of unknown)
      out.push({
        code: "unknown_reference",
        path: ["mechanisms", i, ...ref.path],
        message: `unknown actor '${ref.id}'`,
      });
    // Whether the rule can be analysed (it names only guarantors, its weights are exact) is only
    // worth asking once every id it uses is known.
    if (unknown.length === 0)
      for (const p of mechanismProblems(m))
        out.push({
          code: p.code === "duplicate_id" ? "duplicate_id" : "inconsistent",
          path: ["mechanisms", i, ...p.path],
          message: p.message,
        });
  });
  return out;
}

function checkAgreementPart(s: Scenario, actors: ReadonlySet<string>): ReferenceProblem[] {
  const a = s.agreement;
  if (!a) return [];
  const out: ReferenceProblem[] = [];
  for (const p of checkAgreement(a))
    out.push({ ...p, code: p.code === "cycle" ? "inconsistent" : p.code, path: ["agreement", ...p.path] });
  const known = {
    actor: actors,
    mechanism: new Set(s.mechanisms.map((m) => m.id)),
    commitment: new Set(a.commitments.map((c) => c.id)),
    issue: new Set(s.issues.map((i) => i.id)),
  };
  for (const ref of agreementRefs(a))
    if (!known[ref.kind].has(ref.id))
      out.push({
        code: "unknown_reference",
        path: ["agreement", ...ref.path],
        message: `unknown ${ref.kind} '${ref.id}'`,
      });
  return out;
}

/**
 * Every check of a shape-valid scenario beyond its schema: the references between actors, issues
 * and positions, and those of the guarantee mechanisms and of the agreement to the rest.
 */
export function checkScenario(s: Scenario): ReferenceProblem[] {
  const actors = new Set(s.actors.map((a) => a.id));
  return [...checkScenarioReferences(s), ...checkMechanisms(s, actors), ...checkAgreementPart(s, actors)];
}
