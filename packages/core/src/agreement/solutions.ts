import { maximize, type Objective, type OptimizeOptions, type Optimum } from "./optimize.js";
import { type Prepared, prepare } from "./prepare.js";
import type { AgreementSpace } from "./space.js";

/** The classic bargaining solutions over the packages every actor can accept. */
export interface BargainingSolutions {
  /** Each actor's best acceptable utility (the ideal point used by Kalai–Smorodinsky), with proof status. */
  utopia: { utility: number; exact: boolean; upperBound: number }[];
  nash: Optimum;
  utilitarian: Optimum;
  egalitarian: Optimum;
  kalaiSmorodinsky: Optimum;
}

/**
 * Nash (1950), utilitarian, egalitarian (Kalai 1977) and Kalai–Smorodinsky (1975) packages, each by
 * branch and bound over the acceptable set. KS needs the utopia point first (one search per actor);
 * if a utopia coordinate is only bounded, the KS package is reported as not exact.
 */
export function bargainingSolutions(
  space: AgreementSpace,
  options: OptimizeOptions & { prepared?: Prepared } = {},
): BargainingSolutions {
  const p = options.prepared ?? prepare(space);
  const run = (o: Objective) => maximize(p, o, options);
  const utopia = space.actors.map((_, a) => {
    const r = run({ kind: "actor", actor: a });
    return { utility: r.value, exact: r.exact, upperBound: r.upperBound };
  });
  const nash = run({ kind: "nash" });
  const utilitarian = run({ kind: "utilitarian" });
  const egalitarian = run({ kind: "egalitarian" });
  const ks = nash.package ? run({ kind: "ks", utopia: utopia.map((x) => x.utility) }) : { ...nash };
  const kalaiSmorodinsky = utopia.every((x) => x.exact) ? ks : { ...ks, exact: false };
  return { utopia, nash, utilitarian, egalitarian, kalaiSmorodinsky };
}
