import { describe, expect, it } from "vitest";
import { logrolls } from "./logroll.js";
import { mulberry32, randomSpace } from "./random-space.js";
import { createSpace, packageUtilities } from "./space.js";

describe("logrolls", () => {
  // Textbook logroll: A cares 3:1 about issue X over Y, B the reverse; both start at the middle
  // option of [A's ideal, middle, B's ideal] on each issue. A's weights after normalisation are
  // 0.75 (X) and 0.25 (Y); moving X to A's ideal gives A +0.75·0.5 = 0.375 and costs B 0.25·0.5 =
  // 0.125; moving Y to B's ideal gives B +0.375 and costs A 0.125. Net: both gain 0.25.
  const space = createSpace({
    actors: ["A", "B"],
    issues: [
      { id: "X", options: ["a", "mid", "b"], ordered: true },
      { id: "Y", options: ["a", "mid", "b"], ordered: true },
    ],
    stances: [
      [
        { utility: [1, 0.5, 0], salience: 3 },
        { utility: [1, 0.5, 0], salience: 1 },
      ],
      [
        { utility: [0, 0.5, 1], salience: 1 },
        { utility: [0, 0.5, 1], salience: 3 },
      ],
    ],
    statusQuo: [1, 1],
  });

  it("finds the textbook trade with both gains worked by hand", () => {
    const [t] = logrolls(space, [1, 1]);
    expect(t).toBeDefined();
    expect([t!.issueA, t!.issueB].sort()).toEqual(["X", "Y"]);
    expect(t!.gainA).toBeCloseTo(0.25, 12);
    expect(t!.gainB).toBeCloseTo(0.25, 12);
    expect(t!.acceptableToAll).toBe(true);
  });

  it("finds no trade between actors who weigh the issues alike", () => {
    const same = createSpace({
      actors: ["A", "B"],
      issues: space.issues,
      stances: [
        [
          { utility: [1, 0.5, 0], salience: 1 },
          { utility: [1, 0.5, 0], salience: 1 },
        ],
        [
          { utility: [0, 0.5, 1], salience: 1 },
          { utility: [0, 0.5, 1], salience: 1 },
        ],
      ],
    });
    expect(logrolls(same, [1, 1])).toEqual([]);
  });

  it.each([1, 2, 3, 4])("every reported trade really raises both actors' utility (seed %i)", (seed) => {
    const sp = randomSpace(mulberry32(seed), { issues: 5, options: 4, actors: 4 });
    const ref = sp.statusQuo!;
    const before = packageUtilities(sp, ref);
    for (const t of logrolls(sp, ref, { limit: 50 })) {
      const pkg = [...ref];
      pkg[sp.issues.findIndex((x) => x.id === t.issueA)] = t.optionA;
      pkg[sp.issues.findIndex((x) => x.id === t.issueB)] = t.optionB;
      const after = packageUtilities(sp, pkg);
      const a = sp.actors.indexOf(t.actorA);
      const b = sp.actors.indexOf(t.actorB);
      expect(after[a]! - before[a]!).toBeCloseTo(t.gainA, 12);
      expect(after[b]! - before[b]!).toBeCloseTo(t.gainB, 12);
      expect(t.gainA).toBeGreaterThan(0);
      expect(t.gainB).toBeGreaterThan(0);
    }
  });
});
