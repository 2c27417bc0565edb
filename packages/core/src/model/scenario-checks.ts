import { agreementRefs, checkAgreement } from "./agreement.js";
import { checkScenarioReferences, type ReferenceProblem } from "./references.js";
import type { Scenario } from "./scenario.js";

/**
 * Every check of a shape-valid scenario beyond its schema: the references between actors, issues
 * and positions, and those of the guarantee mechanisms and of the agreement to the rest.
 */
export function checkScenario(s: Scenario): ReferenceProblem[] {
  const out = checkScenarioReferences(s);
  const actors = new Set(s.actors.map((a) => a.id));
  const mechanisms = new Set(
    s.mechanisms.flatMap((m) =>
      m && typeof m === "object" && "id" in m ? [String((m as { id: unknown }).id)] : [],
    ),
  );
  if (s.agreement) {
    const a = s.agreement;
    const commitments = new Set(a.commitments.map((c) => c.id));
    for (const p of checkAgreement(a))
      out.push({ ...p, code: p.code === "cycle" ? "inconsistent" : p.code, path: ["agreement", ...p.path] });
    for (const ref of agreementRefs(a)) {
      const known =
        ref.kind === "actor"
          ? actors
          : ref.kind === "mechanism"
            ? mechanisms
            : ref.kind === "commitment"
              ? commitments
              : undefined;
      if (known && !known.has(ref.id))
        out.push({
          code: "unknown_reference",
          path: ["agreement", ...ref.path],
          message: `unknown ${ref.kind} '${ref.id}'`,
        });
    }
  }
  return out;
}
