import type { Scenario } from "../model/scenario.js";

/**
 * The agreement milestones a concluded package sets. An agreement template marks a commitment that
 * only one option implies by starting it from a milestone named `<issue>.<option>` (the default
 * scenario's `withdrawal.contact-line-dmz`); when a package that picks that option enters into
 * force, a `milestone` event for each id returned here starts those commitments, and the
 * commitments of options not picked stay pending. Numeric issues have no options, so none of theirs.
 * Returns the ids in the agreement's milestone order; empty without an agreement.
 */
export function packageMilestones(s: Scenario, pkg: Readonly<Record<string, string | number>>): string[] {
  if (!s.agreement) return [];
  const picked = new Set(
    s.issues
      .filter((i) => i.kind !== "numeric" && typeof pkg[i.id] === "string")
      .map((i) => `${i.id}.${pkg[i.id]}`),
  );
  return s.agreement.milestones.map((m) => m.id).filter((id) => picked.has(id));
}
