import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseScenario } from "../model/parse.js";
import { parseKtabCsv } from "./ktab-csv.js";
import { ktabToScenario, scenarioToYaml } from "./ktab-scenario.js";

const fixture = (name: string) =>
  readFileSync(new URL(`../../../../../shared/fixtures/ktab/${name}`, import.meta.url), "utf8");

describe("parseKtabCsv", () => {
  it("reads SOE-Pol-Comp.csv: 13 actors, 2 dimensions, positions and saliences as written", () => {
    const r = parseKtabCsv(fixture("SOE-Pol-Comp.csv"));
    if (!r.ok) throw new Error(r.issues[0]!.message);
    expect(r.scenario.dimensions).toEqual(["Policy", "Competitive"]);
    expect(r.scenario.actors.length).toBe(13);
    // Line 4 of the file: "LK,Li Keqiang, 60.2,45,44.7,65,41.3,"
    expect(r.scenario.actors[1]).toMatchObject({
      id: "LK",
      description: "Li Keqiang",
      influence: 60.2,
      positions: [45, 65],
      saliences: [44.7, 41.3],
      line: 4,
    });
  });

  it("reads quoted fields (dummyData_3Dim.csv)", () => {
    const r = parseKtabCsv(fixture("dummyData_3Dim.csv"));
    expect(r.ok && r.scenario.description).toBe("Dummy scenario to test reading format");
  });

  it("reports a bad number with its line, column and field path", () => {
    const text = "S,d,2,1,\nActor,Description,Influence,P,S\nA,a,10,50,40\nB,b,ten,60,40\n";
    const r = parseKtabCsv(text);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.issues[0]).toMatchObject({
        code: "ktab_number",
        line: 4,
        column: 5,
        path: "actors[1].influence",
      });
    }
  });

  it("rejects a position outside 0–100 and saliences summing above 100", () => {
    const text = "S,d,2,2,\nA,D,I,P1,S1,P2,S2\nA,a,10,150,40,1,1\nB,b,10,60,70,1,40\n";
    const r = parseKtabCsv(text);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.issues.map((i) => i.path)).toEqual(["actors[0].positions[0]", "actors[1].saliences"]);
    }
  });
});

describe("ktabToScenario", () => {
  it("makes a scenario that validates, with one numeric 0–100 issue per dimension", () => {
    const r = parseKtabCsv(fixture("SOE-Pol-Comp.csv"));
    if (!r.ok) throw new Error("fixture");
    const yaml = scenarioToYaml(ktabToScenario(r.scenario, "SOE-Pol-Comp.csv"), "imported");
    const parsed = parseScenario(yaml, "imported.yaml");
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors[0]));
    expect(parsed.scenario.issues.map((i) => i.kind)).toEqual(["numeric", "numeric"]);
    expect(parsed.scenario.positions.length).toBe(26);
    expect(parsed.scenario.positions[0]).toMatchObject({ actor: "XJ", ideal: 30, salience: 0.24 });
  });
});
