import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseScenario } from "../model/parse.js";
import type { Scenario } from "../model/scenario.js";
import { randomScenario } from "./fixtures/random-scenario.js";
import {
  acceptable,
  EPS,
  ksScore,
  nashKey,
  type Ref,
  referenceAnswers,
  referenceImprovement,
  referenceLogrolls,
  referenceModel,
  referenceMoves,
  referenceNearest,
  relaxed,
  utilities,
} from "./fixtures/reference.js";
import { spaceFromScenario } from "./from-scenario.js";
import { logrolls } from "./logroll.js";
import { type AgreementSection, buildAgreementSection, type PackageView } from "./section.js";

// Every quantity `entente agree` prints, on generated scenarios, against the brute-force reference in
// fixtures/reference.ts. Seeded: set AGREEMENT_PROPERTY_SEED to replay a failure (fast-check prints
// the seed and the failing case's path), AGREEMENT_PROPERTY_RUNS for more scenarios.
const SEED = Number(process.env.AGREEMENT_PROPERTY_SEED ?? 20_261_204);
const RUNS = Number(process.env.AGREEMENT_PROPERTY_RUNS ?? 200);

const close = (x: number, y: number, tol = 1e-9) =>
  Math.abs(x - y) <= tol * Math.max(1, Math.abs(x), Math.abs(y));

function parse(doc: unknown): Scenario {
  const r = parseScenario(JSON.stringify(doc), "generated.json");
  if (!r.ok)
    throw new Error(
      `generated scenario is invalid: ${r.errors.map((e) => `${e.path}: ${e.message}`).join("; ")}`,
    );
  return r.scenario;
}

/** A package the section printed, as option indices of the reference (numbers must be grid points exactly). */
function indicesOf(m: Ref, view: PackageView): number[] {
  return view.choices.map((c, i) => {
    const o = m.points[i]!.findIndex((x) => Object.is(x, c.option));
    if (o < 0)
      throw new Error(
        `${c.issue}: ${c.option} is not a grid point of the reference (${m.points[i]!.join(", ")})`,
      );
    return o;
  });
}

function expectUtilities(m: Ref, view: PackageView): number[] {
  const pkg = indicesOf(m, view);
  const u = utilities(m, pkg);
  view.utilities.forEach((x, a) => {
    expect(x.actor).toBe(m.actors[a]);
    expect(close(x.utility, u[a]!)).toBe(true);
    expect(close(x.gain, u[a]! - m.disagreement[a]!)).toBe(true);
  });
  return pkg;
}

function checkSolutions(m: Ref, s: AgreementSection, ref: ReturnType<typeof referenceAnswers>): void {
  const sol = s.solutions;
  if (ref.count === 0) {
    for (const v of Object.values(sol)) expect(v).toBeNull();
    return;
  }
  for (const v of Object.values(sol)) {
    expect(v).not.toBeNull();
    expect(v!.exact).toBe(true);
    expect(acceptable(m, expectUtilities(m, v!))).toBe(true);
  }
  const u = (v: PackageView) => utilities(m, indicesOf(m, v));
  // Nash: the most actors gaining, then the largest product of their gains (the classic Nash
  // product when some package gives everyone a gain).
  const key = nashKey(m, u(sol.nash!));
  expect(key[0]).toBe(ref.nash![0]);
  expect(close(key[1], ref.nash![1])).toBe(true);
  const product = key[0] === m.actors.length ? Math.exp(key[1]) : 0;
  expect(close(sol.nash!.score, product)).toBe(true);
  expect(close(sum(u(sol.utilitarian!)), ref.utilitarian)).toBe(true);
  expect(close(Math.min(...u(sol.egalitarian!).map((v, a) => v - m.disagreement[a]!)), ref.egalitarian)).toBe(
    true,
  );
  expect(close(ksScore(m, ref.utopia, u(sol.kalaiSmorodinsky!)), ref.ks)).toBe(true);
}

const sum = (xs: number[]) => xs.reduce((x, y) => x + y, 0);

function checkPareto(m: Ref, s: AgreementSection, ref: ReturnType<typeof referenceAnswers>): void {
  expect(s.pareto.complete).toBe(true);
  expect(s.pareto.size).toBe(ref.frontier.length);
  const totals = ref.frontier.map(sum).sort((x, y) => y - x);
  s.pareto.shown.forEach((v, k) => {
    const u = utilities(m, expectUtilities(m, v));
    expect(ref.frontier.some((f) => f.every((x, a) => Math.abs(x - u[a]!) <= 1e-9))).toBe(true);
    // Shown: the largest totals first.
    expect(close(sum(u), totals[k]!)).toBe(true);
  });
}

