import type { DecisionRule } from "../model/decision-rule.js";

const pct = (x: number) => `${+(x * 100).toFixed(2)}%`;

function list(names: readonly string[]): string {
  if (names.length <= 1) return names.join("");
  return `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}

/** A decision rule in words, e.g. "9 of 15 guarantors and all of US, UK, France, Russia and China". */
export function describeRule(rule: DecisionRule, nameOf: (id: string) => string, guarantors: number): string {
  const group = (of: readonly string[] | undefined) => (of ? list(of.map(nameOf)) : "all guarantors");
  const walk = (r: DecisionRule, nested: boolean): string => {
    switch (r.type) {
      case "unanimity":
        return `unanimity of ${group(r.of)}`;
      case "k-of-n": {
        const n = r.of?.length ?? guarantors;
        const need = r.k !== undefined ? `${r.k} of ${n}` : `${pct(r.share!)} of ${n}`;
        return r.of ? `${need} of ${group(r.of)}` : `${need} guarantors`;
      }
      case "weighted":
        return r.quota !== undefined
          ? `a weighted vote reaching ${r.quota}`
          : `a weighted vote reaching ${pct(r.quotaShare!)} of the weight`;
      case "veto-set":
        return r.members.length > 1
          ? `the consent of each of ${list(r.members.map(nameOf))}`
          : `the consent of ${list(r.members.map(nameOf))}`;
      case "double-majority": {
        const members = [
          r.memberShare !== undefined ? `${pct(r.memberShare)} of members` : "",
          r.memberCount !== undefined ? `at least ${r.memberCount} members` : "",
        ]
          .filter(Boolean)
          .join(" and ");
        const block =
          r.blockingMinority !== undefined
            ? `, a blocking minority needing ${r.blockingMinority} members`
            : "";
        return `${members} representing ${pct(r.weightShare)} of the weight${block}`;
      }
      case "and":
      case "or": {
        const text = r.rules.map((x) => walk(x, true)).join(r.type === "and" ? " and " : " or ");
        return nested && r.rules.length > 1 ? `(${text})` : text;
      }
    }
  };
  return walk(rule, false);
}
