import { describe, expect, it } from "vitest";
import { countTwoActors } from "./count-two.js";
import { enumeratePackages } from "./enumerate.js";
import { prepare } from "./prepare.js";
import { mulberry32, randomSpace } from "./random-space.js";

describe("countTwoActors (meet in the middle)", () => {
  it.each(Array.from({ length: 20 }, (_, i) => i + 1))("equals enumeration on seeded space %i", (seed) => {
    const r = mulberry32(seed * 17);
    const space = randomSpace(mulberry32(seed), {
      issues: 1 + Math.floor(r() * 6),
      options: 2 + Math.floor(r() * 4),
      actors: 1 + (seed % 2),
      shape: seed % 3 ? "camps" : "uniform",
      redLineRate: 0.2,
    });
    let truth = 0;
    enumeratePackages(space, (_p, _u, ok) => {
      if (ok) truth++;
    });
    expect(countTwoActors(prepare(space))).toBe(truth);
  });

  it("declines more than two actors", () => {
    const space = randomSpace(mulberry32(1), { issues: 3, options: 3, actors: 3 });
    expect(countTwoActors(prepare(space))).toBeNull();
  });
});
