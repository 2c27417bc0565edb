import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseScenario } from "../model/parse.js";
import { draftAgreement } from "./agreement-draft.js";
import { NegotiationInputError } from "./input-error.js";
import { checkScenarioPackage } from "./package-check.js";
import { validatePrivate } from "./private-positions.js";
import { ratePackages } from "./rating.js";

const file = new URL("../../../../scenarios/ukraine-security-guarantees.yaml", import.meta.url);
const parsed = parseScenario(readFileSync(file, "utf8"), "ukraine-security-guarantees.yaml");
if (!parsed.ok) throw new Error("the default scenario must be valid");
const s = parsed.scenario;
/** The first option of every issue (numbers at their maximum), with overrides. */
const pkg = (over: Record<string, string | number>) =>
  Object.fromEntries(
    s.issues.map((i) => [i.id, over[i.id] ?? (i.kind === "numeric" ? i.max : i.options[0]!.id)]),
  ) as Record<string, string | number>;
const problem = (f: () => void) => {
  try {
    f();
  } catch (e) {
    if (e instanceof NegotiationInputError) return e;
    throw e;
  }
  throw new Error("expected a NegotiationInputError");
};

describe("packages of the default scenario, in words (issue 18)", () => {
  it("accepts Russia's stated figures off the analysis grid: 85,000 personnel and 342 tanks", () => {
    // Steps are 50,000 personnel and 100 tanks (for analyses); the API takes any value in range.
    expect(() =>
      checkScenarioPackage(s, pkg({ "force-ceiling": 85_000, "tank-ceiling": 342 })),
    ).not.toThrow();
  });

  it("names the issue and its range, never a field path, when a value is out of range", () => {
    const e = problem(() => checkScenarioPackage(s, pkg({ "tank-ceiling": 5_000 })));
    expect(e.message).toBe("Ceiling on Ukraine's tanks: 5,000 is above the range 0–2,000 tanks");
    expect(e.issues).toEqual([{ path: "body.package.tank-ceiling", message: e.message }]);
    const two = problem(() => checkScenarioPackage(s, pkg({ "tank-ceiling": -50, ceasefire: "never" })));
    expect(two.message).toMatch(
      /^Ceasefire and its sequencing: "never" is not one of its options \(.*\) \(and 1 more\)$/,
    );
    expect(two.issues[1]!.message).toBe("Ceiling on Ukraine's tanks: -50 is below the range 0–2,000 tanks");
  });

  it("names the issue in a private position's error instead of its index", () => {
    const e = problem(() =>
      validatePrivate(s, "ru", {
        positions: [
          {
            issue: "tank-ceiling",
            ideal: 0,
            salience: 1,
            source: "test source",
            confidence: 1,
            redLine: { atMost: 9_999 },
          },
        ],
      } as never),
    );
    expect(e.message).toMatch(/^Your position on Ceiling on Ukraine's tanks, red line \(at most\): /);
    expect(e.issues[0]!.path).toBe("body.positions[0].redLine.atMost");
  });
});

describe("ratePackages", () => {
  it("rates against the delegation's own private positions and names each red line crossed", () => {
    const own = {
      positions: [
        {
          issue: "tank-ceiling",
          ideal: 0,
          salience: 1,
          source: "test source",
          confidence: 1,
          redLine: { atMost: 500 },
        },
      ],
      batna: 0.2,
    };
    const [high, low] = ratePackages(s, "ru", own as never, [
      pkg({ "tank-ceiling": 800 }),
      pkg({ "tank-ceiling": 342 }),
    ]);
    // ru's public red lines on other issues still apply (the first options cross some): only tanks is ours.
    const tanks = (r: typeof high) => r!.redLines.filter((x) => x.issue === "tank-ceiling");
    expect(high!.redLines.length).toBeGreaterThan(1);
    expect(tanks(high).map((r) => r.message)).toEqual([
      "Ceiling on Ukraine's tanks: 800 tanks is above your red line (at most 500 tanks)",
    ]);
    expect(high!.acceptable).toBe(false);
    expect(tanks(low)).toEqual([]);
    expect(low!.batna).toBe(0.2);
    // Fewer tanks is closer to ru's private ideal of 0 on that issue, all else equal.
    expect(low!.utility).toBeGreaterThan(high!.utility);
  });
});

describe("draftAgreement", () => {
  it("drafts the template's commitments with the milestones of the options the package picks", () => {
    const d = draftAgreement(s, pkg({ withdrawal: "contact-line-dmz" }));
    expect(d.milestones).toContain("withdrawal.contact-line-dmz");
    expect(d.agreement.commitments.map((c) => c.id)).toEqual(s.agreement!.commitments.map((c) => c.id));
  });

  it("refuses edited commitments that do not fit the scenario, located in the body", () => {
    const [first] = s.agreement!.commitments;
    const e = problem(() => draftAgreement(s, pkg({}), [{ ...first, obligors: ["atlantis"] }]));
    expect(e.issues[0]!.path).toMatch(/^body\.commitments\[0\]/);
  });
});