function checkLogrolls(m: Ref, scenario: Scenario, s: AgreementSection, proposal: number[] | null): void {
  // The reference package: the proposal; else the status quo (nearest grid point off the grid);
  // else the option with the largest total utility share.
  const from = indicesOf(m, s.logrollFrom);
  m.issues.forEach((iss, i) => {
    if (proposal) {
      expect(from[i]).toBe(proposal[i]);
      return;
    }
    const sq = iss.statusQuo;
    if (sq !== undefined) {
      expect(from[i]).toBe(
        typeof sq === "number" ? referenceNearest(m.points[i] as number[], sq) : m.points[i]!.indexOf(sq),
      );
      return;
    }
    const total = (o: number) => sum(m.actors.map((_, a) => m.contrib[a]![i]![o]!));
    const best = Math.max(...m.points[i]!.map((_, o) => total(o)));
    expect(total(from[i]!)).toBeGreaterThanOrEqual(best - 1e-12);
  });
  const want = referenceLogrolls(m, from).slice(0, 8);
  expect(s.logrolls.map((t) => Math.min(t.gainA, t.gainB)).every((g, k) => close(g, want[k]!.min))).toBe(
    true,
  );
  expect(s.logrolls).toHaveLength(want.length);
  // Each trade as the engine lists it: the gains it states, and whether every actor accepts the result.
  const ss = spaceFromScenario(scenario);
  for (const t of logrolls(ss.space, from, { limit: 8 })) {
    const a = m.actors.indexOf(t.actorA);
    const b = m.actors.indexOf(t.actorB);
    const i = m.issues.findIndex((x) => x.id === t.issueA);
    const j = m.issues.findIndex((x) => x.id === t.issueB);
    const pkg = [...from];
    pkg[i] = t.optionA;
    pkg[j] = t.optionB;
    const before = utilities(m, from);
    const after = utilities(m, pkg);
    expect(close(t.gainA, after[a]! - before[a]!)).toBe(true);
    expect(close(t.gainB, after[b]! - before[b]!)).toBe(true);
    expect(t.acceptableToAll).toBe(acceptable(m, pkg));
  }
}

function checkWhatWouldItTake(m: Ref, s: AgreementSection, ref: ReturnType<typeof referenceAnswers>): void {
  const w = s.whatWouldItTake;
  expect(w.zoneExists).toBe(ref.count > 0);
  const feasible = (allowed: boolean[][][]) =>
    m.packages.some((p) => acceptable(m, p, m.disagreement, allowed));
  const moves = referenceMoves(m);
  if (!w.zoneExists) {
    const noLines = m.allowed.map((rows) => rows.map((row) => row.map(() => true)));
    if (!feasible(noLines)) {
      // Red lines are not the obstacle: the closest package is the maximin of gains without them.
      expect(w.beyondRedLines).not.toBeNull();
      const best = Math.max(
        ...m.packages.map((p) => Math.min(...utilities(m, p).map((v, a) => v - m.disagreement[a]!))),
      );
      const got = utilities(m, indicesOf(m, w.beyondRedLines!.package));
      expect(close(Math.min(...got.map((v, a) => v - m.disagreement[a]!)), best)).toBe(true);
      return;
    }
    expect(w.beyondRedLines).toBeNull();
    // Minimal single moves: feasible, and no shorter move of the same line is.
    const works = moves.filter((mv) => feasible(relaxed(m, [mv])));
    const singles = works.filter(
      (mv) => !works.some((x) => x.a === mv.a && x.i === mv.i && x.steps < mv.steps),
    );
    for (const plan of w.plans) {
      const mv = plan.moves.map((x) => {
        const found = moves.find(
          (c) => m.actors[c.a] === x.actor && m.issues[c.i]!.id === x.issue && c.steps === x.steps,
        );
        expect(found).toBeDefined();
        return found!;
      });
      expect(feasible(relaxed(m, mv))).toBe(true);
      // Minimal: no move can be left out.
      for (let k = 0; k < mv.length && mv.length > 1; k++)
        expect(
          feasible(
            relaxed(
              m,
              mv.filter((_, q) => q !== k),
            ),
          ),
        ).toBe(false);
      if (singles.length) expect(mv).toHaveLength(1);
    }
    if (singles.length) expect(w.plans.length).toBe(Math.min(5, singles.length));
    return;
  }
  // Binding red lines: one step outward, the Nash product over the relaxed space rises.
  const nashOf = (allowed: boolean[][][]) => {
    let best = Number.NEGATIVE_INFINITY;
    for (const p of m.packages) {
      if (!acceptable(m, p, m.disagreement, allowed)) continue;
      const [k, v] = nashKey(m, utilities(m, p));
      if (k === m.actors.length) best = Math.max(best, v);
    }
    return best;
  };
  const base = nashOf(m.allowed);
  if (base === Number.NEGATIVE_INFINITY) {
    expect(w.binding).toEqual([]);
    return;
  }
  const rises = moves
    .filter((mv) => mv.steps === 1)
    .map((mv) => nashOf(relaxed(m, [mv])))
    .filter((v) => v > base + 1e-9)
    .map((v) => Math.exp(v - base) - 1)
    .sort((x, y) => y - x)
    .slice(0, 5);
  expect(w.binding.length).toBe(rises.length);
  w.binding.forEach((b, k) => {
    expect(close(b.nashGain, rises[k]!, 1e-6)).toBe(true);
  });
}

