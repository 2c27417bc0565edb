import { PowerError } from "./errors.js";
import { ceilRational, mulRational, type Rational, rational, rationalFromDecimal } from "./rational.js";

/**
 * A weighted threshold game over the players of a compiled game: a coalition wins this clause when
 * the sum of its members' weights reaches the quota. Weights are non-negative integers (scaled from
 * the decimals written in the scenario), so every comparison is exact.
 */
export interface WeightedClause {
  kind: "weighted";
  /** One weight per player (0 for players the clause does not count). */
  weights: number[];
  quota: number;
}

/** A simple game as a tree of weighted clauses joined by and/or (a vector-weighted game). */
export type GameNode = WeightedClause | { kind: "and" | "or"; children: GameNode[] };

/** A monotone simple game: the players (actor ids) and the winning condition. */
export interface SimpleGame {
  players: string[];
  root: GameNode;
}

/** The weighted clauses of a game in depth-first order (the dimensions of its weight vector). */
export function gameClauses(node: GameNode): WeightedClause[] {
  return node.kind === "weighted" ? [node] : node.children.flatMap(gameClauses);
}

/**
 * Evaluates the game tree given, per clause (in `gameClauses` order), whether its quota is reached.
 * `met[c]` may be undefined for "not yet known"; the result is then undefined unless the known
 * clauses already settle it (three-valued logic, used to merge settled states early).
 */
export function evaluateTree(node: GameNode, met: ReadonlyArray<boolean | undefined>): boolean | undefined {
  return treeEvaluator(node)(met);
}

const evaluators = new WeakMap<GameNode, (met: ReadonlyArray<boolean | undefined>) => boolean | undefined>();

/**
 * A reusable evaluator for one game tree (see `evaluateTree`). The tree is flattened once into
 * arrays so that the hot loops (the oracle, the diagram builder) allocate nothing per call.
 */
export function treeEvaluator(
  root: GameNode,
): (met: ReadonlyArray<boolean | undefined>) => boolean | undefined {
  const cached = evaluators.get(root);
  if (cached) return cached;
  // Postfix program: a clause pushes met[c]; an and/or pops its children's values.
  const ops: number[] = []; // ≥ 0: clause index; -1: and; -2: or
  const arity: number[] = [];
  let clause = 0;
  const flatten = (n: GameNode) => {
    if (n.kind === "weighted") {
      ops.push(clause++);
      arity.push(0);
      return;
    }
    for (const child of n.children) flatten(child);
    ops.push(n.kind === "and" ? -1 : -2);
    arity.push(n.children.length);
  };
  flatten(root);
  const stack: Array<boolean | undefined> = new Array(ops.length);
  const evaluate = (met: ReadonlyArray<boolean | undefined>): boolean | undefined => {
    let top = 0;
    for (let i = 0; i < ops.length; i++) {
      const op = ops[i]!;
      if (op >= 0) {
        stack[top++] = met[op];
        continue;
      }
      const k = arity[i]!;
      const isAnd = op === -1;
      let unknown = false;
      let settled = false;
      for (let j = top - k; j < top; j++) {
        const v = stack[j];
        if (v === undefined) unknown = true;
        else if (v !== isAnd) settled = true;
      }
      top -= k;
      stack[top++] = settled ? !isAnd : unknown ? undefined : isAnd;
    }
    return stack[0];
  };
  evaluators.set(root, evaluate);
  return evaluate;
}

/** Whether a coalition (a membership flag per player) wins the game. */
export function isWinning(game: SimpleGame, member: ReadonlyArray<boolean>): boolean {
  const met = gameClauses(game.root).map((c) => {
    let s = 0;
    for (let i = 0; i < c.weights.length; i++) if (member[i]) s += c.weights[i]!;
    return s >= c.quota;
  });
  return evaluateTree(game.root, met) === true;
}

/** A single weighted game [quota; w1, …, wn] with integer weights. */
export function weightedGame(players: string[], weights: number[], quota: number): SimpleGame {
  return { players, root: { kind: "weighted", weights, quota } };
}

/**
 * Scales decimal weights to the smallest integers with the same ratios' denominators (e.g. 0.5, 1.25
 * → 2, 5 with factor 4) and returns them with the factor, so a decimal quota can be scaled alike.
 * Throws `unsafe_weights` when the scaled total would exceed 2^53 − 1 (exactness would be lost).
 */
export function integerWeights(ws: readonly number[], path: Array<string | number> = []) {
  const rs = ws.map((w) => rationalFromDecimal(w));
  let factor = 1n;
  for (const r of rs) factor = lcm(factor, r.den);
  const ints = rs.map((r) => (r.num * factor) / r.den);
  const total = ints.reduce((a, b) => a + b, 0n);
  if (total > BigInt(Number.MAX_SAFE_INTEGER))
    throw new PowerError(
      "unsafe_weights",
      `the weights add up to more than 2^53 once written as integers (${total}); round them to fewer decimals`,
      path,
    );
  return { weights: ints.map(Number), factor: rational(factor), total: Number(total) };
}

function lcm(a: bigint, b: bigint): bigint {
  let x = a;
  let y = b;
  while (y !== 0n) [x, y] = [y, x % y];
  return (a / x) * b;
}

/** The smallest integer quota q with q ≥ share × total (a share "at least 65%" is inclusive). */
export function shareQuota(share: Rational, total: number): number {
  return Number(ceilRational(mulRational(share, rational(total))));
}
