import type { DecisionRule } from "../model/decision-rule.js";
import type { AccusedVote } from "../model/mechanism.js";
import { PowerError } from "./errors.js";
import { type GameNode, integerWeights, type SimpleGame, shareQuota } from "./game.js";
import { ceilRational, mulRational, rationalFromDecimal } from "./rational.js";

type Path = Array<string | number>;

/**
 * Turns a decision rule into an exact simple game over `players` (the guarantors that vote).
 * Every rule type becomes weighted clauses joined by and/or: unanimity of M is [|M|; 1 per member],
 * k of n is [k; 1 per member], a veto set is unanimity of its members, a double majority is
 * (count ≥ members' threshold AND weight ≥ weight threshold) OR (count ≥ |M| − blocking minority + 1)
 * (Treaty on European Union art. 16(4): a blocking minority needs at least four members, "failing
 * which the qualified majority shall be deemed attained").
 *
 * Ids in the rule that are not in `players` but are in `absent` (a recused guarantor) are dropped, so
 * shares are counted over those who vote; any other unknown id is a `not_a_guarantor` PowerError.
 */
export function compileRule(
  rule: DecisionRule,
  players: readonly string[],
  absent: ReadonlySet<string> = new Set(),
): SimpleGame {
  const index = new Map(players.map((p, i) => [p, i]));
  const n = players.length;

  const members = (ids: readonly string[] | undefined, at: Path): number[] => {
    if (!ids) return players.map((_, i) => i);
    const out: number[] = [];
    ids.forEach((id, j) => {
      const i = index.get(id);
      if (i !== undefined) out.push(i);
      else if (!absent.has(id))
        throw new PowerError(
          "not_a_guarantor",
          `'${id}' is not one of this mechanism's guarantors; add it to 'guarantors' or remove it from the rule`,
          [...at, j],
        );
    });
    return [...new Set(out)];
  };

  const counting = (ms: readonly number[], quota: number): GameNode => {
    const weights = new Array<number>(n).fill(0);
    for (const i of ms) weights[i] = 1;
    return { kind: "weighted", weights, quota };
  };

  const weighting = (ws: Record<string, number>, at: Path) => {
    const ids = Object.keys(ws);
    for (const id of ids)
      if (!index.has(id) && !absent.has(id))
        throw new PowerError(
          "not_a_guarantor",
          `'${id}' has a weight but is not one of this mechanism's guarantors`,
          [...at, id],
        );
    const present = ids.filter((id) => index.has(id));
    const scaled = integerWeights(
      present.map((id) => ws[id]!),
      at,
    );
    const weights = new Array<number>(n).fill(0);
    present.forEach((id, j) => {
      weights[index.get(id)!] = scaled.weights[j]!;
    });
    return { weights, factor: scaled.factor, total: scaled.total };
  };

  const walk = (r: DecisionRule, at: Path): GameNode => {
    switch (r.type) {
      case "unanimity": {
        const ms = members(r.of, [...at, "of"]);
        return counting(ms, ms.length);
      }
      case "veto-set": {
        const ms = members(r.members, [...at, "members"]);
        return counting(ms, ms.length);
      }
      case "k-of-n": {
        const ms = members(r.of, [...at, "of"]);
        const k = r.k !== undefined ? r.k : shareQuota(rationalFromDecimal(r.share!), ms.length);
        return counting(ms, k);
      }
      case "weighted": {
        const w = weighting(r.weights, [...at, "weights"]);
        const quota =
          r.quota !== undefined
            ? Number(ceilRational(mulRational(rationalFromDecimal(r.quota), w.factor)))
            : shareQuota(rationalFromDecimal(r.quotaShare!), w.total);
        return { kind: "weighted", weights: w.weights, quota };
      }
      case "double-majority": {
        const ms = members(r.of, [...at, "of"]);
        const byShare =
          r.memberShare !== undefined ? shareQuota(rationalFromDecimal(r.memberShare), ms.length) : 0;
        const memberQuota = Math.max(byShare, r.memberCount ?? 0);
        const inMembers = Object.fromEntries(
          Object.entries(r.weights).filter(([id]) => r.of === undefined || r.of.includes(id)),
        );
        const w = weighting(inMembers, [...at, "weights"]);
        const both: GameNode = {
          kind: "and",
          children: [
            counting(ms, memberQuota),
            {
              kind: "weighted",
              weights: w.weights,
              quota: shareQuota(rationalFromDecimal(r.weightShare), w.total),
            },
          ],
        };
        if (r.blockingMinority === undefined) return both;
        return { kind: "or", children: [both, counting(ms, ms.length - r.blockingMinority + 1)] };
      }
      case "and":
      case "or":
        return {
          kind: r.type,
          children: r.rules.map((subRational, i) => walk(subRational, [...at, "rules", i])),
        };
    }
  };

  return { players: [...players], root: walk(rule, []) };
}

/** What a mechanism needs to be compiled: its guarantors, rule and recusal mode. */
export interface MechanismRuleInput {
  guarantors: readonly string[];
  rule: DecisionRule;
  accusedVote: AccusedVote;
}

/**
 * The game that decides a response against `accused` (or, without one, the game among all
 * guarantors). When the accused is a guarantor and the mechanism says it `abstains`, it is removed
 * from the players; under `votes` and `counts-as-no` it stays a player (the caller fixes its vote to
 * no for `counts-as-no`). Paths in errors are relative to the mechanism.
 */
export function compileMechanism(m: MechanismRuleInput, accused?: string): SimpleGame {
  const recused = accused !== undefined && m.accusedVote === "abstains" && m.guarantors.includes(accused);
  const players = recused ? m.guarantors.filter((g) => g !== accused) : [...m.guarantors];
  try {
    return compileRule(m.rule, [...new Set(players)], recused ? new Set([accused]) : new Set());
  } catch (e) {
    if (e instanceof PowerError) throw new PowerError(e.code, e.message, ["rule", ...e.path]);
    throw e;
  }
}
