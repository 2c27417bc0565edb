import { describe, expect, it } from "vitest";
import { agreementQueries } from "../agreement/queries.js";
import { mulberry32 } from "../agreement/random-space.js";
import type { Scenario } from "../model/scenario.js";
import { issuePoints } from "../utility/issue-axis.js";
import { crossesRedLine } from "../utility/issue-utility.js";
import type { Package } from "../utility/package-utility.js";
import {
  answerAcceptance,
  answerBox,
  answerZone,
  DEFAULT_DISCLOSURE_BUDGET_BITS,
  DISCLOSURE_COST,
  disclosureView,
  ordinalAskable,
  type PackageBox,
} from "./disclosure-grid.js";
import { answerWhyNoZone } from "./why-no-zone.js";
import { type AgreementOracle, engineOracle } from "./zone.js";

/**
 * The disclosure bound of issue 14, proved by brute force in a small space. Two parties, a and b;
 * three issues: n numeric 0–100, o ordinal of 5 options, q ordinal of 4 options. a's red line is
 * the secret: "n at least t", "o at least option k", "q at most option m". An adaptive attacker who
 * knows everything else (b's private positions, a's ideals, saliences and BATNA) spends the whole
 * budget on every kind of question: the zone and "why is there none" (issue 18); halving boxes of the package space until it holds
 * one package of the zone; then a bisection on each issue with acceptance questions at any value
 * (n to a unit, off the grid too); then random packages. Every red line of a on a fine grid (t
 * every 6.25, every k and m) is then checked against the transcript: the consistent ones must cover
 * at least a quarter of n's axis and at least two cut-offs of o and of q.
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
type Query = { kind: "zone" } | { kind: "why" } | { kind: "acceptance"; pkg: Package };
const key = (q: Query) => (q.kind === "acceptance" ? `acc ${JSON.stringify(q.pkg)}` : q.kind);
/** The engine oracle, with each scenario's acceptance queries built once (same answers, less time). */
const built = new Map<string, ReturnType<typeof agreementQueries>>();
const queriesOf = (s: Scenario, parties: readonly string[]) => {
  const k = JSON.stringify([
    s.positions,
    s.actors,
    s.issues.map((i) => (i.kind === "numeric" ? i.step : i.id)),
    parties,
  ]);
  let q = built.get(k);
  if (!q) {
    q = agreementQueries(s, { actors: [...parties] });
    built.set(k, q);
  }
  return q;
};
const oracle: AgreementOracle = {
  zone: engineOracle.zone,
  acceptance(s, parties, pkg) {
    return Object.fromEntries(
      queriesOf(s, parties)
        .wouldEachAccept(pkg)
        .map((v) => [v.actor, v.accepts]),
    );
  },
};
/**
 * Whether some package on the scenario's points is acceptable to every party, by brute force over
 * all of them (an independent check of the engine's search: "box answers" below compares the two).
 */
function bruteExists(s: Scenario, parties: readonly string[]): boolean {
  const pts = s.issues.map((i) => issuePoints(i));
  // Utilities do not depend on red lines: one set of queries per scenario without them.
  const q = queriesOf({ ...s, positions: s.positions.map((p) => ({ ...p, redLine: undefined })) }, parties);
  // Red lines first (cheap), utilities only for packages inside every line.
  const inside = s.issues.map((iss, i) =>
    pts[i]!.filter((x) => s.positions.every((p) => p.issue !== iss.id || !crossesRedLine(p, iss, x))),
  );
  const walk = (i: number, pkg: Package): boolean => {
    if (i === s.issues.length) return q.wouldEachAccept(pkg).every((v) => v.accepts);
    return inside[i]!.some((x) => walk(i + 1, { ...pkg, [s.issues[i]!.id]: x }));
  };
  return walk(0, {});
}
const bruteOracle: AgreementOracle = { ...oracle, exists: bruteExists };

