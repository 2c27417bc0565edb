import {
  bargainingSolutions,
  countAcceptable,
  createSpace,
  crossesRedLine,
  type IssueStance,
  type IssueValue,
  issuePoints,
  issueUtility,
  type Package,
  prepare,
  type Scenario,
} from "@entente/core";

/** What the mediator may learn about the zone of agreement: aggregates over every delegation. */
export interface ZoneSummary {
  /** Whether some package is acceptable to every party at the table. */
  exists: boolean;
  /** How many packages are acceptable to all: exact, or a proven interval. */
  count: { lower: number; upper: number; exact: boolean };
  /** Packages in the space before any red line. */
  total: number;
  /** The Nash bargaining package (Nash 1950), null when none is acceptable. */
  nash: Record<string, IssueValue> | null;
  /** Other packages the agreement engine suggests (utilitarian, egalitarian, Kalai–Smorodinsky). */
  suggestions: { kind: string; package: Record<string, IssueValue> }[];
}

/**
 * The narrow seam between the platform and the agreement engine: the server hands it the merged
 * (confidential) scenario and the parties at the table, and passes on only what it returns.
 */
export interface AgreementOracle {
  zone(scenario: Scenario, parties: string[]): ZoneSummary;
  /** For each party: would it accept this package (no red line crossed, at least its BATNA)? */
  acceptance(scenario: Scenario, parties: string[], pkg: Package): Record<string, boolean>;
}

function buildSpace(scenario: Scenario, parties: string[]) {
  const issues = scenario.issues;
  const points = issues.map((iss) => issuePoints(iss));
  const pos = new Map(scenario.positions.map((p) => [`${p.actor}\u0000${p.issue}`, p]));
  const actors = parties.filter((a) => scenario.positions.some((p) => p.actor === a));
  const stances: (IssueStance | undefined)[][] = actors.map((a) =>
    issues.map((iss, i) => {
      const p = pos.get(`${a}\u0000${iss.id}`);
      if (!p) return undefined;
      const rejects: number[] = [];
      points[i]!.forEach((x, o) => {
        if (crossesRedLine(p, iss, x)) rejects.push(o);
      });
      return { utility: points[i]!.map((x) => issueUtility(p, iss, x)), salience: p.salience, rejects };
    }),
  );
  const batna = actors.map((a) => scenario.actors.find((x) => x.id === a)?.batna ?? 0);
  const space = createSpace({
    actors,
    issues: issues.map((iss, i) => ({
      id: iss.id,
      options: points[i]!.map(String),
      ordered: iss.kind !== "categorical",
    })),
    stances,
    batna,
  });
  const terms = (pkg: number[]) => Object.fromEntries(issues.map((iss, i) => [iss.id, points[i]![pkg[i]!]!]));
  return { space, terms, actors };
}

/**
 * The default oracle, over the agreement engine's exported search (`prepare`, `countAcceptable`,
 * `bargainingSolutions`). Disagreement utility is the actor's BATNA, else 0, so "acceptable" means
 * "crosses no red line and beats walking away".
 */
export const engineOracle: AgreementOracle = {
  zone(scenario, parties) {
    const { space, terms, actors } = buildSpace(scenario, parties);
    const total = space.issues.reduce((n, i) => n * i.options.length, 1);
    if (actors.length === 0) {
      return {
        exists: false,
        count: { lower: 0, upper: 0, exact: true },
        total,
        nash: null,
        suggestions: [],
      };
    }
    const p = prepare(space);
    const c = countAcceptable(p, { nodeBudget: 2_000_000, sample: 0 });
    const sol = bargainingSolutions(space, { prepared: p, nodeBudget: 2_000_000 });
    const suggestions: ZoneSummary["suggestions"] = [];
    for (const [kind, o] of [
      ["utilitarian", sol.utilitarian],
      ["egalitarian", sol.egalitarian],
      ["kalai-smorodinsky", sol.kalaiSmorodinsky],
    ] as const) {
      if (o.package) suggestions.push({ kind, package: terms(o.package) });
    }
    return {
      exists: c.lower > 0 || sol.nash.package !== null,
      count: { lower: c.lower, upper: c.upper, exact: c.exact },
      total,
      nash: sol.nash.package ? terms(sol.nash.package) : null,
      suggestions,
    };
  },
  acceptance(scenario, parties, pkg) {
    const out: Record<string, boolean> = {};
    const issues = new Map(scenario.issues.map((i) => [i.id, i]));
    for (const a of parties) {
      let num = 0;
      let den = 0;
      let crossed = false;
      for (const p of scenario.positions) {
        if (p.actor !== a) continue;
        const iss = issues.get(p.issue);
        const x = pkg[p.issue];
        if (!iss || x === undefined) continue;
        if (crossesRedLine(p, iss, x)) crossed = true;
        num += p.salience * issueUtility(p, iss, x);
        den += p.salience;
      }
      const batna = scenario.actors.find((x) => x.id === a)?.batna ?? 0;
      out[a] = !crossed && (den === 0 ? true : num / den >= batna - 1e-9);
    }
    return out;
  },
};
