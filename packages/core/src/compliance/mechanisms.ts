import type { Mechanism } from "../model/mechanism.js";
import { compileMechanism } from "../power/compile.js";
import { isWinning, type SimpleGame } from "../power/game.js";
import type { MechanismSpec } from "./types.js";

/**
 * A scenario's guarantee mechanism as the compliance engine uses it: the power engine compiles its
 * decision rule into an exact simple game once per accused (so the recusal clause is applied the
 * way the voting-power analysis applies it), and a consultation's yes-votes win or lose that game.
 * Under `counts-as-no` the accused's vote is recorded but counted as no.
 */
export function mechanismSpec(m: Mechanism): MechanismSpec {
  const games = new Map<string, SimpleGame>();
  const gameFor = (accused: string | undefined): SimpleGame => {
    const key = accused ?? "";
    let g = games.get(key);
    if (!g) {
      g = compileMechanism(m, accused);
      games.set(key, g);
    }
    return g;
  };
  return {
    id: m.id,
    guarantors: m.guarantors,
    consultationHours: m.consultationHours,
    ruleName: ruleName(m),
    accusedAbstains: m.accusedVote === "abstains",
    decide: (yes, accused) => {
      const a = accused[0];
      const game = gameFor(a);
      const member = game.players.map((p) => yes.has(p) && !(m.accusedVote === "counts-as-no" && p === a));
      return isWinning(game, member);
    },
  };
}

const accusedClause: Record<Mechanism["accusedVote"], string> = {
  abstains: "the accused not voting",
  votes: "the accused voting",
  "counts-as-no": "the accused's vote counted as no",
};

/** A short name of a mechanism's rule for one-sentence summaries, e.g. "unanimity (the accused voting)". */
export function ruleName(m: Mechanism): string {
  const r = m.rule;
  const base =
    r.type === "unanimity"
      ? r.of
        ? `unanimity of ${r.of.join(", ")}`
        : "unanimity of all guarantors"
      : r.type === "k-of-n"
        ? r.k !== undefined
          ? `${r.k} of ${r.of?.length ?? m.guarantors.length} guarantors`
          : `a ${Math.round((r.share ?? 0) * 100)}% share of the guarantors`
        : r.type === "veto-set"
          ? `a rule giving a veto to ${r.members.join(", ")}`
          : `the ${r.type} rule of ${m.name}`;
  return `${base} (${accusedClause[m.accusedVote]})`;
}
