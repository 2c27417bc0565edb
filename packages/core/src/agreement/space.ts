import { AgreementError } from "./errors.js";

/**
 * The agreement space: every actor's utility for every option of every issue, already weighted by
 * salience and normalised, the red-line masks, and the disagreement utilities. It says nothing about
 * the scenario format, so the engine can be tested and benchmarked on generated spaces.
 *
 * A package is one option index per issue. Actor a's utility for package x is
 * `Σ_i util[i][x_i · A + a]`; a package is acceptable to a when `allowed[i][x_i · A + a]` holds on
 * every issue and that utility is at least `disagreement[a]`.
 */
export interface AgreementSpace {
  actors: string[];
  /** `ordered`: options lie on an axis in this order, so red lines are cut-offs along it. */
  issues: { id: string; options: string[]; ordered?: boolean }[];
  /** Per issue, option-major: `util[i][o · A + a]` is actor a's weighted utility for option o. */
  util: Float64Array[];
  /** Per issue, option-major: 1 when option o crosses none of actor a's red lines. */
  allowed: Uint8Array[];
  /** Utility each actor gets if talks fail (status quo or BATNA), on the same scale. */
  disagreement: Float64Array;
  /** The status-quo package, when every issue has one: the reference point for logrolling. */
  statusQuo?: number[];
}

/** One actor's view of one issue before weighting: utility 0..1 per option, and a red-line mask. */
export interface IssueStance {
  /** Utility in [0, 1] for each option, in option order. */
  utility: ArrayLike<number>;
  /** How much the actor cares, ≥ 0; 0 means the issue does not enter its utility. */
  salience: number;
  /** Options the actor rejects outright (red line); indices into the issue's options. */
  rejects?: number[];
}

/** Raw input: per actor, per issue stances, plus either a status-quo package or explicit BATNAs. */
export interface SpaceInput {
  actors: string[];
  issues: { id: string; options: string[]; ordered?: boolean }[];
  /** `stances[a][i]`; a missing stance means the actor does not care about the issue. */
  stances: (IssueStance | undefined)[][];
  /** Status-quo option per issue; its utility is each actor's disagreement point unless a BATNA is given. */
  statusQuo?: number[];
  /** Explicit disagreement utility per actor (0..1 of its ideal); `undefined` falls back to the status quo. */
  batna?: (number | undefined)[];
}

/**
 * Builds an AgreementSpace: actor a's package utility is `Σ_i s_ai·u_ai(x_i) / Σ_i s_ai·max_o u_ai(o)`,
 * the salience-weighted additive utility of multi-attribute utility theory (Keeney & Raiffa 1976,
 * ch. 6), scaled so that the actor's ideal package scores exactly 1.
 */
