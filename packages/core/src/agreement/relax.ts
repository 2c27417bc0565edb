import { maximize, type Optimum } from "./optimize.js";
import { prepare } from "./prepare.js";
import type { AgreementSpace } from "./space.js";
import { feasibilitySurrogate, nashSurrogateAt } from "./surrogate.js";

/** One actor moving one red line: the options it would newly tolerate on one issue. */
export interface RedLineMove {
  actor: number;
  issue: number;
  /** How many options past the current red line (1 = the nearest one). */
  steps: number;
  /** Options newly tolerated (indices into the issue's options). */
  opens: number[];
  /**
   * Utility the actor concedes, in package-utility units (its ideal package = 1): how far below its
   * worst currently tolerated option the worst newly tolerated one lies (0 if not below).
   */
  givesUp: number;
}

/** A set of red-line moves that together open a zone of agreement. */
export interface RelaxationPlan {
  moves: RedLineMove[];
  /** Σ givesUp over the moves: what the plan costs the actors who move. */
  cost: number;
  /** The fairest package the plan makes acceptable (largest smallest gain over no agreement). */
  package: Optimum;
}

export interface WhatWouldItTake {
  /** True when some package is already acceptable to all: nothing needs to move. */
  zoneExists: boolean;
  /** Minimal plans (no proper subset works), cheapest first. */
  plans: RelaxationPlan[];
  /**
   * When no package gives every actor its disagreement utility even with every red line dropped,
   * red lines are not the obstacle: the package that comes closest (maximin of gains) and each
   * actor's shortfall from its disagreement utility.
   */
  beyondRedLines: { package: number[]; shortfall: number[] } | null;
  /** Largest plan size searched exhaustively over the cheapest candidate moves. */
  searchedUpTo: number;
  /** True when every check was proven (no node budget ran out). */
  exact: boolean;
}

export interface RelaxOptions {
  /** How many plans to return. @default 5 */
  limit?: number;
  /** Largest number of moves in a plan. @default 3 */
  maxMoves?: number;
  /** Node budget of each feasibility check. @default 500_000 */
  nodeBudget?: number;
  /** The egalitarian package of the space when already known: a package proves a zone exists. */
  egalitarian?: Optimum;
}

/** Candidate moves for every actor's red line on every issue, nearest options first. */
export function redLineMoves(space: AgreementSpace): RedLineMove[] {
  const A = space.actors.length;
  const out: RedLineMove[] = [];
  space.issues.forEach((iss, i) => {
    const K = iss.options.length;
    const u = space.util[i]!;
    const allowed = space.allowed[i]!;
    for (let a = 0; a < A; a++) {
      const ok: number[] = [];
      const rejected: number[] = [];
      for (let o = 0; o < K; o++) (allowed[o * A + a] ? ok : rejected).push(o);
      if (rejected.length === 0) continue;
      const worstOk = ok.length
        ? Math.min(...ok.map((o) => u[o * A + a]!))
        : Math.max(...rejected.map((o) => u[o * A + a]!));
      const dist = (o: number) =>
        iss.ordered && ok.length ? Math.min(...ok.map((k) => Math.abs(k - o))) : 0;
      // On an axis a red line is a cut-off, so it moves outward one option at a time; otherwise
      // the least painful rejected option goes first.
      rejected.sort((x, y) => dist(x) - dist(y) || u[y * A + a]! - u[x * A + a]! || x - y);
      for (let s = 1; s <= rejected.length; s++) {
        const opens = rejected.slice(0, s);
        const worst = Math.min(...opens.map((o) => u[o * A + a]!));
        out.push({ actor: a, issue: i, steps: s, opens, givesUp: Math.max(0, worstOk - worst) });
      }
    }
  });
  return out;
}

/**
 * "What would it take": the smallest sets of red-line moves that open a zone of agreement, ranked by
 * how little the moving actors give up. Single moves are tried first, then pairs and triples over
 * the cheapest candidates; a plan is kept only if it is minimal (none of its subsets works). Each
 * check is an exact branch and bound for the egalitarian package under the relaxed red lines.
 */
