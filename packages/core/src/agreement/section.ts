import { groupDigits } from "../format/group-digits.js";
import { percentChange } from "../format/percent-change.js";
import type { Scenario } from "../model/scenario.js";
import type { Package } from "../utility/package-utility.js";
import { countAcceptable } from "./count.js";
import { type CountEstimate, estimateCount } from "./estimate.js";
import {
  optionLabel,
  packageIndices,
  type ScenarioSpace,
  type ScenarioSpaceOptions,
  spaceFromScenario,
} from "./from-scenario.js";
import { logrolls } from "./logroll.js";
import type { Optimum } from "./optimize.js";
import { improveOn, paretoFrontier } from "./pareto.js";
import { type Prepared, prepare } from "./prepare.js";
import { mulberry32 } from "./random-space.js";
import { bindingRedLines, whatWouldItTake } from "./relax.js";
import { bargainingSolutions } from "./solutions.js";
import { spaceSize, wouldEachAccept } from "./space.js";

/** One settled issue of a package, in the scenario's terms. */
export interface Choice {
  issue: string;
  issueName: string;
  option: string | number;
  label: string;
}

export interface ActorUtility {
  actor: string;
  name: string;
  utility: number;
  /** Utility minus the actor's disagreement utility. */
  gain: number;
}

export interface PackageView {
  choices: Choice[];
  utilities: ActorUtility[];
}

export interface SolutionView extends PackageView {
  /** True when the search proved this package optimal. */
  exact: boolean;
  /** The objective's score; for Nash the product of gains. */
  score: number;
  /** Proven upper bound on the score when not exact. */
  bound: number;
}

export interface AgreementSection {
  /** Actors whose acceptance a package needs. */
  actors: { id: string; name: string; disagreement: number; disagreementSource: string }[];
  space: { packages: number; issues: number };
  count: {
    exact: boolean;
    lower: number;
    upper: number;
    depth: number;
    nodes: number;
    sample: PackageView[];
    /**
     * When the count is not exact: a sampled estimate with its 99% interval (normal approximation),
     * kept within the proven bounds. An estimate, not a bound.
     */
    estimate?: CountEstimate;
  };
  solutions: {
    nash: SolutionView | null;
    utilitarian: SolutionView | null;
    egalitarian: SolutionView | null;
    kalaiSmorodinsky: SolutionView | null;
  };
  pareto: { complete: boolean; size: number; shown: PackageView[] };
  proposal: null | {
    package: PackageView;
    verdicts: {
      actor: string;
      name: string;
      accepts: boolean;
      utility: number;
      disagreement: number;
      redLinesCrossed: string[];
    }[];
    improvable: boolean;
    exact: boolean;
    improvement: SolutionView | null;
    improvements: { exact: boolean; lower: number; upper: number };
  };
  logrolls: {
    actorA: string;
    actorB: string;
    issueA: string;
    issueB: string;
    labelA: string;
    labelB: string;
    gainA: number;
    gainB: number;
    acceptableToAll: boolean;
    sentence: string;
  }[];
  /** Reference package the logrolls start from, in words. */
  logrollReference: string;
  /** That reference package itself, with every actor's utility for it. */
  logrollFrom: PackageView;
  whatWouldItTake: {
    zoneExists: boolean;
    exact: boolean;
    plans: {
      moves: {
        actor: string;
        name: string;
        issue: string;
        issueName: string;
        steps: number;
        opens: string[];
        givesUp: number;
      }[];
      cost: number;
      package: PackageView | null;
      sentence: string;
    }[];
    beyondRedLines: {
      package: PackageView;
      shortfall: { actor: string; name: string; shortfall: number }[];
    } | null;
    /** When a zone exists: red lines the Nash package presses against, the most constraining first. */
    binding: {
      actor: string;
      name: string;
      issue: string;
      issueName: string;
      opens: string;
      nashGain: number;
      sentence: string;
    }[];
    summary: string;
  };
  /** What is exact and what is bounded, in one line each. */
  notes: string[];
}

