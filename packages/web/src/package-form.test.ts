import { checkScenarioPackage, NegotiationInputError } from "@entente/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { defaultPackage, issueControls, midpoint, readPackage } from "./package-form.js";
import { loadScenario } from "./test-scenarios.js";

const small = loadScenario("packages/core/src/model/fixtures/small.yaml");
const ukraine = loadScenario("scenarios/ukraine-security-guarantees.yaml");

describe("issueControls", () => {
  it("gives a number input for a numeric issue and a select for one with options", () => {
    // small.yaml: ceiling 0–100 personnel step 10; status with three options.
    expect(issueControls(small)).toEqual([
      {
        issue: "ceiling",
        label: "Force ceiling",
        kind: "number",
        min: 0,
        max: 100,
        step: 10,
        unit: "personnel",
      },
      {
        issue: "status",
        label: "Alignment",
        kind: "choice",
        options: [
          { value: "member", label: "Alliance member" },
          { value: "partner", label: "Partner" },
          { value: "neutral", label: "Neutral" },
        ],
      },
    ]);
  });
});

describe("defaultPackage", () => {
  it("starts from the status quo, else the middle of the range", () => {
    // ceiling has no status quo: middle of 0–100 on the step-10 grid is 50; status's status quo is partner.
    expect(defaultPackage(small)).toEqual({ ceiling: 50, status: "partner" });
  });
  it("snaps the middle to the grid", () => {
    // 0–100 step 30: the middle 50 is 1.67 steps, nearest grid point 2 steps = 60.
    expect(midpoint(0, 100, 30)).toBe(60);
    expect(midpoint(5, 6, 0)).toBe(5);
  });
  it("is a package the server accepts, for every scenario in the repository", () => {
    for (const s of [small, ukraine]) expect(() => checkScenarioPackage(s, defaultPackage(s))).not.toThrow();
  });
});

describe("readPackage agrees with the server's package check (checkScenarioPackage)", () => {
  // Raw form strings: valid option ids, near-miss ids, in- and out-of-range numbers, blanks.
  const rawValue = fc.oneof(
    fc.constantFrom("member", "partner", "neutral", "Member", "", " "),
    fc.integer({ min: -20, max: 120 }).map(String),
    fc.constantFrom("1e2", "abc", "50.5"),
  );
  it("accepts exactly the packages the server accepts (random forms, small.yaml)", () => {
    fc.assert(
      fc.property(rawValue, rawValue, (ceiling, status) => {
        const r = readPackage(small, { ceiling, status });
        let serverOk = true;
        if (r.ok) {
          try {
            checkScenarioPackage(small, r.package);
          } catch (e) {
            if (!(e instanceof NegotiationInputError)) throw e;
            serverOk = false;
          }
          expect(serverOk).toBe(true);
        } else {
          expect(r.errors.length).toBeGreaterThan(0);
          // Whatever the form rejected the server rejects too, as a package of the raw strings.
          const literal = {
            ceiling: Number.isFinite(Number(ceiling)) && ceiling.trim() ? Number(ceiling) : ceiling,
            status,
          };
          expect(() => checkScenarioPackage(small, literal)).toThrow(NegotiationInputError);
        }
      }),
      { seed: 7, numRuns: 300 },
    );
  });
  it("names the field in the server's own path style", () => {
    const r = readPackage(small, { ceiling: "150", status: "partner" });
    expect(r).toEqual({
      ok: false,
      errors: [{ path: "body.package.ceiling", message: "expected a number from 0 to 100 personnel" }],
    });
  });
});