export function whatWouldItTake(space: AgreementSpace, options: RelaxOptions = {}): WhatWouldItTake {
  const limit = options.limit ?? 5;
  const maxMoves = options.maxMoves ?? 3;
  const budget = options.nodeBudget ?? 500_000;
  const A = space.actors.length;
  let exact = true;
  const check = (allowed: Uint8Array[]): Optimum => {
    const r = maximize(prepare(space, { allowed }), { kind: "egalitarian" }, { nodeBudget: budget });
    if (!r.exact && !r.package) exact = false;
    return r;
  };
  const base = options.egalitarian?.package ? options.egalitarian : check(space.allowed);
  if (base.package) return { zoneExists: true, plans: [], beyondRedLines: null, searchedUpTo: 0, exact };

  // Would anything work with no red lines at all? Shift every threshold down by 2 (utilities lie
  // in [0, 1]) so the maximin exists, then read the real shortfalls.
  const loose = prepare(space, {
    ignoreRedLines: true,
    thresholds: Array.from(space.disagreement, (d) => d - 2),
  });
  const closest = maximize(loose, { kind: "egalitarian" }, { nodeBudget: budget * 10 });
  if (closest.package && closest.value - 2 < -1e-12) {
    return {
      zoneExists: false,
      plans: [],
      beyondRedLines: {
        package: closest.package,
        shortfall: closest.utilities.map((u, a) => Math.max(0, space.disagreement[a]! - u)),
      },
      searchedUpTo: 0,
      exact: closest.exact && exact,
    };
  }

  const moves = redLineMoves(space).sort(
    (x, y) => x.givesUp - y.givesUp || x.steps - y.steps || x.actor - y.actor || x.issue - y.issue,
  );
  const apply = (set: RedLineMove[]) => {
    const allowed = space.allowed.map((m) => m.slice());
    for (const m of set) for (const o of m.opens) allowed[m.issue]![o * A + m.actor] = 1;
    return allowed;
  };
  const plans: RelaxationPlan[] = [];
  const working: RedLineMove[][] = [];
  const isSuperset = (set: RedLineMove[]) =>
    working.some((w) =>
      w.every((m) => set.some((s) => s.actor === m.actor && s.issue === m.issue && s.steps >= m.steps)),
    );
  let searchedUpTo = 0;
  // Bigger plans draw on fewer candidates, so the search stays a few thousand exact checks.
  const pool = [moves.length, 40, 16];
  for (let size = 1; size <= maxMoves && plans.length < limit; size++) {
    searchedUpTo = size;
    const cand = moves.slice(0, pool[size - 1] ?? 12);
    const combos: RedLineMove[][] = [];
    const rec = (start: number, acc: RedLineMove[]) => {
      if (acc.length === size) {
        combos.push([...acc]);
        return;
      }
      for (let j = start; j < cand.length; j++) {
        const m = cand[j]!;
        if (acc.some((x) => x.actor === m.actor && x.issue === m.issue)) continue;
        acc.push(m);
        rec(j + 1, acc);
        acc.pop();
      }
    };
    rec(0, []);
    for (const set of combos) {
      if (isSuperset(set)) continue;
      const r = check(apply(set));
      if (!r.package) continue;
      working.push(set);
      plans.push({ moves: set, cost: set.reduce((s, m) => s + m.givesUp, 0), package: r });
    }
    if (plans.length) break;
  }
  plans.sort(
    (x, y) =>
      x.cost - y.cost ||
      x.moves.reduce((s, m) => s + m.steps, 0) - y.moves.reduce((s, m) => s + m.steps, 0) ||
      y.package.value - x.package.value,
  );
  return { zoneExists: false, plans: plans.slice(0, limit), beyondRedLines: null, searchedUpTo, exact };
}

/** A red line that shapes the zone of agreement: moving it would let every actor do better. */
export interface BindingRedLine {
  move: RedLineMove;
  /** Nash product of gains (log) before and after the move. */
  nashBefore: number;
  nashAfter: number;
  /** Smallest gain over no agreement (egalitarian value) before and after the move. */
  minGainBefore: number;
  minGainAfter: number;
  /** The Nash package once the red line has moved. */
  package: Optimum;
}

/**
 * When a zone of agreement exists, which red lines hold it back: for each actor's red line moved
 * outward by one option, the Nash and egalitarian packages are recomputed exactly; lines whose move
 * raises the Nash product are returned, the largest rise first. A mediator reads this as "the
 * fair package is constrained by X's line on Y; one option further would gain the table Z".
 */
export function bindingRedLines(
  space: AgreementSpace,
  options: { limit?: number; nodeBudget?: number; nash?: Optimum; egalitarian?: Optimum } = {},
): BindingRedLine[] {
  const budget = options.nodeBudget ?? 2_000_000;
  const A = space.actors.length;
  const base = prepare(space);
  const nash0 = options.nash ?? maximize(base, { kind: "nash" }, { nodeBudget: budget });
  const egal0 = options.egalitarian ?? maximize(base, { kind: "egalitarian" }, { nodeBudget: budget });
  // A Nash product of 0 everywhere (the degenerate case) has no rise to measure.
  if (!nash0.package || !nash0.exact || !egal0.exact || !(nash0.value > -Infinity)) return [];
  // Each relaxed space differs from the base in one mask entry, so the base's surrogate weights
  // (and the Nash KKT weights at its optimum) bound it well without re-optimising them per move.
  const gains = nash0.utilities.map((u, a) => u - base.thresholds[a]!);
  const weights = {
    feasibility: feasibilitySurrogate(base).w,
    objective: nashSurrogateAt(base, gains).w,
  };
  const out: BindingRedLine[] = [];
  for (const m of redLineMoves(space)) {
    if (m.steps !== 1) continue;
    // A package that beats the current optimum must use a newly tolerated option (every other
    // package was already available), so the search is confined to those options on this issue
    // and pruned against the current optimum from the first node.
    const allowed = space.allowed.map((x) => x.slice());
    for (const o of m.opens) allowed[m.issue]![o * A + m.actor] = 1;
    const K = space.issues[m.issue]!.options.length;
    for (let o = 0; o < K; o++) if (!m.opens.includes(o)) allowed[m.issue]![o * A + m.actor] = 0;
    const p = prepare(space, { allowed });
    const nash = maximize(
      p,
      { kind: "nash" },
      { nodeBudget: budget, above: nash0.value + 1e-9, surrogateWeights: weights },
    );
    if (!nash.package || !nash.exact) continue;
    const egal = maximize(
      p,
      { kind: "egalitarian" },
      { nodeBudget: budget, above: egal0.value, surrogateWeights: weights },
    );
    if (!egal.exact) continue;
    out.push({
      move: m,
      nashBefore: nash0.value,
      nashAfter: nash.value,
      minGainBefore: egal0.value,
      minGainAfter: egal.package ? egal.value : egal0.value,
      package: nash,
    });
  }
  return out.sort((x, y) => y.nashAfter - x.nashAfter).slice(0, options.limit ?? 5);
}
