import { describe, expect, it } from "vitest";
import { agreementQueries } from "../agreement/queries.js";
import { mulberry32 } from "../agreement/random-space.js";
import type { Scenario } from "../model/scenario.js";
import type { Package } from "../utility/package-utility.js";
import {
  answerAcceptance,
  answerZone,
  DEFAULT_DISCLOSURE_BUDGET_BITS,
  DISCLOSURE_COST,
  disclosureGrid,
  ordinalAskable,
} from "./disclosure-grid.js";
import { answerWhyNoZone, WHY_COST } from "./why-no-zone.js";
import { type AgreementOracle, engineOracle } from "./zone.js";

/**
 * The disclosure bound of issue 14, proved by brute force in a small space. Two parties, a and b;
 * three issues: n numeric 0–100, o ordinal of 5 options, q ordinal of 4 options (30 packages on the
 * disclosure grid). a's red line is the secret: "n at least t", "o at least option k", "q at most
 * option m". An adaptive attacker who knows everything else (b's private positions, a's ideals,
 * saliences and BATNA) spends the whole budget: the zone and "why is there none" (the aggregate
 * "what would it take", issue 18), then a bisection on each issue, then
 * every grid package in turn. Every red line of a on a fine grid (t every 6.25, every k and m) is
 * then checked against the transcript: the consistent ones must cover at least a quarter of n's
 * axis and at least two cut-offs of o and of q.
 */
const OPTS5 = ["o0", "o1", "o2", "o3", "o4"];
const OPTS4 = ["q0", "q1", "q2", "q3"];
const actor = (id: string) => ({
  id,
  name: id,
  kind: "state",
  roles: ["party"],
  capability: { value: 1, source: "test", confidence: 1 },
  batna: 0.05,
});
const pos = (a: string, issue: string, ideal: string | number, redLine?: object) => ({
  actor: a,
  issue,
  ideal,
  salience: 1,
  source: "test",
  confidence: 1,
  ...(redLine ? { redLine } : {}),
});
interface RedLine {
  t: number | null;
  k: number;
  m: number;
}
function scenario(a: RedLine, b: RedLine): Scenario {
  const rl = (r: RedLine) => ({
    n: r.t === null ? undefined : { atLeast: r.t },
    o: r.k > 0 ? { atLeast: OPTS5[r.k] } : undefined,
    q: r.m < 3 ? { atMost: OPTS4[r.m] } : undefined,
  });
  const ra = rl(a);
  return {
    entente: 1,
    id: "bound",
    title: "Bound",
    actors: [actor("a"), actor("b")],
    issues: [
      { id: "n", name: "N", kind: "numeric", unit: "u", min: 0, max: 100 },
      { id: "o", name: "O", kind: "ordinal", options: OPTS5.map((id) => ({ id, label: id })) },
      { id: "q", name: "Q", kind: "ordinal", options: OPTS4.map((id) => ({ id, label: id })) },
    ],
    positions: [
      pos("a", "n", 100, ra.n),
      pos("a", "o", "o4", ra.o),
      pos("a", "q", "q0", ra.q),
      // b is the other side, with lines the attacker knows: n at most 90, o at most o3, q at least q0.
      pos("b", "n", 0, b.t === null ? undefined : { atMost: b.t }),
      pos("b", "o", "o0", { atMost: OPTS5[b.k] }),
      pos("b", "q", "q3"),
    ],
    mechanisms: [],
  } as unknown as Scenario;
}
const B: RedLine = { t: 90, k: 3, m: 3 };
const PARTIES = ["a", "b"];
const grid = (s: Scenario) => s.issues.map((i) => disclosureGrid(i));
const gridPackages = (s: Scenario): Package[] => {
  const [gn, go, gq] = grid(s);
  const out: Package[] = [];
  for (const n of gn!) for (const o of go!) for (const q of gq!) out.push({ n, o, q } as Package);
  return out;
};