type AnyQuery = Query | { kind: "box"; box: PackageBox };
const anyKey = (q: AnyQuery) => (q.kind === "box" ? `box ${JSON.stringify(q.box)}` : key(q));
const ask = (s: Scenario, q: AnyQuery): string =>
  q.kind === "zone"
    ? JSON.stringify(answerZone(s, PARTIES, oracle))
    : q.kind === "why"
      ? JSON.stringify(answerWhyNoZone(s, PARTIES))
      : q.kind === "box"
        ? String(answerBox(s, PARTIES, q.box, bruteOracle))
        : String(answerAcceptance(s, PARTIES, q.pkg, oracle));

/**
 * Halving boxes: from a box known to hold a package of the view's zone, ask about its lower half on
 * the widest issue until one package is left (about log2 of the packages, one bit each). `ask`
 * returns null when the budget is spent.
 */
function locate(
  s: Scenario,
  parties: readonly string[],
  ask1: (box: PackageBox) => boolean | null,
): Package | null {
  const view = disclosureView(s, parties);
  const pts = view.issues.map((i) => issuePoints(i));
  const lo = pts.map(() => 0);
  const hi = pts.map((p) => p.length - 1);
  const box = (h: number[]): PackageBox =>
    Object.fromEntries(
      view.issues.map((iss, i) => [
        iss.id,
        iss.kind === "numeric"
          ? { min: Number(pts[i]![lo[i]!]), max: Number(pts[i]![h[i]!]) }
          : pts[i]!.slice(lo[i]!, h[i]! + 1).map(String),
      ]),
    );
  for (;;) {
    let w = -1;
    for (let i = 0; i < pts.length; i++)
      if (hi[i]! > lo[i]! && (w < 0 || hi[i]! - lo[i]! > hi[w]! - lo[w]!)) w = i;
    if (w < 0) break;
    const mid = (lo[w]! + hi[w]!) >> 1;
    const lower = [...hi];
    lower[w] = mid;
    const yes = ask1(box(lower));
    if (yes === null) return null;
    if (yes) hi[w] = mid;
    else lo[w] = mid + 1;
  }
  return Object.fromEntries(view.issues.map((iss, i) => [iss.id, pts[i]![lo[i]!]!])) as Package;
}

/**
 * The adaptive attacker: the zone; halving boxes to a package of the zone; a bisection on each
 * issue with acceptance questions at any value around it (n to a unit); then seeded random
 * packages at any value, until the budget is spent.
 */
