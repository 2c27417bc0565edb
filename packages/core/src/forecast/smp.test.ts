import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  KTAB_DUMMY_3DIM_REFERENCE,
  KTAB_SOE_POL_COMP_CHALLENGES_TURN0,
  KTAB_SOE_POL_COMP_REFERENCE,
  KTAB_SOE_POL_COMP_RISK_TURN0,
} from "./fixtures/ktab-reference-runs.js";
import { ktabToSmpInput, parseKtabCsv } from "./ktab-csv.js";
import { runSmp } from "./smp.js";
import { runSmpReference } from "./smp-reference.js";
import type { SmpInput } from "./smp-types.js";

const load = (name: string): SmpInput => {
  const text = readFileSync(new URL(`../../../../../shared/fixtures/ktab/${name}`, import.meta.url), "utf8");
  const r = parseKtabCsv(text);
  if (!r.ok) throw new Error(r.issues[0]!.message);
  return ktabToSmpInput(r.scenario);
};

describe("runSmp reproduces KTAB on SOE-Pol-Comp.csv", () => {
  const input = load("SOE-Pol-Comp.csv");
  const res = runSmp(input);

  it("takes KTAB's number of turns", () => {
    expect(res.turns).toBe(KTAB_SOE_POL_COMP_REFERENCE.steps);
    expect(res.converged).toBe(true);
    expect(res.lastDeltaRatio).toBeCloseTo(KTAB_SOE_POL_COMP_REFERENCE.lastDeltaRatio, 4);
  });

  it("follows KTAB's trajectory within 0.5 in every state, every actor, every dimension", () => {
    let worst = 0;
    for (const [id, dim, values] of KTAB_SOE_POL_COMP_REFERENCE.history) {
      const a = input.actors.findIndex((x) => x.id === id);
      values.forEach((v, t) => {
        worst = Math.max(worst, Math.abs(res.positions[t]![a]![dim]! - v));
      });
    }
    // The reference is printed to 0.1, so agreement to the print precision means < 0.05 + rounding.
    expect(worst).toBeLessThan(0.5);
    expect(worst).toBeLessThanOrEqual(0.1);
  });

  it("infers KTAB's first-turn risk attitudes", () => {
    res.riskAttitudes[0]!.forEach((r, i) => {
      expect(r).toBeCloseTo(KTAB_SOE_POL_COMP_RISK_TURN0[i]!, 3);
    });
  });

  it("chooses KTAB's first-turn challenges with KTAB's probabilities and gains", () => {
    const turn0 = res.challenges.filter((c) => c.turn === 0);
    for (const [i, j, p, g] of KTAB_SOE_POL_COMP_CHALLENGES_TURN0) {
      const c = turn0.find((x) => x.initiator === i);
      expect(c?.target).toBe(j);
      expect(c!.probability).toBeCloseTo(p, 4);
      expect(c!.expectedGain).toBeCloseTo(g, 4);
    }
  });
});

describe("runSmp reproduces KTAB on dummyData_3Dim.csv", () => {
  it("takes 10 turns and stays within 0.1 of every printed position", () => {
    const input = load("dummyData_3Dim.csv");
    const res = runSmp(input);
    expect(res.turns).toBe(KTAB_DUMMY_3DIM_REFERENCE.steps);
    let worst = 0;
    for (const [id, dim, values] of KTAB_DUMMY_3DIM_REFERENCE.history) {
      const a = input.actors.findIndex((x) => x.id === id);
      values.forEach((v, t) => {
        worst = Math.max(worst, Math.abs(res.positions[t]![a]![dim]! - v));
      });
    }
    expect(worst).toBeLessThanOrEqual(0.1);
  });
});

describe("runSmp agrees with the straightforward implementation", () => {
  // runSmpReference is the literal transcription of KTAB's loops (full aUtil cube, no pruning).
  for (const name of ["SOE-Policy.csv", "dummyData_6Dim.csv", "dummyData-a040.csv"]) {
    it(`gives the same trajectory on ${name}`, () => {
      const input = load(name);
      const fast = runSmp(input);
      const slow = runSmpReference(input);
      expect(fast.turns).toBe(slow.turns);
      let worst = 0;
      fast.positions.forEach((state, t) => {
        state.forEach((p, i) => {
          p.forEach((x, k) => {
            worst = Math.max(worst, Math.abs(x - slow.positions[t]![i]![k]!));
          });
        });
      });
      expect(worst).toBeLessThan(1e-9);
    });
  }
});

describe("runSmp without history", () => {
  it("ends in the same state after the same number of turns", () => {
    const input = load("SOE-Policy.csv");
    const full = runSmp(input);
    const lean = runSmp(input, { history: false });
    expect(lean.turns).toBe(full.turns);
    expect(lean.positions.length).toBe(2);
    expect(lean.positions[1]).toEqual(full.positions.at(-1));
    expect(lean.challenges).toEqual([]);
  });
});

describe("runSmp properties", () => {
  const three: SmpInput = {
    dimensions: ["x"],
    actors: [
      { id: "a", capability: 100, position: [10], salience: [0.8] },
      { id: "b", capability: 50, position: [60], salience: [0.5] },
      { id: "c", capability: 30, position: [90], salience: [0.6] },
    ],
  };

  it("leaves unanimous actors where they are and stops after the minimum two turns", () => {
    const res = runSmp({
      dimensions: ["x"],
      actors: [
        { id: "a", capability: 10, position: [40], salience: [0.5] },
        { id: "b", capability: 20, position: [40], salience: [0.7] },
        { id: "c", capability: 30, position: [40], salience: [0.9] },
      ],
    });
    expect(res.positions.at(-1)!.map((p) => p[0])).toEqual([40, 40, 40]);
    expect(res.turns).toBe(2);
  });

  it("gives the same trajectory when actors are relabelled (listed in another order)", () => {
    const a = runSmp(three);
    const perm = [2, 0, 1];
    const b = runSmp({ dimensions: ["x"], actors: perm.map((i) => three.actors[i]!) });
    expect(b.turns).toBe(a.turns);
    perm.forEach((from, to) => {
      expect(b.positions.at(-1)![to]![0]).toBeCloseTo(a.positions.at(-1)![from]![0]!, 9);
    });
  });

  it("pulls the outcome toward a dominant actor", () => {
    const mean = (r: ReturnType<typeof runSmp>) => r.positions.at(-1)!.reduce((s, p) => s + p[0]!, 0) / 3;
    const base = mean(runSmp(three));
    const strongC = mean(
      runSmp({ ...three, actors: three.actors.map((x) => (x.id === "c" ? { ...x, capability: 1000 } : x)) }),
    );
    expect(strongC).toBeGreaterThan(base);
  });

  it("rejects a salience total above 1 with a typed error", () => {
    const two = (salience: number[]) => ({ id: "x", capability: 1, position: [10, 20], salience });
    expect(() => runSmp({ dimensions: ["x", "y"], actors: [two([0.5, 0.5]), two([0.7, 0.7])] })).toThrow(
      expect.objectContaining({ code: "smp_bad_salience" }),
    );
  });
});