type Query = { kind: "zone" } | { kind: "why" } | { kind: "acceptance"; pkg: Package };
const key = (q: Query) => (q.kind === "acceptance" ? `acc ${JSON.stringify(q.pkg)}` : q.kind);
/** The engine oracle, with each scenario's acceptance queries built once (same answers, less time). */
const built = new WeakMap<Scenario, ReturnType<typeof agreementQueries>>();
const oracle: AgreementOracle = {
  zone: engineOracle.zone,
  acceptance(s, parties, pkg) {
    let q = built.get(s);
    if (!q) {
      q = agreementQueries(s, { actors: parties });
      built.set(s, q);
    }
    return Object.fromEntries(q.wouldEachAccept(pkg).map((v) => [v.actor, v.accepts]));
  },
};
const ask = (s: Scenario, q: Query): string =>
  q.kind === "zone"
    ? JSON.stringify(answerZone(s, PARTIES, oracle))
    : q.kind === "why"
      ? JSON.stringify(answerWhyNoZone(s, PARTIES))
      : String(answerAcceptance(s, PARTIES, q.pkg, oracle));
const COST = { zone: DISCLOSURE_COST.zone, why: WHY_COST, acceptance: DISCLOSURE_COST.acceptance };

/** The adaptive attacker: zone, bisection per issue over its grid, then every grid package, until the budget is spent. */
function attack(truth: Scenario): Map<string, string> {
  const transcript = new Map<string, string>();
  let bits = DEFAULT_DISCLOSURE_BUDGET_BITS;
  const query = (q: Query): string | null => {
    const cost = COST[q.kind];
    if (transcript.has(key(q))) return transcript.get(key(q))!;
    if (bits < cost) return null;
    bits -= cost;
    const a = ask(truth, q);
    transcript.set(key(q), a);
    return a;
  };
  query({ kind: "zone" });
  query({ kind: "why" });
  const [gn, go, gq] = grid(truth);
  const base = { n: gn![2]!, o: go![1]!, q: gq![0]! } as Record<string, string | number>;
  for (const [issue, values] of [
    ["n", gn!],
    ["o", go!],
    ["q", gq!],
  ] as const) {
    let lo = 0;
    let hi = values.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const yes = query({ kind: "acceptance", pkg: { ...base, [issue]: values[mid]! } });
      if (yes === null) return transcript;
      if (issue === "q" ? yes === "false" : yes === "true") hi = mid;
      else lo = mid + 1;
    }
  }
  for (const pkg of gridPackages(truth)) if (query({ kind: "acceptance", pkg }) === null) break;
  return transcript;
}

// Every candidate red line of a on the fine grid, with its answer to every possible question
// (computed once: the answers do not depend on which red line is the truth).
const STEP = 6.25; // a sixteenth of the axis: each quarter holds four candidates
const T = [null, ...Array.from({ length: 100 / STEP + 1 }, (_, i) => i * STEP)];
const candidates: { rl: RedLine; answers: Map<string, string> }[] = [];
function enumerate(): void {
  if (candidates.length) return;
  for (const t of T)
    for (let k = 0; k < 5; k++)
      for (let m = 0; m < 4; m++) {
        const s = scenario({ t, k, m }, B);
        const answers = new Map<string, string>();
        for (const q of [
          { kind: "zone" } as Query,
          { kind: "why" } as Query,
          ...gridPackages(s).map((pkg) => ({ kind: "acceptance", pkg }) as Query),
        ])
          answers.set(key(q), ask(s, q));
        candidates.push({ rl: { t, k, m }, answers });
      }
}

