import { readFileSync } from "node:fs";
import { parseScenario, type Scenario } from "@entente/core";
import { columnLetter, SheetError, type Table, tablesToXlsx, xlsxToTables } from "@entente/sheets";
import { describe, expect, it } from "vitest";
import { scenarioToTables, tablesToScenario } from "./scenario-sheets.js";

function load(name: string): Scenario {
  const url = new URL(`../../../../scenarios/${name}.yaml`, import.meta.url);
  const r = parseScenario(readFileSync(url, "utf8"), `${name}.yaml`);
  if (!r.ok) throw new Error("the shipped scenario must parse");
  return r.scenario;
}

function problemsOf(tables: Table[]) {
  try {
    tablesToScenario(tables);
  } catch (e) {
    if (e instanceof SheetError) return e.problems;
    throw e;
  }
  throw new Error("expected the workbook to be refused");
}

describe("scenario ↔ workbook", () => {
  it("the default scenario survives export xlsx → import xlsx unchanged (compared as parsed scenarios)", async () => {
    const original = load("ukraine-security-guarantees");
    const tables = await xlsxToTables(await tablesToXlsx(scenarioToTables(original), ["about"]));
    expect(tables.map((t) => t.name)).toEqual([
      "scenario",
      "actors",
      "issues",
      "options",
      "positions",
      "mechanisms",
      "agreement",
      "about",
    ]);
    expect(tablesToScenario(tables)).toEqual(original);
  });

  it("so does Minsk II with its agreement block", async () => {
    const original = load("minsk-ii");
    expect(tablesToScenario(await xlsxToTables(await tablesToXlsx(scenarioToTables(original))))).toEqual(
      original,
    );
  });

  it("writes one row per record with opened objects and word lists", () => {
    const actors = scenarioToTables(load("ukraine-security-guarantees")).find((t) => t.name === "actors")!;
    expect(actors.headers.slice(0, 6)).toEqual([
      "id",
      "name",
      "kind",
      "roles[]",
      "capability.value",
      "capability.source",
    ]);
    expect(actors.rows[0]!.slice(0, 4)).toEqual(["ru", "Russian Federation", "state", "party, guarantor"]);
  });

  it("names the sheet, row and column of a value the scenario cannot take", () => {
    const tables = scenarioToTables(load("ukraine-security-guarantees"));
    const positions = tables.find((t) => t.name === "positions")!;
    const col = positions.headers.indexOf("salience");
    positions.rows[4]![col] = "high";
    const problems = problemsOf(tables);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ sheet: "positions", row: 6, column: columnLetter(col) });
    expect(problems[0]!.message).toMatch(/^positions\[4\]\.salience: /);
  });

  it("names the option row of an unknown option id, and a cell whose JSON cannot be read", () => {
    const tables = scenarioToTables(load("ukraine-security-guarantees"));
    const positions = tables.find((t) => t.name === "positions")!;
    positions.rows[0]![positions.headers.indexOf("ideal")] = "no-such-option";
    const mechanisms = tables.find((t) => t.name === "mechanisms")!;
    const json = mechanisms.headers.findIndex((h) => h.endsWith("{}"));
    const p1 = problemsOf(tables);
    expect(p1[0]).toMatchObject({
      sheet: "positions",
      row: 2,
      column: columnLetter(positions.headers.indexOf("ideal")),
    });
    expect(p1[0]!.message).toContain("unknown option 'no-such-option'");
    mechanisms.rows[1]![json] = "{not json";
    const p2 = problemsOf(tables);
    expect(p2[0]).toMatchObject({ sheet: "mechanisms", row: 3, column: columnLetter(json) });
    expect(p2[0]!.message).toMatch(/must hold JSON/);
  });
});
