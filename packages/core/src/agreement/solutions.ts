import { maximize, type Objective, type OptimizeOptions, type Optimum } from "./optimize.js";
import { type Prepared, prepare } from "./prepare.js";
import type { AgreementSpace } from "./space.js";

/** The classic bargaining solutions over the packages every actor can accept. */
export interface BargainingSolutions {
  /** Each actor's best acceptable utility (the ideal point used by Kalai–Smorodinsky), with proof status. */
  utopia: { utility: number; exact: boolean; upperBound: number }[];
  /**
   * The Nash package. When every acceptable package leaves some actor with no gain (the product is 0
   * throughout), the "nashLex" extension: the most actors gaining, then the largest product of their
   * gains; `nashDegenerate` is then true and `nash.value` (the log of the product) is −∞.
   */
  nash: Optimum;
  /** True when acceptable packages exist but none gives every actor a positive gain. */
  nashDegenerate: boolean;
  utilitarian: Optimum;
  egalitarian: Optimum;
  kalaiSmorodinsky: Optimum;
}

/**
 * Nash (1950), utilitarian, egalitarian (Kalai 1977) and Kalai–Smorodinsky (1975) packages, each by
 * branch and bound over the acceptable set. KS needs the utopia point first (one search per actor);
 * if a utopia coordinate is only bounded, the KS package is reported as not exact. Both stay
 * defined when the Nash product is 0 for every acceptable package: Nash by its lexicographic
 * extension (see {@link BargainingSolutions.nash}), KS as usual (its smallest ratio is then 0).
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
  let nash = run({ kind: "nash" });
  const utilitarian = run({ kind: "utilitarian" });
  const egalitarian = run({ kind: "egalitarian" });
  // No package with every gain positive, yet some acceptable package: the product is 0 throughout.
  const nashDegenerate = nash.package === null && nash.exact && egalitarian.package !== null;
  if (nashDegenerate) {
    const lex = run({ kind: "nashLex" });
    // The product itself is proven 0 everywhere; only which package carries the most gains may be unproven.
    nash = { ...lex, value: -Infinity, upperBound: -Infinity };
  }
  const anyAcceptable = egalitarian.package !== null || utopia.some((x) => x.utility > -Infinity);
  const ks = anyAcceptable ? run({ kind: "ks", utopia: utopia.map((x) => x.utility) }) : { ...egalitarian };
  const kalaiSmorodinsky = utopia.every((x) => x.exact) ? ks : { ...ks, exact: false };
  return { utopia, nash, nashDegenerate, utilitarian, egalitarian, kalaiSmorodinsky };
}