describe("the disclosure grid", () => {
  it("leaves every cut-off red line of an ordinal issue of 3 to 12 options in a group of at least two", () => {
    for (let K = 3; K <= 12; K++) {
      const A = new Set(ordinalAskable(K));
      // "at least k" for k = 1..K−1: k and k+1 are told apart only by an askable index k.
      const atLeast = Array.from({ length: K - 1 }, (_, i) => i + 1);
      const groupsL = new Map<string, number>();
      for (const k of atLeast) {
        const sig = [...A].map((i) => i >= k).join();
        groupsL.set(sig, (groupsL.get(sig) ?? 0) + 1);
      }
      const atMost = Array.from({ length: K - 1 }, (_, i) => i);
      const groupsM = new Map<string, number>();
      for (const m of atMost) {
        const sig = [...A].map((i) => i <= m).join();
        groupsM.set(sig, (groupsM.get(sig) ?? 0) + 1);
      }
      expect(Math.min(...groupsL.values()), `K=${K} at least`).toBeGreaterThanOrEqual(2);
      expect(Math.min(...groupsM.values()), `K=${K} at most`).toBeGreaterThanOrEqual(2);
      expect(A.size, `K=${K}: the grid keeps something to ask about`).toBeGreaterThanOrEqual(2);
    }
  });

  it("keeps a's red line within a quarter of n's axis and two options of o and q after the whole budget (24 seeded red lines)", () => {
    enumerate();
    const rand = mulberry32(14);
    let narrowed = 0;
    let whyWithPlans = 0;
    for (let seed = 0; seed < 24; seed++) {
      const truth: RedLine = {
        t: rand() < 0.15 ? null : Math.round(rand() * 1000) / 10,
        k: Math.floor(rand() * 5),
        m: Math.floor(rand() * 4),
      };
      const transcript = attack(scenario(truth, B));
      const consistent = candidates.filter((c) => [...transcript].every(([q, a]) => c.answers.get(q) === a));
      const ts = consistent.map((c) => c.rl.t ?? 100 + STEP); // no line ≈ a threshold past the top
      // Each candidate t stands for the thresholds in (t − STEP, t]: the consistent ones fill an interval this wide.
      const width = Math.max(...ts) - Math.min(...ts) + STEP;
      const label = `seed ${seed}: truth ${JSON.stringify(truth)}, ${transcript.size} answers`;
      expect(width, label).toBeGreaterThanOrEqual(25);
      if (truth.k > 0) expect(new Set(consistent.map((c) => c.rl.k)).size, label).toBeGreaterThanOrEqual(2);
      if (truth.m < 3) expect(new Set(consistent.map((c) => c.rl.m)).size, label).toBeGreaterThanOrEqual(2);
      narrowed += consistent.length / candidates.length;
      if (JSON.parse(transcript.get("why") ?? "{}").plans?.length) whyWithPlans++;
    }
    // The "why" answer said something (a plan of red-line moves) in some transcripts, so it was tested.
    expect(whyWithPlans).toBeGreaterThan(0);
    // The test can fail: on average the answers ruled out most candidates — just never below the bound.
    expect(narrowed / 24).toBeLessThan(0.4);
  });

  it("lets the mediator find a package every party accepts within the budget in at least 90% of seeded negotiations that have one", () => {
    const rand = mulberry32(2026);
    let withZone = 0;
    let found = 0;
    for (let seed = 0; seed < 40; seed++) {
      const parties = ["a", "b", "c"];
      const s = randomNegotiation(rand, parties);
      // Exists: some package on the engine's own grid (n every 10, every option) that all accept.
      const exists = allPackages(s).some((pkg) =>
        parties.every((p) => engineOracle.acceptance(s, parties, pkg)[p]),
      );
      if (!exists) continue;
      withZone++;
      let bits = DEFAULT_DISCLOSURE_BUDGET_BITS - DISCLOSURE_COST.zone;
      const zone = answerZone(s, parties, oracle);
      const tries = [zone.nash, ...zone.suggestions.map((x) => x.package)].filter(
        (p) => p !== null,
      ) as Package[];
      // Withheld packages: the grid's packages, nearest the middle of every axis first.
      if (zone.exists) tries.push(...gridPackages3(s).sort((x, y) => offCentre(s, x) - offCentre(s, y)));
      for (const pkg of tries) {
        if (bits < DISCLOSURE_COST.acceptance) break;
        bits -= DISCLOSURE_COST.acceptance;
        if (answerAcceptance(s, parties, pkg, oracle)) {
          found++;
          break;
        }
      }
    }
    expect(withZone).toBeGreaterThan(15);
    if (process.env.DEBUG_DISCLOSURE) console.log(`found ${found} of ${withZone}`);
    expect(found / withZone).toBeGreaterThanOrEqual(0.9);
  });
});

