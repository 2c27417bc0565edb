// Random decision rules for property tests (not a test file itself).
import type { DecisionRule } from "../model/decision-rule.js";
import type { Random } from "./prng.js";

export const playerIds = (n: number) => Array.from({ length: n }, (_, i) => `g${i}`);

function pick<T>(rnd: Random, xs: readonly T[]): T {
  return xs[Math.floor(rnd() * xs.length)]!;
}

function subset(rnd: Random, ids: readonly string[], min = 1): string[] {
  const out = ids.filter(() => rnd() < 0.6);
  while (out.length < min) out.push(pick(rnd, ids));
  return [...new Set(out)];
}

function weights(rnd: Random, ids: readonly string[], max: number): Record<string, number> {
  return Object.fromEntries(ids.map((id) => [id, Math.floor(rnd() * max)]));
}

/** A random rule of the given type (or any type) over `ids`; compositions nest up to `depth`. */
export function randomRule(
  rnd: Random,
  ids: readonly string[],
  type?: DecisionRule["type"],
  depth = 2,
): DecisionRule {
  const t =
    type ??
    pick(
      rnd,
      depth > 0
        ? (["unanimity", "k-of-n", "weighted", "veto-set", "double-majority", "and", "or"] as const)
        : (["unanimity", "k-of-n", "weighted", "veto-set", "double-majority"] as const),
    );
  switch (t) {
    case "unanimity":
      return rnd() < 0.5 ? { type: t } : { type: t, of: subset(rnd, ids) };
    case "k-of-n": {
      const of = subset(rnd, ids);
      return rnd() < 0.5
        ? { type: t, of, k: 1 + Math.floor(rnd() * of.length) }
        : { type: t, share: pick(rnd, [0.5, 0.6, 2 / 3, 0.75]) };
    }
    case "weighted": {
      const ws = weights(rnd, ids, rnd() < 0.5 ? 10 : 1000);
      return rnd() < 0.5
        ? { type: t, weights: ws, quotaShare: pick(rnd, [0.5, 0.55, 0.65, 0.8]) }
        : {
            type: t,
            weights: ws,
            quota: Math.floor(Object.values(ws).reduce((a, b) => a + b, 0) * (0.3 + rnd() * 0.6) + 1),
          };
    }
    case "veto-set":
      return { type: t, members: subset(rnd, ids).slice(0, 3) };
    case "double-majority":
      return {
        type: t,
        memberShare: pick(rnd, [0.5, 0.55]),
        weights: weights(rnd, ids, 100_000),
        weightShare: pick(rnd, [0.6, 0.65]),
        ...(rnd() < 0.5 ? { blockingMinority: 1 + Math.floor(rnd() * 4) } : {}),
      };
    case "and":
    case "or":
      return {
        type: t,
        rules: [randomRule(rnd, ids, undefined, depth - 1), randomRule(rnd, ids, undefined, depth - 1)],
      };
  }
}
