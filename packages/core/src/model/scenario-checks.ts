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
 * A party or guarantor must accept every package the agreement engine considers, so it must care
 * about something: an actor of those roles whose every position has salience 0 (or a utility table
 * of zeros) cannot score any package, and `entente agree` and `analyze` would refuse the scenario.
 */
function checkCaresAboutSomething(s: Scenario): ReferenceProblem[] {
  const issues = new Map(s.issues.map((x) => [x.id, x]));
  const byActor = new Map<string, number[]>();
  s.positions.forEach((p, i) => {
    const list = byActor.get(p.actor) ?? [];
    list.push(i);
    byActor.set(p.actor, list);
  });
  const out: ReferenceProblem[] = [];
  for (const actor of s.actors) {
    const role = actor.roles.find((r) => r === "party" || r === "guarantor");
    const mine = byActor.get(actor.id);
    if (!role || !mine) continue;
    const weight = (i: number): number => {
      const p = s.positions[i]!;
      const issue = issues.get(p.issue);
      if (typeof p.utility !== "object" || !issue || issue.kind === "numeric") return p.salience;
      const table = p.utility.table;
      return p.salience * Math.max(0, ...issue.options.map((o) => table[o.id] ?? 0));
    };
    if (mine.some((i) => weight(i) > 0)) continue;
    const first = mine[0]!;
    out.push({
      code: "inconsistent",
      path: ["positions", first, s.positions[first]!.salience === 0 ? "salience" : "utility"],
      message:
        `${role} '${actor.id}' cares about no issue: each of its ${mine.length} position(s) has salience 0 ` +
        `or a utility table of zeros, so it cannot score any package; give one issue a salience above 0, or drop the role ${role}`,
    });
  }
  return out;
}

/**
 * Every check of a shape-valid scenario beyond its schema: the references between actors, issues
 * and positions, that every party and guarantor cares about some issue, and the references of the
 * guarantee mechanisms and of the agreement to the rest.
 */
export function checkScenario(s: Scenario): ReferenceProblem[] {
  const actors = new Set(s.actors.map((a) => a.id));
  return [
    ...checkScenarioReferences(s),
    ...checkCaresAboutSomething(s),
    ...checkMechanisms(s, actors),
    ...checkAgreementPart(s, actors),
  ];
}