function attack(truth: Scenario, seed: number): Map<string, string> {
  const transcript = new Map<string, string>();
  let bits = DEFAULT_DISCLOSURE_BUDGET_BITS;
  const query = (q: AnyQuery): string | null => {
    const cost = DISCLOSURE_COST[q.kind];
    if (transcript.has(anyKey(q))) return transcript.get(anyKey(q))!;
    if (bits < cost) return null;
    bits -= cost;
    const a = ask(truth, q);
    transcript.set(anyKey(q), a);
    return a;
  };
  const zone = JSON.parse(query({ kind: "zone" })!) as { exists: boolean };
  query({ kind: "why" });
  let base = { n: 50, o: "o2", q: "q0" } as Record<string, string | number>;
  if (zone.exists) {
    const found = locate(truth, PARTIES, (box) => {
      const a = query({ kind: "box", box });
      return a === null ? null : a === "true";
    });
    if (!found) return transcript;
    base = found as Record<string, string | number>;
  }
  for (const [issue, values] of [
    ["n", Array.from({ length: 101 }, (_, i) => i)],
    ["o", OPTS5],
    ["q", OPTS4],
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
  const rand = mulberry32(1000 + seed);
  for (;;) {
    const pkg = {
      n: Math.round(rand() * 1000) / 10,
      o: OPTS5[Math.floor(rand() * 5)]!,
      q: OPTS4[Math.floor(rand() * 4)]!,
    };
    if (query({ kind: "acceptance", pkg }) === null) return transcript;
  }
}

/** Seeded red lines the attacker is run against (DISCLOSURE_SEEDS=48 for a longer run; 48 passed on 2026-12-05). */
const SEEDS = Number(process.env.DISCLOSURE_SEEDS ?? 8);

// Every candidate red line of a on the fine grid; its answers are computed when a transcript asks
// (and kept: they do not depend on which red line is the truth).
const STEP = 6.25; // a sixteenth of the axis: each quarter holds four candidates
const T = [null, ...Array.from({ length: 100 / STEP + 1 }, (_, i) => i * STEP)];
const candidates: { rl: RedLine; s: Scenario; answers: Map<string, string> }[] = [];
for (const t of T)
  for (let k = 0; k < 5; k++)
    for (let m = 0; m < 4; m++)
      candidates.push({ rl: { t, k, m }, s: scenario({ t, k, m }, B), answers: new Map() });
function answerOf(c: (typeof candidates)[number], q: string, query: AnyQuery): string {
  let a = c.answers.get(q);
  if (a === undefined) {
    a = ask(c.s, query);
    c.answers.set(q, a);
  }
  return a;
}
const parseKey = (k: string): AnyQuery =>
  k === "zone" || k === "why"
    ? { kind: k }
    : k.startsWith("box ")
      ? { kind: "box", box: JSON.parse(k.slice(4)) }
      : { kind: "acceptance", pkg: JSON.parse(k.slice(4)) };

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
    expect(ordinalAskable(7)).toEqual([0, 2, 4, 6]);
    expect(ordinalAskable(8)).toEqual([0, 3, 5, 7]);
  });

  it("answers box questions as a brute force over every package does (the engine's search and the stand-in agree)", () => {
    const rand = mulberry32(3);
    for (let i = 0; i < 30; i++) {
      const c = candidates[Math.floor(rand() * candidates.length)]!;
      const lo = Math.floor(rand() * 21) * 5;
      const box: PackageBox = {
        n: { min: lo, max: Math.min(100, lo + Math.floor(rand() * 4) * 5) },
        o: OPTS5.slice(Math.floor(rand() * 5)),
      };
      expect(answerBox(c.s, PARTIES, box, bruteOracle), JSON.stringify([c.rl, box])).toBe(
        answerBox(c.s, PARTIES, box, engineOracle),
      );
    }
  });

  it(`keeps a's red line within a quarter of n's axis and two options of o and q after the whole budget of every kind of question (${SEEDS} seeded red lines)`, () => {
    const rand = mulberry32(14);
    let narrowed = 0;
    let whyWithPlans = 0;
    for (let seed = 0; seed < SEEDS; seed++) {
      const truth: RedLine = {
        t: rand() < 0.15 ? null : Math.round(rand() * 1000) / 10,
        k: Math.floor(rand() * 5),
        m: Math.floor(rand() * 4),
      };
      const transcript = attack(scenario(truth, B), seed);
      const kinds = new Set([...transcript.keys()].map((k) => k.split(" ")[0]));
      const consistent = candidates.filter((c) =>
        [...transcript].every(([q, a]) => answerOf(c, q, parseKey(q)) === a),
      );
      const label = `seed ${seed}: truth ${JSON.stringify(truth)}, ${transcript.size} answers`;
      expect(consistent.length, label).toBeGreaterThan(0);
      const ts = consistent.map((c) => c.rl.t ?? 100 + STEP); // no line ≈ a threshold past the top
      // Each candidate t stands for the thresholds in (t − STEP, t]: the consistent ones fill an interval this wide.
      const width = Math.max(...ts) - Math.min(...ts) + STEP;
      expect(width, label).toBeGreaterThanOrEqual(25);
      if (truth.k > 0) expect(new Set(consistent.map((c) => c.rl.k)).size, label).toBeGreaterThanOrEqual(2);
      if (truth.m < 3) expect(new Set(consistent.map((c) => c.rl.m)).size, label).toBeGreaterThanOrEqual(2);
      if (seed === 0) expect([...kinds].sort()).toEqual(["acc", "box", "why", "zone"]);
      if (JSON.parse(transcript.get("why") ?? "{}").plans?.length) whyWithPlans++;
      narrowed += consistent.length / candidates.length;
    }
    // The "why" answer said something (a plan of red-line moves) in some transcripts, so it was tested.
    expect(whyWithPlans).toBeGreaterThan(0);
    // The test can fail: on average the answers ruled out most candidates — just never below the bound.
    expect(narrowed / SEEDS).toBeLessThan(0.4);
  });
});

