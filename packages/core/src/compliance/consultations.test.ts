import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { agreementSchema } from "../model/agreement.js";
import { parseScenario } from "../model/parse.js";
import { evaluateCompliance } from "./evaluate.js";
import { ev, Z } from "./fixtures/test-agreement.js";
import { mechanismSpec } from "./mechanisms.js";
import type { Consultation } from "./types.js";

// The default Ukraine scenario: its guarantors and the alternative rules its "guarantee-rule" issue lists.
const file = new URL("../../../../scenarios/ukraine-security-guarantees.yaml", import.meta.url);
const parsed = parseScenario(readFileSync(file, "utf8"), "ukraine-security-guarantees.yaml");
if (!parsed.ok) throw new Error(parsed.errors.map((e) => e.message).join("\n"));
const guarantors = parsed.scenario.actors.filter((a) => a.roles.includes("guarantor")).map((a) => a.id);

// The scenario's own mechanisms: every alternative rule it states for activating the guarantee.
const mechanisms = new Map(parsed.scenario.mechanisms.map((m) => [m.id, mechanismSpec(m)]));

const agreementFor = (mechanism: string) =>
  agreementSchema.parse({
    id: "ceasefire-deal",
    title: "Ceasefire with a guarantee",
    source: "test",
    commitments: [
      {
        id: "ceasefire",
        title: "Ceasefire",
        obligors: ["ua", "ru"],
        kind: "ongoing",
        indicator: { metric: "ceasefire-violations" },
        monitors: ["osce"],
        onBreach: { mechanism },
        source: "test",
      },
    ],
  });

// A verified breach by Russia at 10:00Z opens a 72-hour consultation, deadline 4 Jan 10:00Z.
const breach = ev({
  kind: "report",
  type: "ceasefire-violation",
  time: "2026-01-01T10:00Z",
  party: "ru",
  confidence: 0.95,
});
const vote = (by: string, v: "yes" | "no", hour: number) =>
  ev({
    kind: "vote",
    by,
    time: `2026-01-02T${String(hour).padStart(2, "0")}:00Z`,
    consultation: "ceasefire:ru:1",
    vote: v,
  });
const votes = [
  vote("us", "yes", 9),
  vote("uk", "yes", 10),
  vote("fr", "yes", 11),
  vote("de", "yes", 12),
  vote("tr", "no", 13),
  vote("cn", "no", 14),
  vote("ru", "no", 15),
];

function run(rule: string, events = votes, asOf = "2026-01-05T00:00Z"): Consultation {
  const m = mechanisms.get(rule);
  if (!m) throw new Error(`the Ukraine scenario has no mechanism '${rule}'`);
  const r = evaluateCompliance(agreementFor(rule), [breach, ...events], Z(asOf), { mechanisms: [m] });
  expect(r.consultations).toHaveLength(1);
  return r.consultations[0]!;
}

describe("a verified breach by Russia in the Ukraine scenario", () => {
  it("has the scenario's seven guarantors, Russia among them, and five alternative rules", () => {
    expect(guarantors.sort()).toEqual(["cn", "de", "fr", "ru", "tr", "uk", "us"]);
    expect([...mechanisms.keys()].sort()).toEqual([
      "individual-article-5",
      "qualified-majority",
      "unanimity-excl-accused",
      "unanimity-incl-russia",
      "unsc-chapter-vii",
    ]);
  });

  it("under unanimity of all guarantors including Russia opens a consultation that says in one sentence it cannot activate", () => {
    const c = run("unanimity-incl-russia", [], "2026-01-01T12:00Z");
    expect(c).toMatchObject({
      status: "open",
      accused: "ru",
      deadline: Z("2026-01-04T10:00Z"),
      evidence: [breach.id],
    });
    expect(c.vetoPlayers).toContain("ru");
    expect(c.summary).toBe(
      "This consultation cannot activate a response unless ru votes against itself, because ru is a veto player under unanimity of all guarantors (the accused voting) and is the accused party.",
    );
    expect(c.summary.split(". ")).toHaveLength(1);
  });

  it("under unanimity including Russia ends blocked by Russia's no (4 yes, 3 no recorded)", () => {
    expect(run("unanimity-incl-russia")).toMatchObject({
      status: "blocked",
      closedAt: Z("2026-01-04T10:00Z"),
    });
    expect(run("unanimity-incl-russia").summary).toMatch(/ru, the accused, is a veto player .* and voted no/);
  });

  it("under unanimity with the accused not voting ends blocked by the no votes of China and Türkiye", () => {
    // Six voters (Russia recused) must all say yes; cn and tr voted no.
    const c = run("unanimity-excl-accused");
    expect(c.status).toBe("blocked");
    expect(c.summary).toMatch(/veto player\(s\) tr, cn voted no/);
  });

  it("under two-thirds of the guarantors, the accused not voting, activates on the fourth yes", () => {
    // ceil(0.66 × 6 voters) = ceil(3.96) = 4 yes votes: us, uk, fr, de — reached with de's vote at 12:00Z.
    expect(run("qualified-majority")).toMatchObject({
      status: "activated",
      closedAt: Z("2026-01-02T12:00Z"),
    });
  });

  it("under two-thirds with only three yes votes lapses at the deadline", () => {
    const c = run("qualified-majority", votes.slice(0, 3));
    expect(c).toMatchObject({ status: "lapsed", closedAt: Z("2026-01-04T10:00Z") });
    expect(c.summary).toMatch(/3 yes vote\(s\) of 7 guarantors/);
  });

  it("under individual action (Article 5-like) activates on the first yes", () => {
    expect(run("individual-article-5")).toMatchObject({
      status: "activated",
      closedAt: Z("2026-01-02T09:00Z"),
    });
  });

  it("under a UN Security Council decision ends blocked by the no votes of China and Russia", () => {
    // Veto set us, uk, fr, cn, ru and 9 of 15; de and tr are not Council members, so their votes
    // are ignored with a warning. ru is the accused and votes under this rule.
    const c = run("unsc-chapter-vii");
    expect(c.vetoPlayers.sort()).toEqual(["cn", "fr", "ru", "uk", "us"]);
    expect(c).toMatchObject({ status: "blocked" });
    expect(c.summary).toMatch(/ru, the accused, is a veto player/);
  });

  it("ignores a vote after the consultation closed, with a warning", () => {
    const late = vote("tr", "yes", 23);
    const options = { mechanisms: [mechanisms.get("qualified-majority")!] };
    const agreement = agreementFor("qualified-majority");
    const r = evaluateCompliance(
      agreement,
      [breach, ...votes.slice(0, 3), late],
      Z("2026-01-06T00:00Z"),
      options,
    );
    expect(r.consultations[0]!.votes.tr).toBe("yes");
    const after = ev({
      kind: "vote",
      by: "tr",
      time: "2026-01-05T00:00Z",
      consultation: "ceasefire:ru:1",
      vote: "yes",
    });
    const r2 = evaluateCompliance(
      agreement,
      [breach, ...votes.slice(0, 3), after],
      Z("2026-01-06T00:00Z"),
      options,
    );
    expect(r2.consultations[0]!.status).toBe("lapsed");
    expect(r2.warnings.map((w) => w.message)).toContain("consultation 'ceasefire:ru:1' is closed");
  });
});
