import { describe, expect, it } from "vitest";
import { enumeratePackages } from "./enumerate.js";
import { maximize } from "./optimize.js";
import { prepare } from "./prepare.js";
import { mulberry32, randomSpace } from "./random-space.js";
import { bindingRedLines, redLineMoves, whatWouldItTake } from "./relax.js";
import { type AgreementSpace, createSpace } from "./space.js";

function anyAcceptable(space: AgreementSpace, allowed = space.allowed): boolean {
  let found = false;
  enumeratePackages({ ...space, allowed }, (_p, _u, ok) => {
    if (ok) found = true;
  });
  return found;
}

describe("whatWouldItTake", () => {
  // Two parties, one ordered issue with options 0..4. A wants 0 and rejects 3 and 4; B wants 4 and
  // rejects 0, 1 and 2: the tolerated sets {0, 1, 2} and {3, 4} are disjoint, so there is no zone.
  // Moving A's red line one step opens option 3; moving B's one step opens option 2.
  // A's worst tolerated option is 2 (utility 0.5), option 3 gives 0.25 → A gives up 0.25.
  // B's worst tolerated option is 3 (utility 0.75), option 2 gives 0.5 → B gives up 0.25.
  const space = createSpace({
    actors: ["A", "B"],
    issues: [{ id: "x", options: ["0", "1", "2", "3", "4"], ordered: true }],
    stances: [
      [{ utility: [1, 0.75, 0.5, 0.25, 0], salience: 1, rejects: [3, 4] }],
      [{ utility: [0, 0.25, 0.5, 0.75, 1], salience: 1, rejects: [0, 1, 2] }],
    ],
    batna: [0, 0],
  });

  it("finds the one-step moves of either side, each costing what the hand computation says", () => {
    const r = whatWouldItTake(space);
    expect(r.zoneExists).toBe(false);
    expect(r.plans.length).toBe(2);
    for (const plan of r.plans) {
      expect(plan.moves).toHaveLength(1);
      expect(plan.moves[0]!.steps).toBe(1);
      expect(plan.cost).toBeCloseTo(0.25, 12);
    }
    const opened = r.plans.map((p) => `${p.moves[0]!.actor}:${p.moves[0]!.opens.join()}`).sort();
    expect(opened).toEqual(["0:3", "1:2"]);
  });

  it("reports that red lines are not the obstacle when utilities cannot all reach the status quo", () => {
    const sp = createSpace({
      actors: ["A", "B"],
      issues: [{ id: "x", options: ["0", "1"], ordered: true }],
      stances: [[{ utility: [1, 0], salience: 1 }], [{ utility: [0, 1], salience: 1 }]],
      batna: [0.8, 0.8],
    });
    const r = whatWouldItTake(sp);
    expect(r.plans).toEqual([]);
    // Best maximin package gives one side 1 and the other 0: shortfall 0.8 for the loser.
    expect(Math.max(...r.beyondRedLines!.shortfall)).toBeCloseTo(0.8, 12);
  });

  it.each([1, 2, 3, 4, 5, 6, 7, 8])(
    "every plan opens a zone and is minimal, checked by enumeration (seed %i)",
    (seed) => {
      const sp = randomSpace(mulberry32(seed), { issues: 4, options: 4, actors: 3, redLineRate: 0.6 });
      const r = whatWouldItTake(sp, { maxMoves: 2 });
      expect(r.zoneExists).toBe(anyAcceptable(sp));
      const A = sp.actors.length;
      for (const plan of r.plans) {
        const allowed = sp.allowed.map((m) => m.slice());
        for (const m of plan.moves) for (const o of m.opens) allowed[m.issue]![o * A + m.actor] = 1;
        expect(anyAcceptable(sp, allowed)).toBe(true);
        for (const drop of plan.moves) {
          const fewer = sp.allowed.map((m) => m.slice());
          for (const m of plan.moves)
            if (m !== drop) for (const o of m.opens) fewer[m.issue]![o * A + m.actor] = 1;
          expect(anyAcceptable(sp, fewer)).toBe(false);
        }
      }
      // When a single move works, the oracle agrees on which single moves work.
      if (r.plans.length && r.plans[0]!.moves.length === 1) {
        const singles = redLineMoves(sp).filter((m) => {
          const allowed = sp.allowed.map((x) => x.slice());
          for (const o of m.opens) allowed[m.issue]![o * A + m.actor] = 1;
          return anyAcceptable(sp, allowed);
        });
        expect(singles.length).toBeGreaterThanOrEqual(r.plans.length);
      }
    },
  );
});

describe("bindingRedLines", () => {
  // One issue 0..4; A (ideal 0) rejects 3 and 4; B (ideal 4) rejects 0 and 1; disagreement (0, 0.4).
  // Only option 2 is acceptable: gains (0.5, 0.5 − 0.4 = 0.1), Nash product 0.05.
  // Moving A's line one option opens 3: gains (0.25, 0.35), product 0.0875 > 0.05 → binding.
  // Moving B's line opens 1: B's utility 0.25 < 0.4, not acceptable, so the product stays 0.05.
  const sp = createSpace({
    actors: ["A", "B"],
    issues: [{ id: "x", options: ["0", "1", "2", "3", "4"], ordered: true }],
    stances: [
      [{ utility: [1, 0.75, 0.5, 0.25, 0], salience: 1, rejects: [3, 4] }],
      [{ utility: [0, 0.25, 0.5, 0.75, 1], salience: 1, rejects: [0, 1] }],
    ],
    batna: [0, 0.4],
  });
  it("finds the red line the Nash package sits on, with the product worked by hand", () => {
    const [b, ...rest] = bindingRedLines(sp);
    expect(rest).toEqual([]);
    expect(b!.move.actor).toBe(0);
    expect(b!.move.opens).toEqual([3]);
    expect(Math.exp(b!.nashBefore)).toBeCloseTo(0.05, 12);
    expect(Math.exp(b!.nashAfter)).toBeCloseTo(0.0875, 12);
    expect(b!.package.package).toEqual([3]);
  });
});

describe("bindingRedLines matches a full search of each relaxed space", () => {
  // Oracle: the Nash and egalitarian optima of the whole relaxed space, searched without the
  // confinement to newly tolerated options that bindingRedLines uses.
  it.each([1, 2, 3, 4, 5, 6, 7, 8])("seed %i", (seed) => {
    const space = randomSpace(mulberry32(seed), { issues: 5, options: 4, actors: 4, redLineRate: 0.4 });
    const A = space.actors.length;
    const nash0 = maximize(prepare(space), { kind: "nash" });
    const egal0 = maximize(prepare(space), { kind: "egalitarian" });
    if (!nash0.package) return;
    const want = redLineMoves(space)
      .filter((m) => m.steps === 1)
      .map((m) => {
        const allowed = space.allowed.map((x) => x.slice());
        for (const o of m.opens) allowed[m.issue]![o * A + m.actor] = 1;
        const p = prepare(space, { allowed });
        return { m, nash: maximize(p, { kind: "nash" }), egal: maximize(p, { kind: "egalitarian" }) };
      })
      .filter((x) => x.nash.value > nash0.value + 1e-9);
    const got = bindingRedLines(space, { limit: 100 });
    expect(got).toHaveLength(want.length);
    for (const g of got) {
      const w = want.find((x) => x.m.actor === g.move.actor && x.m.issue === g.move.issue)!;
      expect(g.nashAfter).toBeCloseTo(w.nash.value, 9);
      expect(g.minGainAfter).toBeCloseTo(w.egal.value, 9);
      expect(g.minGainBefore).toBeCloseTo(egal0.value, 9);
    }
  });
});