/**
 * A seeded negotiation: three parties on a numeric issue n (0–100) and ordinal issues o and r of 5
 * and 7 options; each party's ideal at one end (two on one side, one on the other), saliences
 * 0.2–1, a red line on each issue and a BATNA of 0 to `batna`. `reach` is how far from its far end
 * a red line may lie, as a share of the range (0.5: up to the middle; 1: anywhere), drawn uniformly.
 */
interface Family {
  name: string;
  reach: number;
  batna: number;
  /** Negotiations with a zone to draw (the others drawn on the way are counted apart). */
  want: number;
}
const R7 = ["r0", "r1", "r2", "r3", "r4", "r5", "r6"];
function randomNegotiation(rand: () => number, g: Family): Scenario {
  const parties = ["a", "b", "c"];
  const positions = parties.flatMap((p, i) => {
    const high = i === 0 ? true : i === 1 ? false : rand() < 0.5;
    const far = (k: number) => Math.floor(rand() * (Math.floor((k - 1) * g.reach) + 1));
    const cut = (k: number) => (high ? far(k) : k - 1 - far(k));
    const t = Math.round(rand() * 100 * g.reach);
    const sal = () => 0.2 + 0.8 * rand();
    return [
      { ...pos(p, "n", high ? 100 : 0, high ? { atLeast: t } : { atMost: 100 - t }), salience: sal() },
      {
        ...pos(p, "o", high ? "o4" : "o0", high ? { atLeast: OPTS5[cut(5)] } : { atMost: OPTS5[cut(5)] }),
        salience: sal(),
      },
      {
        ...pos(p, "r", high ? "r6" : "r0", high ? { atLeast: R7[cut(7)] } : { atMost: R7[cut(7)] }),
        salience: sal(),
      },
    ];
  });
  return {
    entente: 1,
    id: "useful",
    title: "Useful",
    actors: parties.map((p) => ({ ...actor(p), batna: Math.round(rand() * g.batna * 100) / 100 })),
    issues: [
      { id: "n", name: "N", kind: "numeric", unit: "u", min: 0, max: 100 },
      { id: "o", name: "O", kind: "ordinal", options: OPTS5.map((id) => ({ id, label: id })) },
      { id: "r", name: "R", kind: "ordinal", options: R7.map((id) => ({ id, label: id })) },
    ],
    positions,
    mechanisms: [],
  } as unknown as Scenario;
}

const engineCached: AgreementOracle = { ...oracle, exists: engineOracle.exists! };

/**
 * The mediator's strategy within the budget: the zone (4 bits); its Nash package if shown (1 bit);
 * else halving boxes to one package of the zone (about 10 bits here) and one acceptance question.
 */
function mediate(s: Scenario, parties: readonly string[]): { pkg: Package | null; bits: number } {
  let bits = 0;
  const spend = (b: number) => {
    bits += b;
    if (bits > DEFAULT_DISCLOSURE_BUDGET_BITS) throw new Error("over budget");
  };
  spend(DISCLOSURE_COST.zone);
  const zone = answerZone(s, parties, engineCached);
  if (!zone.exists) return { pkg: null, bits };
  if (zone.nash) {
    spend(DISCLOSURE_COST.acceptance);
    if (answerAcceptance(s, parties, zone.nash, engineCached)) return { pkg: zone.nash, bits };
  }
  const pkg = locate(s, parties, (box) => {
    spend(DISCLOSURE_COST.box);
    return answerBox(s, parties, box, engineCached);
  });
  if (!pkg) return { pkg: null, bits };
  spend(DISCLOSURE_COST.acceptance);
  return { pkg: answerAcceptance(s, parties, pkg, engineCached) ? pkg : null, bits };
}

