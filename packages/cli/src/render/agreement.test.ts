import { buildAgreementSection, parseScenario } from "@entente/core";
import { describe, expect, it } from "vitest";
import { renderAgreementHtml, renderAgreementText } from "./agreement.js";

// A's BATNA 0.8 leaves only (x1, x2) acceptable; the proposal (y1, y2) is one A rejects.
const yaml = `entente: 1
id: batna-proposal
title: A proposal one actor rejects
actors:
  - { id: a, name: A, kind: state, roles: [party], batna: 0.8, capability: { value: 1, source: example, confidence: 1 } }
  - { id: b, name: B, kind: state, roles: [party], capability: { value: 1, source: example, confidence: 1 } }
issues:
  - { id: i1, name: I1, kind: categorical, options: [{ id: x1, label: x1 }, { id: y1, label: y1 }] }
  - { id: i2, name: I2, kind: categorical, options: [{ id: x2, label: x2 }, { id: y2, label: y2 }] }
positions:
  - { actor: a, issue: i1, ideal: x1, salience: 1, source: example, confidence: 1 }
  - { actor: a, issue: i2, ideal: x2, salience: 1, source: example, confidence: 1 }
  - { actor: b, issue: i1, ideal: y1, salience: 1, source: example, confidence: 1 }
  - { actor: b, issue: i2, ideal: x2, salience: 0.2, source: example, confidence: 1 }
`;

describe("the proposal part of the agreement report", () => {
  const parsed = parseScenario(yaml, "case.yaml");
  if (!parsed.ok) throw new Error("test scenario is invalid");
  const s = buildAgreementSection(parsed.scenario, { proposal: { i1: "y1", i2: "y2" } });
  it("does not call a proposal that an actor rejects Pareto-efficient when nothing improves on it", () => {
    const text = renderAgreementText(s);
    expect(text).not.toMatch(/Pareto-efficient/);
    expect(text).toMatch(
      /No package every actor accepts leaves every actor at least as well off as this proposal/,
    );
    expect(renderAgreementHtml(s)).not.toMatch(/Pareto-efficient/);
  });
});