export function createSpace(input: SpaceInput): AgreementSpace {
  const A = input.actors.length;
  const I = input.issues.length;
  if (A === 0 || I === 0) {
    throw new AgreementError(
      "agreement/empty-space",
      "an agreement space needs at least one actor and one issue",
    );
  }
  if (input.stances.length !== A) {
    throw new AgreementError(
      "agreement/shape-mismatch",
      `expected stances for ${A} actors, got ${input.stances.length}`,
      ["stances"],
    );
  }
  const util = input.issues.map((iss) => new Float64Array(iss.options.length * A));
  const allowed = input.issues.map((iss) => new Uint8Array(iss.options.length * A).fill(1));
  for (let i = 0; i < I; i++) {
    if (input.issues[i]!.options.length === 0) {
      throw new AgreementError("agreement/empty-space", `issue ${input.issues[i]!.id} has no options`, [
        "issues",
        i,
      ]);
    }
  }
  for (let a = 0; a < A; a++) {
    const row = input.stances[a]!;
    if (row.length !== I) {
      throw new AgreementError(
        "agreement/shape-mismatch",
        `actor ${input.actors[a]} has stances for ${row.length} issues, expected ${I}`,
        ["stances", a],
      );
    }
    let norm = 0;
    for (let i = 0; i < I; i++) {
      const st = row[i];
      if (!st) continue;
      const K = input.issues[i]!.options.length;
      if (st.utility.length !== K) {
        throw new AgreementError(
          "agreement/shape-mismatch",
          `actor ${input.actors[a]} on issue ${input.issues[i]!.id}: ${st.utility.length} utilities for ${K} options`,
          ["stances", a, i, "utility"],
        );
      }
      if (!(st.salience >= 0) || !Number.isFinite(st.salience)) {
        throw new AgreementError(
          "agreement/bad-utility",
          `actor ${input.actors[a]} on issue ${input.issues[i]!.id}: salience must be a finite number ≥ 0`,
          ["stances", a, i, "salience"],
        );
      }
      let mx = 0;
      for (let o = 0; o < K; o++) {
        const u = st.utility[o]!;
        if (!(u >= 0 && u <= 1)) {
          throw new AgreementError(
            "agreement/bad-utility",
            `actor ${input.actors[a]} on issue ${input.issues[i]!.id}: utility ${u} of option ${o} is outside [0, 1]`,
            ["stances", a, i, "utility", o],
          );
        }
        if (u > mx) mx = u;
      }
      norm += st.salience * mx;
      for (const r of st.rejects ?? []) {
        if (!(r >= 0 && r < K)) {
          throw new AgreementError(
            "agreement/unknown-option",
            `actor ${input.actors[a]} rejects option ${r} of issue ${input.issues[i]!.id}, which has ${K} options`,
            ["stances", a, i, "rejects"],
          );
        }
        allowed[i]![r * A + a] = 0;
      }
    }
    if (norm <= 0) {
      throw new AgreementError(
        "agreement/no-utility",
        `actor ${input.actors[a]} cares about no issue (all saliences or utilities are 0); give it a position or leave it out`,
        ["stances", a],
      );
    }
    for (let i = 0; i < I; i++) {
      const st = row[i];
      if (!st) continue;
      const K = input.issues[i]!.options.length;
      for (let o = 0; o < K; o++) util[i]![o * A + a] = (st.salience * st.utility[o]!) / norm;
    }
  }
  const space: AgreementSpace = {
    actors: [...input.actors],
    issues: input.issues.map((x) => ({ id: x.id, options: [...x.options], ordered: x.ordered ?? false })),
    util,
    allowed,
    disagreement: new Float64Array(A),
  };
  const sq = input.statusQuo ? packageUtilities(space, input.statusQuo) : undefined;
  if (input.statusQuo) space.statusQuo = [...input.statusQuo];
  for (let a = 0; a < A; a++) {
    const b = input.batna?.[a];
    space.disagreement[a] = b !== undefined ? b : (sq?.[a] ?? 0);
  }
  return space;
}

/** Throws a typed error unless `pkg` names one valid option per issue. */
export function checkPackage(space: AgreementSpace, pkg: ArrayLike<number>): void {
  if (pkg.length !== space.issues.length) {
    throw new AgreementError(
      "agreement/bad-package",
      `a package needs one option for each of the ${space.issues.length} issues, got ${pkg.length}`,
    );
  }
  for (let i = 0; i < pkg.length; i++) {
    const o = pkg[i]!;
    if (!Number.isInteger(o) || o < 0 || o >= space.issues[i]!.options.length) {
      throw new AgreementError(
        "agreement/unknown-option",
        `issue ${space.issues[i]!.id} has no option ${o} (it has ${space.issues[i]!.options.length})`,
        [i],
      );
    }
  }
}

/** Every actor's utility for a package (salience-weighted sum, ideal package = 1). */
export function packageUtilities(space: AgreementSpace, pkg: ArrayLike<number>): Float64Array {
  checkPackage(space, pkg);
  const A = space.actors.length;
  const out = new Float64Array(A);
  for (let i = 0; i < pkg.length; i++) {
    const base = pkg[i]! * A;
    const u = space.util[i]!;
    for (let a = 0; a < A; a++) out[a]! += u[base + a]!;
  }
  return out;
}

/** Tolerance for "at least the disagreement utility", so that rounding cannot flip an equality. */
export const UTILITY_EPS = 1e-12;

/** Why an actor would or would not accept a package. */
export interface AcceptanceVerdict {
  actor: string;
  accepts: boolean;
  utility: number;
  disagreement: number;
  /** Issues on which the package crosses this actor's red line. */
  redLinesCrossed: string[];
}

/** Would each actor accept this package? Red lines are hard; utility must reach the disagreement point. */
export function wouldEachAccept(space: AgreementSpace, pkg: ArrayLike<number>): AcceptanceVerdict[] {
  const u = packageUtilities(space, pkg);
  const A = space.actors.length;
  return space.actors.map((actor, a) => {
    const crossed: string[] = [];
    for (let i = 0; i < pkg.length; i++) {
      if (!space.allowed[i]![pkg[i]! * A + a]) crossed.push(space.issues[i]!.id);
    }
    const d = space.disagreement[a]!;
    return {
      actor,
      accepts: crossed.length === 0 && u[a]! >= d - UTILITY_EPS,
      utility: u[a]!,
      disagreement: d,
      redLinesCrossed: crossed,
    };
  });
}

/** Number of packages in the space (a float: 6^20 still fits exactly in a double). */
export function spaceSize(space: AgreementSpace): number {
  let n = 1;
  for (const iss of space.issues) n *= iss.options.length;
  return n;
}