/** Draws a family's negotiations and runs the mediator on each. */
function usefulness(g: Family, seed: number) {
  const rand = mulberry32(seed);
  const parties = ["a", "b", "c"];
  const r = { withZone: 0, inView: 0, found: 0, maxBits: 0, without: 0, claimedWithout: 0 };
  for (let draws = 0; r.withZone < g.want && draws < 40 * g.want; draws++) {
    const s = randomNegotiation(rand, g);
    // Exists: some package with n a multiple of 5 (the engine's own points and the quarter points)
    // and any options that all accept, on exact values.
    const fine = { ...s, issues: s.issues.map((i) => (i.kind === "numeric" ? { ...i, step: 5 } : i)) };
    if (!bruteExists(fine, parties)) {
      r.without++;
      if (mediate(s, parties).pkg) r.claimedWithout++;
      continue;
    }
    r.withZone++;
    if (bruteExists(disclosureView(s, parties), parties)) r.inView++;
    const m = mediate(s, parties);
    r.maxBits = Math.max(r.maxBits, m.bits);
    if (m.pkg) {
      // A yes on the view is a yes on the exact values: every party accepts the package found.
      expect(Object.values(engineOracle.acceptance(s, parties, m.pkg)).every(Boolean)).toBe(true);
      r.found++;
    }
  }
  if (process.env.DEBUG_DISCLOSURE) console.log(g.name, JSON.stringify(r));
  return r;
}

describe("the disclosure budget is useful", () => {
  it("finds a package every party accepts in 37 of 40 seeded negotiations with red lines up to the middle and BATNAs to 0.5", () => {
    const r = usefulness({ name: "middle", reach: 0.5, batna: 0.5, want: 40 }, 2026);
    expect(r.found).toBe(37);
    expect(r.found / r.withZone).toBeGreaterThanOrEqual(0.9);
    expect(r.maxBits).toBeLessThanOrEqual(DEFAULT_DISCLOSURE_BUDGET_BITS);
  });

  it("finds every zone the disclosure view keeps, and claims none where there is none, with red lines anywhere and BATNAs to 0.6", () => {
    const r = usefulness({ name: "whole", reach: 1, batna: 0.6, want: 30 }, 2027);
    expect(r.found).toBe(r.inView); // nothing the bound lets the mediator see is missed
    expect(r.claimedWithout).toBe(0);
    expect(r.without).toBeGreaterThan(100); // red lines anywhere: most draws have no zone
    // The price of the quarter bound, stated in docs/platform.md: zones inside a grid cell are not seen.
    expect([r.withZone, r.found]).toEqual([30, 12]);
  });

  // The figures of docs/platform.md for more families (about a minute): DISCLOSURE_FAMILIES=1 DEBUG_DISCLOSURE=1.
  it.skipIf(!process.env.DISCLOSURE_FAMILIES)(
    "reports usefulness over more seeded families",
    () => {
      for (const g of [
        { name: "middle, BATNA to 0.6", reach: 0.5, batna: 0.6, want: 100 },
        { name: "two thirds, BATNA to 0.45", reach: 0.67, batna: 0.45, want: 100 },
        { name: "anywhere, BATNA to 0.3", reach: 1, batna: 0.3, want: 100 },
        { name: "anywhere, BATNA to 0.6", reach: 1, batna: 0.6, want: 100 },
        { name: "anywhere, BATNA to 0.8", reach: 1, batna: 0.8, want: 100 },
      ]) {
        const r = usefulness(g, 7);
        expect(r.found).toBe(r.inView);
        expect(r.claimedWithout).toBe(0);
      }
    },
    600_000,
  );
});