/**
 * A seeded negotiation: three parties on a numeric issue (0–100) and ordinal issues of 5 and 7
 * options; each party's ideal at one end (two on one side, one on the other), saliences 0.2–1, a
 * red line on each issue drawn uniformly from its far end to the middle, and a BATNA of 0–0.5.
 */
function randomNegotiation(rand: () => number, parties: string[]): Scenario {
  const o5 = OPTS5;
  const o7 = R7;
  const positions = parties.flatMap((p, i) => {
    const high = i === 0 ? true : i === 1 ? false : rand() < 0.5;
    // A cut-off anywhere from the far end to the middle; a threshold up to 50% (so the middle of
    // every axis is inside every red line; BATNAs decide whether a zone exists). With lines reaching
    // one option past the middle and thresholds to 65%, BATNAs to 0.45, the grid finds 11 of 25; with
    // these lines and BATNAs to 0.6, 46 of 54 (measured 2026-12-04, DEBUG_DISCLOSURE=1 prints it;
    // docs/platform.md states both): zones narrower than a grid cell are missed.
    const cut = (k: number) =>
      high ? Math.floor(rand() * ((k - 1) / 2 + 1)) : k - 1 - Math.floor(rand() * ((k - 1) / 2 + 1));
    const t = Math.round(rand() * 50);
    const sal = () => 0.2 + 0.8 * rand();
    return [
      { ...pos(p, "n", high ? 100 : 0, high ? { atLeast: t } : { atMost: 100 - t }), salience: sal() },
      {
        ...pos(p, "o", high ? "o4" : "o0", high ? { atLeast: o5[cut(5)] } : { atMost: o5[cut(5)] }),
        salience: sal(),
      },
      {
        ...pos(p, "r", high ? "r6" : "r0", high ? { atLeast: o7[cut(7)] } : { atMost: o7[cut(7)] }),
        salience: sal(),
      },
    ];
  });
  return {
    entente: 1,
    id: "useful",
    title: "Useful",
    actors: parties.map((p) => ({ ...actor(p), batna: Math.round(rand() * 50) / 100 })),
    issues: [
      { id: "n", name: "N", kind: "numeric", unit: "u", min: 0, max: 100 },
      { id: "o", name: "O", kind: "ordinal", options: o5.map((id) => ({ id, label: id })) },
      { id: "r", name: "R", kind: "ordinal", options: o7.map((id) => ({ id, label: id })) },
    ],
    positions,
    mechanisms: [],
  } as unknown as Scenario;
}
/** How far a package lies from the middle of every axis (in grid steps). */
function offCentre(s: Scenario, pkg: Package): number {
  return grid(s).reduce((sum, g, i) => {
    const at = g.indexOf(pkg[s.issues[i]!.id]!);
    return sum + Math.abs(at - (g.length - 1) / 2);
  }, 0);
}
const R7 = ["r0", "r1", "r2", "r3", "r4", "r5", "r6"];
function allPackages(s: Scenario): Package[] {
  const out: Package[] = [];
  for (let n = 0; n <= 100; n += 10) for (const o of OPTS5) for (const r of R7) out.push({ n, o, r });
  return s.issues.length ? out : [];
}
function gridPackages3(s: Scenario): Package[] {
  const [gn, go, gr] = grid(s);
  const out: Package[] = [];
  for (const n of gn!) for (const o of go!) for (const r of gr!) out.push({ n, o, r } as Package);
  return out;
}
