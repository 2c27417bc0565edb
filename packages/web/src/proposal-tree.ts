import type { Proposal } from "./api/types.js";

export interface ThreadRow {
  proposal: Proposal;
  /** 0 for a proposal, 1 for a counter-proposal to it, and so on. */
  depth: number;
}

/**
 * Orders proposals as threads: each counter-proposal directly under the proposal it answers, in
 * the order tabled. A parent that is not in the list (it cannot happen through the API, but a
 * partial page could cause it) makes its child a thread of its own rather than hiding it.
 */
export function threadProposals(proposals: readonly Proposal[]): ThreadRow[] {
  const byId = new Map(proposals.map((p) => [p.id, p]));
  const children = new Map<number, Proposal[]>();
  const roots: Proposal[] = [];
  for (const p of [...proposals].sort((a, b) => a.id - b.id)) {
    if (p.parentId !== null && byId.has(p.parentId) && p.parentId !== p.id) {
      const list = children.get(p.parentId) ?? [];
      list.push(p);
      children.set(p.parentId, list);
    } else roots.push(p);
  }
  const out: ThreadRow[] = [];
  const seen = new Set<number>();
  const walk = (p: Proposal, depth: number) => {
    if (seen.has(p.id)) return;
    seen.add(p.id);
    out.push({ proposal: p, depth });
    for (const c of children.get(p.id) ?? []) walk(c, depth + 1);
  };
  for (const r of roots) walk(r, 0);
  return out;
}
