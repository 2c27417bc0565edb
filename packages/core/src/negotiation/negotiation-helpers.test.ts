import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseScenario } from "../model/parse.js";
import { NegotiationInputError } from "./input-error.js";
import { checkScenarioPackage, delegationActors, partyActors } from "./package-check.js";
import { mergePrivate, validatePrivate } from "./private-positions.js";
import { engineOracle } from "./zone.js";

const fixture = new URL("../model/fixtures/small.yaml", import.meta.url);
const parsed = parseScenario(readFileSync(fixture, "utf8"), "small.yaml");
if (!parsed.ok) throw new Error("fixture small.yaml must be valid");
const small = parsed.scenario;

describe("mergePrivate", () => {
  it("replaces an actor's public position on an issue and its BATNA, leaving the others", () => {
    const merged = mergePrivate(small, [
      {
        actorId: "B",
        body: {
          positions: [{ issue: "ceiling", ideal: 40, salience: 0.9, source: "private", confidence: 1 }],
          batna: 0.3,
        },
      },
    ]);
    const onCeiling = merged.positions.filter((p) => p.issue === "ceiling");
    // small.yaml: A, B, C each hold one public position on ceiling; B's (ideal 30) is replaced.
    expect(onCeiling.map((p) => [p.actor, p.ideal])).toEqual([
      ["A", 90],
      ["C", 50],
      ["B", 40],
    ]);
    expect(merged.actors.find((a) => a.id === "B")!.batna).toBe(0.3);
    expect(merged.positions.length).toBe(small.positions.length);
  });
});

describe("validatePrivate", () => {
  it("locates an unknown option in the caller's body", () => {
    const body = {
      positions: [{ issue: "status", ideal: "nowhere", salience: 0.5, source: "p", confidence: 1 }],
    };
    try {
      validatePrivate(small, "B", body);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(NegotiationInputError);
      expect((e as NegotiationInputError).issues[0]!.path).toMatch(/^body\.positions\[0\]/);
    }
  });
});

describe("checkScenarioPackage", () => {
  it("accepts a package settling every issue and names each missing or unknown one", () => {
    expect(() => checkScenarioPackage(small, { ceiling: 50, status: "partner" })).not.toThrow();
    try {
      checkScenarioPackage(small, { ceiling: 500, extra: "x" });
      expect.unreachable();
    } catch (e) {
      expect((e as NegotiationInputError).issues.map((i) => i.path)).toEqual([
        "body.package.extra",
        "body.package.ceiling",
        "body.package.status",
      ]);
    }
  });
  it("lists the parties whose acceptance a zone needs", () => {
    expect(partyActors(small)).toEqual(["A", "B"]);
  });
  it("lets every participant have a delegation: parties, guarantors and mediators, not monitors or observers", () => {
    const withOthers = {
      ...small,
      actors: [
        ...small.actors,
        { ...small.actors[0]!, id: "G", roles: ["guarantor" as const] },
        { ...small.actors[0]!, id: "M", roles: ["monitor" as const] },
        { ...small.actors[0]!, id: "O", roles: ["observer" as const] },
      ],
    };
    expect(delegationActors(withOthers)).toEqual(["A", "B", "C", "G"]);
  });
});

describe("engineOracle", () => {
  it("finds no zone when no party is at the table", () => {
    expect(engineOracle.zone(small, []).count).toEqual({ lower: 0, upper: 0, exact: true });
  });
});
