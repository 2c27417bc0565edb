import { describe, expect, it } from "vitest";
import type { Scenario } from "../model/scenario.js";
import { AgreementError } from "./errors.js";
import { agreementQueries } from "./queries.js";

// Two parties on one ordinal issue of five options; A's red line rejects the top two, B's the bottom two.
// Acceptable to both: only "mid" (index 2), provided each gets at least its status-quo utility:
// status quo "mid" → both are at their disagreement point there, so it is acceptable (≥), and
// the Nash product is 0 (no strict gain), hence no Nash package.
const scenario = {
  entente: 1,
  id: "toy",
  title: "Toy",
  actors: [
    {
      id: "a",
      name: "A",
      kind: "state",
      roles: ["party"],
      capability: { value: 1, source: "t", confidence: 1 },
    },
    {
      id: "b",
      name: "B",
      kind: "state",
      roles: ["party"],
      capability: { value: 1, source: "t", confidence: 1 },
    },
  ],
  issues: [
    {
      id: "x",
      name: "X",
      kind: "ordinal",
      options: ["lo", "lo2", "mid", "hi2", "hi"].map((id) => ({ id, label: id })),
      statusQuo: "mid",
    },
  ],
  positions: [
    {
      actor: "a",
      issue: "x",
      ideal: "lo",
      salience: 1,
      redLine: { reject: ["hi2", "hi"] },
      source: "t",
      confidence: 1,
    },
    {
      actor: "b",
      issue: "x",
      ideal: "hi",
      salience: 1,
      redLine: { reject: ["lo", "lo2"] },
      source: "t",
      confidence: 1,
    },
  ],
  mechanisms: [],
} as unknown as Scenario;

describe("agreementQueries", () => {
  const q = agreementQueries(scenario);
  it("says a zone exists and counts exactly one package (worked by hand above)", () => {
    expect(q.existsAcceptable()).toEqual({ exists: true, exact: true });
    expect(q.count()).toMatchObject({ exact: true, lower: 1, upper: 1, total: 5 });
  });
  it("finds no Nash package when nobody can strictly gain", () => {
    expect(q.nashPackage().package).toBeNull();
  });
  it("answers yes/no per actor for a proposal, and rejects an unknown option with a typed error", () => {
    expect(q.wouldEachAccept({ x: "lo2" })).toEqual([
      { actor: "a", accepts: true },
      { actor: "b", accepts: false },
    ]);
    expect(() => q.wouldEachAccept({ x: "nope" })).toThrow(AgreementError);
  });
});

describe("agreementQueries on numbers off the grid", () => {
  // Personnel 0..1,000,000 in steps of 50,000: the grid point nearest 625,001, 630,000 and 649,999
  // is 650,000, so judging on it (the bug of issue 14) accepted them under the red line "at least 650,000".
  const personnel = {
    ...scenario,
    issues: [
      { id: "n", name: "Personnel", kind: "numeric", unit: "persons", min: 0, max: 1_000_000, step: 50_000 },
    ],
    positions: [
      {
        actor: "a",
        issue: "n",
        ideal: 1_000_000,
        salience: 1,
        redLine: { atLeast: 650_000 },
        source: "t",
        confidence: 1,
      },
      { actor: "b", issue: "n", ideal: 0, salience: 1, source: "t", confidence: 1 },
    ],
    actors: scenario.actors.map((a) => ({ ...a, batna: 0 })),
  } as unknown as Scenario;
  const q = agreementQueries(personnel);
  it("rejects every value below a red line of 650,000, however near the grid point above", () => {
    for (const n of [625_001, 630_000, 649_999, 649_999.5])
      expect(q.wouldEachAccept({ n })[0], String(n)).toEqual({ actor: "a", accepts: false });
    for (const n of [650_000, 650_001, 675_000])
      expect(q.wouldEachAccept({ n })[0], String(n)).toEqual({ actor: "a", accepts: true });
  });
});
