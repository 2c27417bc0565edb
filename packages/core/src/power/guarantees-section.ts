import { type Mechanism, mechanismSchema } from "../model/mechanism.js";
import { analyzeGame, type PowerAnalysis } from "./analysis.js";
import { compileMechanism } from "./compile.js";
import { describeRule } from "./describe-rule.js";
import { buildDiagram, smallestWinning } from "./diagram.js";
import { PowerError } from "./errors.js";
import { activationFinding } from "./findings.js";
import { isWinning, type SimpleGame } from "./game.js";
import type { PowerEstimate } from "./monte-carlo.js";
import { formatRational, type Rational, rationalToNumber } from "./rational.js";
import { probabilityValue, stressTest } from "./stress.js";

/** A number shown in a report: its double value and, when exact, the exact fraction as text. */
export interface ReportNumber {
  value: number;
  exact?: string;
  /** 95% interval when the number is a Monte Carlo estimate. */
  interval?: [number, number];
}

/** One guarantor's power under one mechanism (every field JSON-able). */
export interface PowerRow {
  actor: string;
  name: string;
  shapleyShubik: ReportNumber;
  banzhafRaw?: string;
  banzhafAbsolute: ReportNumber;
  banzhafNormalised?: ReportNumber;
  deeganPackel?: ReportNumber;
  holler?: ReportNumber;
  colemanPrevent?: ReportNumber;
  colemanInitiate?: ReportNumber;
  veto: boolean;
  dummy: boolean;
}

/** The stress test against one potential violator. */
export interface StressRow {
  accused: string;
  accusedName: string;
  probability: ReportNumber;
  probabilityHalfTime: ReportNumber;
  expectedHours: number | null;
  method: "exact" | "estimate";
  /** Guarantors whose backing probability was assumed (no `support` entry in the scenario). */
  assumed: string[];
  /** True when no coalition of the other guarantors can activate a response (whatever the support). */
  blocked: boolean;
  finding: string;
}

/** One mechanism's part of the guarantees section. */
export interface MechanismSection {
  id: string;
  name: string;
  rule: string;
  accusedVote: Mechanism["accusedVote"];
  consultationHours: number;
  method: "exact" | "estimate";
  engine: string;
  passProbability: ReportNumber;
  minimalWinning?: { count: string; list?: string[][] };
  minimalBlocking?: { count: string; list?: string[][] };
  power: PowerRow[];
  stress: StressRow[];
  /** The headline: the finding for a violator no response can reach, else for the first violator. */
  finding: string;
}

/** The "guarantees" section of `entente analyze`: plain data, rendered by the CLI and the web. */
export interface GuaranteesSection {
  mechanisms: MechanismSection[];
  /** Side by side: rows are potential violators, columns mechanisms, cells activation probabilities. */
  comparison: {
    violators: Array<{ id: string; name: string }>;
    mechanisms: Array<{ id: string; name: string }>;
    probability: Array<Array<ReportNumber | null>>;
    expectedHours: Array<Array<number | null>>;
  };
  findings: string[];
  /** Mechanisms that could not be analysed, with the reason (e.g. a rule naming a non-guarantor). */
  problems: Array<{ mechanism: string; code: string; path: Array<string | number>; message: string }>;
}

/** What the section needs from a scenario (a `Scenario` fits). */
export interface GuaranteesInput {
  actors: ReadonlyArray<{ id: string; name: string; roles: readonly string[] }>;
  mechanisms?: readonly unknown[];
}

const exactNumber = (r: Rational): ReportNumber => ({ value: rationalToNumber(r), exact: formatRational(r) });
const estimateNumber = (e: PowerEstimate): ReportNumber => ({ value: e.value, interval: [e.low, e.high] });
const anyNumber = (x: Rational | PowerEstimate): ReportNumber =>
  "kind" in x ? estimateNumber(x) : exactNumber(x);