export interface AgreementSectionOptions extends ScenarioSpaceOptions {
  /** A proposed package to assess and improve on. */
  proposal?: Package;
  /** Node budget for each search. @default 20_000_000 */
  nodeBudget?: number;
  /** Seed for the sample of acceptable packages. @default 1 */
  seed?: number;
  /** Pareto points listed. @default 10 */
  paretoShown?: number;
  /**
   * Largest frontier computed whole; past it, a labelled subset of proven Pareto-optimal packages.
   * The whole-frontier search costs about the square of this per issue. @default 1000
   */
  paretoMaxPoints?: number;
  /**
   * Most walks for the sampled estimate of an inexact count (about 20 µs each on 20 issues × 10
   * actors). It stops earlier once its 99% interval is 1% wide. @default 600_000
   */
  estimateMaxSamples?: number;
}

/**
 * The "agreement" section of `entente analyze` and the whole of `entente agree`: how many packages
 * every party and guarantor can accept (exact or a proven interval), the Nash, utilitarian,
 * egalitarian and Kalai–Smorodinsky packages, the Pareto frontier, logrolling trades, an optional
 * proposal's verdicts and post-settlement improvement, and what it would take to open a zone of
 * agreement when there is none. Plain JSON-able data.
 */
export function buildAgreementSection(
  scenario: Scenario,
  options: AgreementSectionOptions = {},
): AgreementSection {
  const ss = spaceFromScenario(scenario, options);
  const { space } = ss;
  const budget = options.nodeBudget ?? 20_000_000;
  const p = prepare(space);
  const name = (a: number) => ss.actors[a]!.name;
  const view = (pkg: number[], utilities?: ArrayLike<number>): PackageView => {
    const u = utilities ?? wouldEachAccept(space, pkg).map((v) => v.utility);
    return {
      choices: ss.issues.map((iss, i) => ({
        issue: iss.id,
        issueName: iss.name,
        option: ss.points[i]![pkg[i]!]!,
        label: optionLabel(ss, i, pkg[i]!),
      })),
      utilities: ss.actors.map((a, k) => ({
        actor: a.id,
        name: a.name,
        utility: u[k]!,
        gain: u[k]! - space.disagreement[k]!,
      })),
    };
  };
  const sol = (o: Optimum, score: (v: number) => number = (v) => v): SolutionView | null =>
    o.package
      ? { ...view(o.package, o.utilities), exact: o.exact, score: score(o.value), bound: score(o.upperBound) }
      : null;

  const count = countAcceptable(p, { nodeBudget: budget, sample: 5, rand: mulberry32(options.seed ?? 1) });
  const estimate = count.exact
    ? undefined
    : estimateWithin(p, count, options.seed ?? 1, options.estimateMaxSamples);
  const bs = bargainingSolutions(space, { prepared: p, nodeBudget: budget });
  const pareto = paretoFrontier(
    space,
    { maxPoints: options.paretoMaxPoints ?? 1000, subset: options.paretoShown ?? 10, rand: mulberry32(2) },
    p,
  );
  const shown = [...pareto.points]
    .sort((x, y) => y.utilities.reduce((s, v) => s + v, 0) - x.utilities.reduce((s, v) => s + v, 0))
    .slice(0, options.paretoShown ?? 10);

  let proposal: AgreementSection["proposal"] = null;
  let reference: number[];
  let referenceText: string;
  if (options.proposal) {
    const pkg = packageIndices(ss, options.proposal);
    const imp = improveOn(space, pkg, { nodeBudget: budget });
    proposal = {
      package: view(pkg),
      verdicts: wouldEachAccept(space, pkg).map((v, a) => ({ ...v, name: name(a) })),
      improvable: imp.improvable,
      exact: imp.exact,
      improvement: imp.best ? sol(imp.best) : null,
      improvements: { exact: imp.count.exact, lower: imp.count.lower, upper: imp.count.upper },
    };
    reference = pkg;
    referenceText = "the proposed package";
  } else {
    // The status quo where the issue states one (a numeric one off the grid at its nearest grid
    // point, as in ScenarioSpace.statusQuoIndex); elsewhere the option with the largest total utility.
    const A = space.actors.length;
    reference = ss.statusQuoIndex.map((sq, i) => {
      if (sq >= 0) return sq;
      let best = 0;
      let bestSum = -Infinity;
      for (let o = 0; o < ss.points[i]!.length; o++) {
        let s = 0;
        for (let a = 0; a < A; a++) s += space.util[i]![o * A + a]!;
        if (s > bestSum) {
          bestSum = s;
          best = o;
        }
      }
      return best;
    });
    referenceText = "the status quo (on issues without one, the option with the largest total utility)";
  }
  const trades = logrolls(space, reference, { limit: 8 }).map((t) => {
    const i = ss.issues.findIndex((x) => x.id === t.issueA);
    const j = ss.issues.findIndex((x) => x.id === t.issueB);
    const a = space.actors.indexOf(t.actorA);
    const b = space.actors.indexOf(t.actorB);
    const labelA = optionLabel(ss, i, t.optionA);
    const labelB = optionLabel(ss, j, t.optionB);
    return {
      actorA: t.actorA,
      actorB: t.actorB,
      issueA: t.issueA,
      issueB: t.issueB,
      labelA,
      labelB,
      gainA: t.gainA,
      gainB: t.gainB,
      acceptableToAll: t.acceptableToAll,
      sentence:
        `${name(b)} accepts "${labelA}" on ${ss.issues[i]!.name} and ${name(a)} accepts "${labelB}" on ` +
        `${ss.issues[j]!.name}: ${name(a)} gains ${pct(t.gainA)}, ${name(b)} ${pct(t.gainB)}` +
        (t.acceptableToAll
          ? "; every actor can accept the result."
          : "; the result is not yet acceptable to every actor."),
    };
  });

  const w = whatWouldItTake(space, {
    nodeBudget: Math.min(budget, 2_000_000),
    egalitarian: bs.egalitarian,
  });
  const plans = w.plans.map((plan) => {
    const moves = plan.moves.map((m) => ({
      actor: space.actors[m.actor]!,
      name: name(m.actor),
      issue: ss.issues[m.issue]!.id,
      issueName: ss.issues[m.issue]!.name,
      steps: m.steps,
      opens: m.opens.map((o) => optionLabel(ss, m.issue, o)),
      givesUp: m.givesUp,
    }));
    const pk = plan.package.package ? view(plan.package.package, plan.package.utilities) : null;
    const parts = moves.map(
      (m) =>
        `${m.name} accepts "${m.opens[m.opens.length - 1]}" on ${m.issueName} ` +
        `(${m.steps === 1 ? "one option" : `${m.steps} options`} past its red line, giving up ${pct(m.givesUp)})`,
    );
    return {
      moves,
      cost: plan.cost,
      package: pk,
      sentence: `If ${parts.join(" and ")}, a zone of agreement opens.`,
    };
  });
  const beyond = w.beyondRedLines
    ? {
        package: view(w.beyondRedLines.package),
        shortfall: w.beyondRedLines.shortfall
          .map((s, a) => ({ actor: space.actors[a]!, name: name(a), shortfall: s }))
          .filter((x) => x.shortfall > 1e-9),
      }
    : null;
  const binding = w.zoneExists
    ? bindingRedLines(space, {
        limit: 5,
        nodeBudget: Math.min(budget, 2_000_000),
        nash: bs.nash,
        egalitarian: bs.egalitarian,
      }).map((b) => {
        const m = b.move;
        const opens = optionLabel(ss, m.issue, m.opens[0]!);
        const rise = Math.exp(b.nashAfter - b.nashBefore) - 1;
        return {
          actor: space.actors[m.actor]!,
          name: name(m.actor),
          issue: ss.issues[m.issue]!.id,
          issueName: ss.issues[m.issue]!.name,
          opens,
          nashGain: rise,
          sentence:
            `${name(m.actor)}'s red line on ${ss.issues[m.issue]!.name} holds the fair package back: if it accepted ` +
            `"${opens}", the Nash product would rise by ${percentChange(rise)} and the smallest gain ` +
            `${b.minGainAfter > b.minGainBefore + 1e-9 ? `from ${pct(b.minGainBefore)} to ${pct(b.minGainAfter)}` : "would not change"}.`,
        };
      })
    : [];
  const summary = w.zoneExists
    ? `A zone of agreement exists: no red line needs to move.${binding.length ? ` ${binding.length} red line(s) constrain the fair package:` : " No single red line constrains the Nash package."}`
    : beyond
      ? `Even with every red line dropped, no package gives every actor what it expects without a deal; ` +
        `closest package leaves ${beyond.shortfall.map((s) => `${s.name} short by ${pct(s.shortfall)}`).join(", ")}.`
      : plans.length
        ? `No package is acceptable to all ${space.actors.length} actors as things stand. ` +
          `${plans.length === 1 ? "One way" : `${plans.length} ways`} to open a zone of agreement, least costly first:`
        : `No package is acceptable to all, and no combination of up to ${w.searchedUpTo} red-line moves among the cheapest opens one.`;

  const notes = [
    count.exact
      ? `Count of acceptable packages: exact (${fmtInt(count.lower)}).`
      : `Count of acceptable packages: proven bounds ${fmtInt(count.lower)}–${fmtInt(count.upper)} (search fixed ${count.depth} of ${ss.issues.length} issues before bounding the rest)` +
        (estimate
          ? `; sampled estimate ${fmtInt(Math.round(estimate.estimate))}, 99% interval ${fmtInt(Math.round(estimate.low))}–${fmtInt(Math.round(estimate.high))} (${fmtInt(estimate.samples)} importance-sampled walks; an estimate, not a bound).`
          : "."),
    ...(["nash", "utilitarian", "egalitarian", "kalaiSmorodinsky"] as const).map((k) => {
      const o = bs[k];
      if (k === "nash" && bs.nashDegenerate)
        return `nash: every acceptable package leaves some actor no better off than no deal, so the Nash product is 0 for all of them; shown: the package with the most actors gaining, then the largest product of their gains (${o.exact ? "proven" : "best found within the node budget"}).`;
      return `${k}: ${o.package ? (o.exact ? "proven optimal" : "best found; bound stated") : o.exact ? "no acceptable package" : "none found within the node budget"}.`;
    }),
    pareto.complete
      ? `Pareto frontier: complete (${pareto.points.length} packages, one per distinct utility profile).`
      : `Pareto frontier: too large to list; showing ${pareto.points.length} proven Pareto-optimal packages.`,
    w.zoneExists
      ? "What would it take: nothing — a zone of agreement exists."
      : `What would it take: ${w.exact ? "every check exact" : "some checks hit the node budget"}; plans of up to ${w.searchedUpTo} red-line moves searched.`,
  ];

  return {
    actors: ss.actors.map((a, k) => ({
      id: a.id,
      name: a.name,
      disagreement: space.disagreement[k]!,
      disagreementSource: ss.disagreementSource[k]!,
    })),
    space: { packages: spaceSize(space), issues: ss.issues.length },
    count: {
      exact: count.exact,
      lower: count.lower,
      upper: count.upper,
      depth: count.depth,
      nodes: count.nodes,
      sample: count.sample.map((pkg) => view(pkg)),
      ...(estimate ? { estimate } : {}),
    },
    solutions: {
      nash: sol(bs.nash, Math.exp),
      utilitarian: sol(bs.utilitarian),
      egalitarian: sol(bs.egalitarian),
      kalaiSmorodinsky: sol(bs.kalaiSmorodinsky),
    },
    pareto: {
      complete: pareto.complete,
      size: pareto.points.length,
      shown: shown.map((x) => view(x.package, x.utilities)),
    },
    proposal,
    logrolls: trades,
    logrollReference: referenceText,
    logrollFrom: view(reference),
    whatWouldItTake: {
      zoneExists: w.zoneExists,
      exact: w.exact,
      plans,
      beyondRedLines: beyond,
      binding,
      summary,
    },
    notes,
  };
}

/** Utility as a share of the actor's ideal package, e.g. "4.2 points" of 100. */
function pct(x: number): string {
  return `${(x * 100).toFixed(1)} points`;
}

function fmtInt(x: number): string {
  return x < 1e12 ? groupDigits(Math.round(x)) : x.toExponential(3);
}

export type { ScenarioSpace };

/** The sampled estimate, its interval clipped to what the search proved. */
function estimateWithin(
  p: Prepared,
  count: { lower: number; upper: number },
  seed: number,
  maxSamples: number | undefined,
): CountEstimate {
  const e = estimateCount(p, { rand: mulberry32(seed), ...(maxSamples ? { maxSamples } : {}) });
  const clip = (x: number) => Math.min(count.upper, Math.max(count.lower, x));
  return { ...e, estimate: clip(e.estimate), low: clip(e.low), high: clip(e.high) };
}
