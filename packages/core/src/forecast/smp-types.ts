/**
 * Inputs and outputs of the Spatial Model of Politics (SMP) as KTAB implements it
 * (KAPSARC Toolkit for Behavioral Analysis, `examples/smp`, MIT licence). Positions are on KTAB's
 * 0–100 scale per dimension; saliences are fractions of an actor's attention (0..1 per dimension,
 * summing to at most 1 across dimensions), i.e. KTAB's CSV saliences divided by 100.
 */
export interface SmpActor {
  /** A label for reports; the engine identifies actors by index. */
  id: string;
  /** Capability (KTAB "influence"/"power"), > 0. */
  capability: number;
  /** Position per dimension on 0..100. */
  position: readonly number[];
  /** Salience per dimension on 0..1, summing to at most 1. */
  salience: readonly number[];
}

export interface SmpInput {
  dimensions: readonly string[];
  actors: readonly SmpActor[];
}

/** The stopping rule of KTAB's `SMPModel::configExec`; every field defaults to KTAB's value. */
export interface SmpOptions {
  /**
   * Stop after this many turns whatever happens.
   * @default 100
   */
  maxTurns?: number;
  /**
   * Never stop for quietness before this many turns.
   * @default 2
   */
  minTurns?: number;
  /**
   * Stop when a turn moves the actors by less than this fraction of the first turn's movement.
   * @default 0.02
   */
  minDeltaRatio?: number;
  /**
   * Added to the first turn's movement to avoid 0/0 when nobody moves.
   * @default 1e-4
   */
  minSigDelta?: number;
  /**
   * Keep every state, the risk attitudes and the challenge log; `false` keeps only the first and last
   * states (what a Monte Carlo needs), saving the allocations.
   * @default true
   */
  history?: boolean;
  /** Called after each turn with the turn number (1-based); return nothing. */
  onTurn?: (turn: number) => void;
}

/** One challenge an actor chose in a turn, with the bargain it proposed. */
export interface SmpChallenge {
  /** Turn in which the challenge was made (0-based: the state it was made from). */
  turn: number;
  initiator: number;
  target: number;
  /** The initiator's estimate of the probability that it defeats the target. */
  probability: number;
  /** The initiator's expected gain in utility from the challenge versus the status quo. */
  expectedGain: number;
  /** Bargain position proposed for the initiator and the target, 0..100 per dimension. */
  initiatorPosition: number[];
  targetPosition: number[];
}

export interface SmpResult {
  /** Number of turns (steps between states); KTAB prints "There were N+1 states, with N steps". */
  turns: number;
  /** `true` when the quietness rule stopped the run, `false` when the turn limit did. */
  converged: boolean;
  /** positions[state][actor][dimension] on 0..100, state 0 being the input. */
  positions: number[][][];
  /** Risk attitude inferred for each actor in each state that was played (KTAB "BigRRange Mid"). */
  riskAttitudes: number[][];
  /** Challenges chosen, turn by turn. */
  challenges: SmpChallenge[];
  /** Movement of the last turn as a fraction of the first's (the quantity the stopping rule tests). */
  lastDeltaRatio: number;
}

export class SmpInputError extends Error {
  readonly code: "smp_no_actors" | "smp_bad_capability" | "smp_bad_position" | "smp_bad_salience";
  constructor(code: SmpInputError["code"], message: string) {
    super(message);
    this.name = "SmpInputError";
    this.code = code;
  }
}

/** Checks the ranges KTAB's CSV reader enforces, so both implementations can assume them. */
export function validateSmpInput(input: SmpInput): void {
  const d = input.dimensions.length;
  if (input.actors.length < 2) throw new SmpInputError("smp_no_actors", "SMP needs at least two actors");
  input.actors.forEach((a, i) => {
    if (!(a.capability > 0) || !Number.isFinite(a.capability)) {
      throw new SmpInputError("smp_bad_capability", `actor ${i} (${a.id}): capability must be > 0`);
    }
    if (a.position.length !== d || a.salience.length !== d) {
      throw new SmpInputError(
        "smp_bad_position",
        `actor ${i} (${a.id}): expected ${d} positions and saliences`,
      );
    }
    let total = 0;
    for (let k = 0; k < d; k++) {
      const p = a.position[k]!;
      const s = a.salience[k]!;
      if (!(p >= 0 && p <= 100)) {
        throw new SmpInputError("smp_bad_position", `actor ${i} (${a.id}): position ${p} outside 0..100`);
      }
      if (!(s >= 0 && s <= 1)) {
        throw new SmpInputError("smp_bad_salience", `actor ${i} (${a.id}): salience ${s} outside 0..1`);
      }
      total += s;
    }
    if (total > 1 + 1e-9 || total <= 0) {
      throw new SmpInputError(
        "smp_bad_salience",
        `actor ${i} (${a.id}): saliences must sum to more than 0 and at most 1 (got ${total})`,
      );
    }
  });
}

/** KTAB's single-dimension utility `bsUtil`: (1 − d)(1 + d·R) for a salience-weighted distance d ≤ 1. */
export function bsUtil(sd: number, r: number): number {
  return sd <= 1 ? (1 - sd) * (1 + sd * r) : (1 - sd) * (1 + r);
}

/** KTAB `round4`: bargain coordinates are rounded to 4 decimals on the 0..1 scale. */
export function round4(x: number): number {
  return Math.trunc(0.5 + x * 10000) / 10000;
}