function powerRows(a: PowerAnalysis, nameOf: (id: string) => string): PowerRow[] {
  return a.players.map((id, i) => {
    const veto = a.vetoPlayers.includes(i);
    if (a.method === "estimate")
      return {
        actor: id,
        name: nameOf(id),
        shapleyShubik: estimateNumber(a.estimates.shapleyShubik[i]!),
        banzhafAbsolute: estimateNumber(a.estimates.banzhafAbsolute[i]!),
        veto,
        dummy: false,
      };
    const x = a.indices;
    return {
      actor: id,
      name: nameOf(id),
      shapleyShubik: exactNumber(x.shapleyShubik[i]!),
      banzhafRaw: x.banzhafRaw[i]!.toString(),
      banzhafAbsolute: exactNumber(x.banzhafAbsolute[i]!),
      banzhafNormalised: exactNumber(x.banzhafNormalised[i]!),
      ...(a.deeganPackel ? { deeganPackel: exactNumber(a.deeganPackel[i]!) } : {}),
      ...(a.holler ? { holler: exactNumber(a.holler[i]!) } : {}),
      colemanPrevent: exactNumber(x.colemanPrevent[i]!),
      colemanInitiate: exactNumber(x.colemanInitiate[i]!),
      veto,
      dummy: x.dummies.includes(i),
    };
  });
}

/**
 * A mechanism's name as it reads after "Under": a trailing parenthesis (sources, details) is left to
 * the table, and the first letter is lowered unless the first word is an acronym ("UN").
 */
export function inSentence(name: string): string {
  const short = name.replace(/\s*\([^()]*\)\s*$/, "").trim() || name;
  return /^[A-Z][a-z]/.test(short) ? short.charAt(0).toLowerCase() + short.slice(1) : short;
}

/** Potential violators of a mechanism: every actor named in its support model, then every party. */
export function potentialViolators(m: Mechanism, input: GuaranteesInput): string[] {
  const named = new Set((m.support ?? []).map((s) => s.against));
  const ordered = input.actors.filter((a) => named.has(a.id) || a.roles.includes("party")).map((a) => a.id);
  for (const id of named) if (!ordered.includes(id)) ordered.push(id);
  return ordered;
}

/** Fewest guarantors other than the accused that can activate a response (null if none, or too large to tell). */
function fewestBackers(g: SimpleGame, accused: string): number | null {
  try {
    return smallestWinning(buildDiagram(g, { maxLayerStates: 200_000 }), g.players.indexOf(accused));
  } catch (e) {
    if (e instanceof PowerError) return null;
    throw e;
  }
}

