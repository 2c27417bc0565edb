import { type AgreementSpace, checkPackage, UTILITY_EPS, wouldEachAccept } from "./space.js";

/** A trade of concessions across two issues that leaves both actors better off. */
export interface Logroll {
  /** Actor who gains on `issueA` and concedes on `issueB`. */
  actorA: string;
  actorB: string;
  /** Issue moved towards actorA (actorB concedes here). */
  issueA: string;
  /** Issue moved towards actorB (actorA concedes here). */
  issueB: string;
  /** New option on issueA and issueB (indices into the issue's options). */
  optionA: number;
  optionB: number;
  /** Utility gained by each actor over the reference package (package-utility units). */
  gainA: number;
  gainB: number;
  /** Utility change for every actor in the space, in space order. */
  effect: number[];
  /** Whether the traded package is acceptable to every actor. */
  acceptableToAll: boolean;
}

export interface LogrollOptions {
  /** Actors whose trades are sought (indices); all by default. */
  actors?: number[];
  /** How many trades to return. @default 10 */
  limit?: number;
}

/**
 * Logrolling (Tollison & Willett 1979; Raiffa 1982, ch. 10): from a reference package, pairs of
 * issues on which two actors trade concessions — issue i moves towards A at B's cost, issue j
 * towards B at A's cost — and both end up strictly better off, because each cares more about the
 * issue it wins than the one it gives. For every actor pair and ordered issue pair the best trade
 * (largest smaller gain) is kept; red lines of every actor stay binding. Ranked by the smaller of
 * the two gains, so the most mutually attractive trades come first. O(A²·I²·K²).
 */
export function logrolls(
  space: AgreementSpace,
  reference: number[],
  options: LogrollOptions = {},
): Logroll[] {
  checkPackage(space, reference);
  const A = space.actors.length;
  const I = space.issues.length;
  const who = options.actors ?? space.actors.map((_, a) => a);
  const limit = options.limit ?? 10;
  const allowedAll = (i: number, o: number) => {
    for (let a = 0; a < A; a++) if (!space.allowed[i]![o * A + a]) return false;
    return true;
  };
  // delta[i][o·A + a]: change in actor a's utility when issue i moves from the reference to o.
  const delta = space.util.map((u, i) => {
    const r = reference[i]! * A;
    const out = new Float64Array(u.length);
    for (let j = 0; j < u.length; j++) out[j] = u[j]! - u[r + (j % A)]!;
    return out;
  });
  // Ranked first, materialised after: the effect vector and the acceptability check are only
  // worth computing for the trades that make the list.
  const found: {
    a: number;
    b: number;
    i: number;
    j: number;
    x: number;
    y: number;
    ga: number;
    gb: number;
  }[] = [];
  for (const a of who) {
    for (const b of who) {
      if (a === b) continue;
      for (let i = 0; i < I; i++) {
        for (let j = 0; j < I; j++) {
          if (i === j) continue;
          let best: { x: number; y: number; ga: number; gb: number } | null = null;
          const di = delta[i]!;
          const dj = delta[j]!;
          for (let x = 0; x < space.issues[i]!.options.length; x++) {
            // Issue i must move towards a and cost b.
            if (!(di[x * A + a]! > UTILITY_EPS && di[x * A + b]! < -UTILITY_EPS) || !allowedAll(i, x))
              continue;
            for (let y = 0; y < space.issues[j]!.options.length; y++) {
              if (!(dj[y * A + b]! > UTILITY_EPS && dj[y * A + a]! < -UTILITY_EPS) || !allowedAll(j, y))
                continue;
              const ga = di[x * A + a]! + dj[y * A + a]!;
              const gb = di[x * A + b]! + dj[y * A + b]!;
              if (ga <= UTILITY_EPS || gb <= UTILITY_EPS) continue;
              if (!best || Math.min(ga, gb) > Math.min(best.ga, best.gb) + UTILITY_EPS)
                best = { x, y, ga, gb };
            }
          }
          if (best) found.push({ a, b, i, j, ...best });
        }
      }
    }
  }
  // Each trade appears once per direction (a↔b); keep the first orientation met in input order.
  const seen = new Set<string>();
  return found
    .sort((p, q) => Math.min(q.ga, q.gb) - Math.min(p.ga, p.gb))
    .filter((t) => {
      const key = `${Math.min(t.a, t.b)}|${Math.max(t.a, t.b)}|${Math.min(t.i, t.j)}|${Math.max(t.i, t.j)}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .slice(0, limit)
    .map((t) => {
      const pkg = [...reference];
      pkg[t.i] = t.x;
      pkg[t.j] = t.y;
      return {
        actorA: space.actors[t.a]!,
        actorB: space.actors[t.b]!,
        issueA: space.issues[t.i]!.id,
        issueB: space.issues[t.j]!.id,
        optionA: t.x,
        optionB: t.y,
        gainA: t.ga,
        gainB: t.gb,
        effect: space.actors.map((_, c) => delta[t.i]![t.x * A + c]! + delta[t.j]![t.y * A + c]!),
        acceptableToAll: wouldEachAccept(space, pkg).every((v) => v.accepts),
      };
    });
}
