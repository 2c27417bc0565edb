import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Proposal } from "./api/types.js";
import { threadProposals } from "./proposal-tree.js";

const p = (id: number, parentId: number | null): Proposal => ({
  id,
  negotiationId: 1,
  round: 1,
  parentId,
  authorRole: "mediator",
  authorActor: null,
  package: {},
  note: "",
  createdAt: "2026-01-01T00:00:00Z",
});

describe("threadProposals", () => {
  it("puts each counter-proposal under the one it answers", () => {
    // 1 ← 3 ← 4, and 2 alone: threads are 1, 3, 4 then 2.
    const rows = threadProposals([p(2, null), p(4, 3), p(1, null), p(3, 1)]);
    expect(rows.map((r) => [r.proposal.id, r.depth])).toEqual([
      [1, 0],
      [3, 1],
      [4, 2],
      [2, 0],
    ]);
  });

  it("shows a proposal whose parent is missing as a thread of its own", () => {
    expect(threadProposals([p(5, 99)]).map((r) => [r.proposal.id, r.depth])).toEqual([[5, 0]]);
  });

  it("lists every proposal once, each after its parent and one level deeper (random forests)", () => {
    // Parents always have smaller ids, as the API assigns them.
    const forest = fc
      .array(fc.nat(), { maxLength: 40 })
      .map((picks) => picks.map((k, i) => p(i + 1, k % (i + 1) === 0 ? null : (k % i) + 1)));
    fc.assert(
      fc.property(forest, (ps) => {
        const rows = threadProposals(ps);
        expect(rows.map((r) => r.proposal.id).sort((a, b) => a - b)).toEqual(ps.map((x) => x.id));
        const at = new Map(rows.map((r, i) => [r.proposal.id, { i, depth: r.depth }]));
        for (const x of ps) {
          if (x.parentId === null) expect(at.get(x.id)!.depth).toBe(0);
          else {
            expect(at.get(x.id)!.i).toBeGreaterThan(at.get(x.parentId)!.i);
            expect(at.get(x.id)!.depth).toBe(at.get(x.parentId)!.depth + 1);
          }
        }
      }),
      { seed: 20261123, numRuns: 200 },
    );
  });
});
