import { readFileSync } from "node:fs";
import { buildAgreementSection, parseScenario, type Scenario } from "@entente/core";
import { describe, expect, it } from "vitest";
import { completeProposal } from "./complete-package.js";

const url = new URL("../../../../scenarios/ukraine-security-guarantees.yaml", import.meta.url);
const parsed = parseScenario(readFileSync(url, "utf8"), "default.yaml");
if (!parsed.ok) throw new Error("the default scenario must parse");
const scenario: Scenario = parsed.scenario;
const options = { nodeBudget: 2_000_000 };

describe("completeProposal", () => {
  const section = buildAgreementSection(scenario, {
    ...options,
    paretoMaxPoints: 10,
    estimateMaxSamples: 1000,
  });
  const nash = section.solutions.nash!;

  it("gives back the Nash package when the settled issues take the Nash package's own options", () => {
    const settled = Object.fromEntries(nash.choices.slice(0, 2).map((c) => [c.issue, c.option]));
    const c = completeProposal(scenario, settled as Record<string, string | number>, options);
    expect(c.how).toBe("nash");
    expect(c.open).toHaveLength(scenario.issues.length - 2);
    expect(c.package).toEqual(Object.fromEntries(nash.choices.map((ch) => [ch.issue, ch.option])));
  });

  it("keeps the settled issues as proposed and fills the rest with a package every actor accepts", () => {
    const proposal = { "nato-membership": "non-bloc-eu", "force-ceiling": 600000 };
    const c = completeProposal(scenario, proposal, options);
    expect(c.package).toMatchObject(proposal);
    const judged = buildAgreementSection(scenario, {
      ...options,
      proposal: c.package,
      paretoMaxPoints: 10,
      estimateMaxSamples: 1000,
    });
    expect(judged.proposal!.verdicts.every((v) => v.accepts)).toBe(true);
  });
});
