import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseScenario } from "../model/parse.js";
import { spaceFromScenario } from "./from-scenario.js";
import { buildAgreementSection } from "./section.js";
import { wouldEachAccept } from "./space.js";

const file = new URL("../../../../scenarios/ukraine-security-guarantees.yaml", import.meta.url);
const parsed = parseScenario(readFileSync(file, "utf8"), "ukraine-security-guarantees.yaml");
if (!parsed.ok) throw new Error("default scenario does not parse");
const scenario = parsed.scenario;

describe("spaceFromScenario on the default scenario", () => {
  const ss = spaceFromScenario(scenario);
  it("discretises the force ceiling at its 50,000 step: 21 points from 0 to 1,000,000", () => {
    const i = ss.issues.findIndex((x) => x.id === "force-ceiling");
    expect(ss.points[i]!.length).toBe(21);
    expect(ss.points[i]![20]).toBe(1_000_000);
  });
  it("turns Ukraine's atMost red line on withdrawal into rejected options beyond it", () => {
    const i = ss.issues.findIndex((x) => x.id === "withdrawal");
    const a = ss.space.actors.indexOf("ua");
    const A = ss.space.actors.length;
    const allowed = ss.points[i]!.map((_, o) => ss.space.allowed[i]![o * A + a]);
    // Options borders-1991, lines-2022, contact-line-dmz allowed; the two beyond contact-line-dmz not.
    expect(allowed).toEqual([1, 1, 1, 0, 0]);
  });
});

describe("buildAgreementSection on the default scenario", () => {
  const s = buildAgreementSection(scenario, { nodeBudget: 5_000_000 });
  it("labels every answer exact or bounded", () => {
    expect(s.notes.length).toBeGreaterThanOrEqual(6);
    expect(s.count.lower).toBeLessThanOrEqual(s.count.upper);
  });
  it("returns a Nash package every actor accepts, with positive gains for all", () => {
    const nash = s.solutions.nash;
    if (!nash) return expect(s.count.upper).toBe(0);
    for (const u of nash.utilities) expect(u.gain).toBeGreaterThan(0);
    const ss = spaceFromScenario(scenario);
    const pkg = nash.choices.map((c, i) => ss.points[i]!.indexOf(c.option));
    expect(wouldEachAccept(ss.space, pkg).every((v) => v.accepts)).toBe(true);
  });
  it("adds a sampled estimate, within its walk cap, only when the count is not exact", () => {
    expect(s.count.exact).toBe(true);
    expect(s.count.estimate).toBeUndefined();
    const cut = buildAgreementSection(scenario, { nodeBudget: 20_000, estimateMaxSamples: 30_000 });
    expect(cut.count.exact).toBe(false);
    const e = cut.count.estimate!;
    expect(e.samples).toBeLessThanOrEqual(30_000);
    // The exact count (the full search above) lies in the 99% interval, and the interval in the bounds.
    expect(e.low).toBeLessThanOrEqual(s.count.lower);
    expect(e.high).toBeGreaterThanOrEqual(s.count.lower);
    expect(cut.count.lower <= e.low && e.high <= cut.count.upper).toBe(true);
    expect(cut.notes[0]).toMatch(/sampled estimate .* an estimate, not a bound/);
  });
  it("assesses a proposal and finds a post-settlement improvement of the status-quo-like package", () => {
    const proposal = Object.fromEntries(
      s.solutions.egalitarian!.choices.map((c) => [c.issue, c.option] as const),
    );
    const withProposal = buildAgreementSection(scenario, { proposal, nodeBudget: 2_000_000 });
    expect(withProposal.proposal!.verdicts.every((v) => v.accepts)).toBe(true);
    if (withProposal.proposal!.improvement) {
      for (const [k, u] of withProposal.proposal!.improvement.utilities.entries()) {
        expect(u.utility).toBeGreaterThanOrEqual(
          withProposal.proposal!.package.utilities[k]!.utility - 1e-12,
        );
      }
    }
  });
});