function analyseMechanism(
  m: Mechanism,
  input: GuaranteesInput,
  nameOf: (id: string) => string,
): MechanismSection {
  const game = compileMechanism(m);
  const power = analyzeGame(game);
  const name = m.name;
  const stress: StressRow[] = potentialViolators(m, input).map((accused) => {
    const r = stressTest(m, accused);
    const g = compileMechanism(m, accused);
    const win = (member: boolean[]) => isWinning(g, member);
    const othersMember = g.players.map((p) => p !== accused);
    // With no guarantor left to vote (the only one is recused), nobody can activate a response.
    const canActivate = othersMember.some(Boolean) && win(othersMember);
    const accusedVotes = g.players.includes(accused);
    const accusedIsVeto =
      accusedVotes && m.accusedVote === "votes" && !canActivate && win(g.players.map(() => true));
    const alone = g.players.filter((p, i) => p !== accused && win(g.players.map((_, j) => j === i)));
    const p = probabilityValue(r.probability);
    const finding = activationFinding({
      mechanism: inSentence(name),
      accused: nameOf(accused),
      accusedVote: m.accusedVote,
      canActivate,
      accusedIsVeto,
      grandCoalitionWins: win(g.players.map(() => true)),
      minBackers: fewestBackers(g, accused),
      others: g.players.filter((x) => x !== accused).length,
      aloneNames: alone.map(nameOf),
      probability: p,
      ...("kind" in r.probability
        ? { interval: [r.probability.low, r.probability.high] as [number, number] }
        : {}),
      expectedHours: r.expectedHours,
      consultationHours: m.consultationHours,
    });
    return {
      accused,
      accusedName: nameOf(accused),
      probability: anyNumber(r.probability),
      probabilityHalfTime: anyNumber(r.probabilityHalfTime),
      expectedHours: r.expectedHours,
      method: r.method,
      assumed: r.backing.filter((b) => b.assumed && b.guarantor !== accused).map((b) => b.guarantor),
      blocked: !canActivate,
      finding,
    };
  });
  // The headline: a violator no response can reach, if any; otherwise the first potential violator
  // (scenario order), so that the rules are compared against the same actor.
  const headline = stress.find((r) => r.blocked) ?? stress[0];
  const family = (f: { count: bigint; list?: number[][] } | undefined) =>
    f && {
      count: f.count.toString(),
      ...(f.list ? { list: f.list.map((s) => s.map((i) => nameOf(game.players[i]!))) } : {}),
    };
  const section: MechanismSection = {
    id: m.id,
    name,
    rule: describeRule(m.rule, nameOf, m.guarantors.length),
    accusedVote: m.accusedVote,
    consultationHours: m.consultationHours,
    method: power.method,
    engine: power.method === "exact" ? power.engine : `Monte Carlo (seed ${power.seed})`,
    passProbability:
      power.method === "exact"
        ? exactNumber(power.indices.passProbability)
        : estimateNumber(power.estimates.passProbability),
    power: powerRows(power, nameOf),
    stress,
    finding:
      headline?.finding ?? `Under ${name}, no potential violator is named, so nothing was stress-tested.`,
  };
  if (power.method === "exact") {
    const mw = family(power.minimalWinning);
    const mb = family(power.minimalBlocking);
    if (mw) section.minimalWinning = mw;
    if (mb) section.minimalBlocking = mb;
  }
  return section;
}

/**
 * The guarantees section of a scenario's report: per mechanism, the exact power of every guarantor,
 * the stress test against every potential violator with its one-sentence finding, and the rules
 * compared side by side. Plain JSON-able data (no BigInt): exact values are given as fraction text.
 */
export function buildGuaranteesSection(scenario: GuaranteesInput): GuaranteesSection {
  const names = new Map(scenario.actors.map((a) => [a.id, a.name]));
  const nameOf = (id: string) => names.get(id) ?? id;
  const problems: GuaranteesSection["problems"] = [];
  const sections: MechanismSection[] = [];
  (scenario.mechanisms ?? []).forEach((raw, index) => {
    const parsed = mechanismSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      problems.push({
        mechanism: String((raw as { id?: unknown })?.id ?? index),
        code: "invalid_mechanism",
        path: ["mechanisms", index, ...issue.path.map((p) => (typeof p === "symbol" ? String(p) : p))],
        message: issue.message,
      });
      return;
    }
    try {
      sections.push(analyseMechanism(parsed.data, scenario, nameOf));
    } catch (e) {
      if (!(e instanceof PowerError)) throw e;
      problems.push({
        mechanism: parsed.data.id,
        code: e.code,
        path: ["mechanisms", index, ...e.path],
        message: e.message,
      });
    }
  });
  const violators: string[] = [];
  for (const s of sections)
    for (const r of s.stress) if (!violators.includes(r.accused)) violators.push(r.accused);
  const cell = <T>(v: string, s: MechanismSection, f: (r: StressRow) => T): T | null => {
    const r = s.stress.find((x) => x.accused === v);
    return r ? f(r) : null;
  };
  return {
    mechanisms: sections,
    comparison: {
      violators: violators.map((id) => ({ id, name: nameOf(id) })),
      mechanisms: sections.map((s) => ({ id: s.id, name: s.name })),
      probability: violators.map((v) => sections.map((s) => cell(v, s, (r) => r.probability))),
      expectedHours: violators.map((v) => sections.map((s) => cell(v, s, (r) => r.expectedHours))),
    },
    findings: sections.map((s) => s.finding),
    problems,
  };
}