describe("the agreement engine against brute force on generated scenarios", () => {
  it(`agrees on every printed quantity (${RUNS} scenarios, seed ${SEED})`, () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        fc.boolean(),
        (actors, issues, seed, withProposal) => {
          const gen = randomScenario(actors, issues, seed);
          const scenario = parse(gen.doc);
          const m = referenceModel(scenario);
          // The grids: the reference's decimal grid, the generator's integers and the engine's points agree exactly.
          const ss = spaceFromScenario(scenario);
          m.issues.forEach((iss, i) => {
            const facts = gen.grids[iss.id];
            if (facts)
              expect(m.points[i]).toEqual(
                facts.units.map((u) => Number((u / 10 ** facts.places).toFixed(facts.places))),
              );
            expect(ss.points[i]!.every((x, o) => Object.is(x, m.points[i]![o]))).toBe(true);
          });
          const proposal = withProposal
            ? m.issues.map((iss, i) => {
                const x = gen.proposal[iss.id]!;
                return typeof x === "number"
                  ? referenceNearest(m.points[i] as number[], x)
                  : m.points[i]!.indexOf(x);
              })
            : null;
          const s = buildAgreementSection(scenario, withProposal ? { proposal: gen.proposal } : {});
          const ref = referenceAnswers(m);

          s.actors.forEach((a, k) => {
            expect(a.id).toBe(m.actors[k]);
            expect(close(a.disagreement, m.disagreement[k]!)).toBe(true);
          });
          expect(s.space.packages).toBe(m.packages.length);
          expect(s.count.exact).toBe(true);
          expect(s.count.lower).toBe(ref.count);
          for (const v of s.count.sample) expect(acceptable(m, expectUtilities(m, v))).toBe(true);
          checkSolutions(m, s, ref);
          checkPareto(m, s, ref);
          if (proposal) {
            const p = s.proposal!;
            expect(indicesOf(m, p.package)).toEqual(proposal);
            const u = utilities(m, proposal);
            p.verdicts.forEach((v, a) => {
              expect(close(v.utility, u[a]!)).toBe(true);
              const crossed = m.issues.filter((_, i) => !m.allowed[a]![i]![proposal[i]!]).map((x) => x.id);
              expect(v.redLinesCrossed).toEqual(crossed);
              expect(v.accepts).toBe(crossed.length === 0 && u[a]! >= m.disagreement[a]! - EPS);
            });
            const imp = referenceImprovement(m, proposal);
            expect(p.improvements.exact).toBe(true);
            expect(p.improvements.lower).toBe(imp.count);
            expect(p.improvable).toBe(imp.improvable);
            if (imp.improvable) {
              const got = indicesOf(m, p.improvement!);
              expect(acceptable(m, got)).toBe(true);
              expect(close(sum(utilities(m, got)), imp.best)).toBe(true);
            } else expect(p.improvement).toBeNull();
          }
          checkLogrolls(m, scenario, s, proposal);
          checkWhatWouldItTake(m, s, ref);
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
  });
});
