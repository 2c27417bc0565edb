import { describe, expect, it } from "vitest";
import { degenerateNashCase, zeroSalienceCase } from "../agreement/fixtures/minimal-cases.js";
import { parseScenario } from "./parse.js";

const errorsOf = (text: string) => {
  const r = parseScenario(text, "case.yaml");
  return r.ok
    ? []
    : r.errors.map((e) => ({ at: `${e.line}:${e.column} ${e.path}`, code: e.code, message: e.message }));
};

describe("checks that agree and analyze rely on", () => {
  it("refuses a party whose every salience is 0, at file:line:column of that salience", () => {
    const errors = errorsOf(zeroSalienceCase);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ at: "11:47 positions[1].salience", code: "inconsistent" });
    expect(errors[0]!.message).toMatch(/party 'b' cares about no issue/);
  });
  it("refuses a party whose only utility table scores every option 0, at the table", () => {
    const text = degenerateNashCase.replace(
      "ideal: y, salience: 1",
      "ideal: y, salience: 1, utility: { table: { x: 0 } }",
    );
    expect(errorsOf(text)).toMatchObject([{ at: "11:59 positions[1].utility", code: "inconsistent" }]);
  });
  it("accepts an all-zero mediator: only parties and guarantors must accept a package", () => {
    const text = zeroSalienceCase.replace(
      "id: b, name: B, kind: state, roles: [party]",
      "id: b, name: B, kind: state, roles: [mediator]",
    );
    expect(errorsOf(text)).toEqual([]);
  });
  it("refuses atLeast and atMost on a categorical issue, whose options have no order", () => {
    const text = degenerateNashCase.replace(
      "ideal: x, salience: 1",
      "ideal: x, salience: 1, redLine: { atLeast: y, atMost: z }",
    );
    const errors = errorsOf(text);
    expect(errors.map((e) => e.at)).toEqual([
      "10:70 positions[0].redLine.atLeast",
      "10:81 positions[0].redLine.atMost",
    ]);
    expect(errors[0]!.message).toMatch(/no order.*'reject'/);
  });
});
