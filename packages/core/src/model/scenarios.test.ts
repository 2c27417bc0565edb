import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { compileMechanism, isWinning } from "../power/index.js";
import type { Issue, IssueValue } from "./issue.js";
import { parseScenario } from "./parse.js";
import type { RedLine } from "./position.js";
import type { Scenario } from "./scenario.js";

// The three scenarios shipped in the repository's scenarios/ folder (read from disk on purpose:
// these tests guard the files users open, not a copy).
const folder = new URL("../../../../scenarios/", import.meta.url);
const names = ["ukraine-security-guarantees", "istanbul-2022", "minsk-ii"] as const;

function load(name: string): Scenario {
  const file = `${name}.yaml`;
  const r = parseScenario(readFileSync(new URL(file, folder), "utf8"), file);
  if (!r.ok) throw new Error(r.errors.map((e) => `${e.file}:${e.line}:${e.column} ${e.message}`).join("\n"));
  return r.scenario;
}
const scenarios = Object.fromEntries(names.map((n) => [n, load(n)])) as Record<
  (typeof names)[number],
  Scenario
>;

// The seed articles (in /work/shared/seeds/, not in the repository), cited by what a reader can look
// up: the title, with the date and outlet where the article gives them — never the seed's file name.
const SEED_TITLES = [
  "Russia Emphasizes Inclusion in Ukraine Security Talks",
  "Russia-Ukraine Summit Date Announced",
  "Russia Open to Negotiating Security Assurances for Ukraine",
  "Putin's remarks on US–Russian trust",
  "Russia demands veto power over Western security guarantees for Ukraine",
];

/** A source is traceable when it names a seed article by its title or carries a year (a dated statement or treaty). */
function traceable(source: string): boolean {
  return SEED_TITLES.some((t) => source.includes(t)) || /\b(19|20)\d\d\b/.test(source);
}

/** Citations of a seed by its file name ("seed 004", "002_79978099feef3b09.txt"): a reader cannot look them up. */
function seedFileNames(text: string): string[] {
  return [...text.matchAll(/\b\d{3}_[0-9a-f]{16}\.txt\b|\bseed \d{3}\b/gi)].map((m) => m[0]);
}

/** Position of a value along its issue: the option index, or the number itself. */
function rank(issue: Issue, v: IssueValue): number {
  return issue.kind === "numeric" ? Number(v) : issue.options.findIndex((o) => o.id === v);
}

/** Whether `v` lies outside what the red line accepts (written independently of the utility engine). */
function crosses(issue: Issue, line: RedLine, v: IssueValue): boolean {
  if (line.reject?.includes(String(v))) return true;
  if (line.atLeast !== undefined && rank(issue, v) < rank(issue, line.atLeast)) return true;
  if (line.atMost !== undefined && rank(issue, v) > rank(issue, line.atMost)) return true;
  return false;
}

describe.each(names)("scenario %s", (name) => {
  const s = scenarios[name];
  const issueById = new Map(s.issues.map((i) => [i.id, i]));

  it("validates against the model with no errors", () => {
    expect(s.id).toBe(name);
  });

  it("gives every position a traceable source and a confidence above 0", () => {
    for (const p of s.positions) {
      expect(traceable(p.source), `${p.actor} × ${p.issue}: ${p.source}`).toBe(true);
      expect(p.confidence).toBeGreaterThan(0);
    }
  });

  it("never cites a seed article by its file name, in a source or anywhere else in the file", () => {
    const text = readFileSync(new URL(`${name}.yaml`, folder), "utf8");
    expect(seedFileNames(text)).toEqual([]);
  });

  it("gives positions marked thin a low confidence (at most 0.4)", () => {
    const thin = s.positions.filter((p) => /\bthin\b/i.test(p.note ?? ""));
    for (const p of thin) expect(p.confidence, `${p.actor} × ${p.issue}`).toBeLessThanOrEqual(0.4);
  });

  it("never puts an actor's ideal beyond its own red line", () => {
    for (const p of s.positions) {
      const issue = issueById.get(p.issue)!;
      if (p.redLine) expect(crosses(issue, p.redLine, p.ideal), `${p.actor} × ${p.issue}`).toBe(false);
    }
  });

  it("labels capabilities with a source and a confidence of at most 0.6", () => {
    for (const a of s.actors) {
      expect(a.capability.source.length, a.id).toBeGreaterThan(10);
      expect(a.capability.confidence, a.id).toBeLessThanOrEqual(0.6);
    }
  });

  it("labels every support figure as a judgement with a confidence of at most 0.5", () => {
    for (const m of s.mechanisms)
      for (const sup of m.support) {
        expect(sup.source, `${m.id}: ${sup.guarantor} vs ${sup.against}`).toMatch(/^Judgement/);
        expect(sup.confidence).toBeLessThanOrEqual(0.5);
      }
  });

  it("gives each mechanism one support figure per guarantor and potential violator", () => {
    for (const m of s.mechanisms) {
      const against = [...new Set(m.support.map((x) => x.against))];
      const keys = m.support.map((x) => `${x.guarantor}>${x.against}`);
      expect(new Set(keys).size, m.id).toBe(keys.length);
      expect(keys.length, m.id).toBe(m.guarantors.length * against.length);
    }
  });
});

it("no copy of a scenario kept as a test fixture cites a seed article by its file name", () => {
  const fixture = new URL("../forecast/fixtures/ukraine-monte-carlo.yaml", import.meta.url);
  expect(seedFileNames(readFileSync(fixture, "utf8"))).toEqual([]);
});

describe("default scenario (Ukraine security guarantees)", () => {
  const s = scenarios["ukraine-security-guarantees"];
  const ideal = (actor: string, issue: string) =>
    s.positions.find((p) => p.actor === actor && p.issue === issue)?.ideal;

  it("has the actors the issue names, with UN and OSCE as monitors and the UAE as mediator", () => {
    const ids = s.actors.map((a) => a.id);
    expect(ids).toEqual(expect.arrayContaining(["ru", "ua", "us", "uk", "fr", "cn", "de", "eu", "tr"]));
    const roles = (id: string) => s.actors.find((a) => a.id === id)?.roles ?? [];
    expect(roles("un")).toContain("monitor");
    expect(roles("osce")).toContain("monitor");
    expect(roles("uae")).toContain("mediator");
  });

  it("has at least ten issues, including numeric force limits", () => {
    expect(s.issues.length).toBeGreaterThanOrEqual(10);
    expect(s.issues.filter((i) => i.kind === "numeric").map((i) => i.id)).toEqual([
      "force-ceiling",
      "tank-ceiling",
    ]);
  });

  it("records Russia's April 2022 force-limit figures (85,000 personnel, 342 tanks)", () => {
    // Draft treaty of 15 April 2022 as published by the New York Times, June 2024.
    expect(ideal("ru", "force-ceiling")).toBe(85000);
    expect(ideal("ru", "tank-ceiling")).toBe(342);
  });

  it("compares the five activation rules the talks name", () => {
    const byId = new Map(s.mechanisms.map((m) => [m.id, m]));
    expect(byId.get("unanimity-incl-russia")).toMatchObject({
      rule: { type: "unanimity" },
      accusedVote: "votes",
    });
    expect(byId.get("unanimity-excl-accused")).toMatchObject({
      rule: { type: "unanimity" },
      accusedVote: "abstains",
    });
    expect(byId.get("qualified-majority")?.rule).toEqual({ type: "k-of-n", share: 0.66 });
    expect(byId.get("individual-article-5")?.rule).toEqual({ type: "k-of-n", k: 1 });
    // UN Charter Art. 23 and 27(3): 15 members, 9 votes including the five permanent members'.
    const unsc = byId.get("unsc-chapter-vii")!;
    expect(unsc.guarantors).toHaveLength(15);
    expect(unsc.rule).toEqual({
      type: "and",
      rules: [
        { type: "veto-set", members: ["us", "uk", "fr", "cn", "ru"] },
        { type: "k-of-n", k: 9 },
      ],
    });
    expect(unsc.accusedVote).toBe("votes");
  });

  // Independent oracle: every coalition of the players, checked against the rule as the docs state it.
  const everyCoalition = (m: string, accused: string, wins: (yes: Set<string>) => boolean) => {
    const game = compileMechanism(s.mechanisms.find((x) => x.id === m)!, accused);
    const n = game.players.length;
    const wrong: string[] = [];
    for (let mask = 0; mask < 1 << n; mask++) {
      const member = game.players.map((_, i) => (mask & (1 << i)) !== 0);
      const yes = new Set(game.players.filter((_, i) => member[i]));
      if (isWinning(game, member) !== wins(yes)) wrong.push([...yes].join(","));
    }
    expect(wrong, `${m} vs ${accused}`).toEqual([]);
    return n;
  };

  it("encodes the Security Council route as 9 of 15 with all five permanent members (2^15 coalitions)", () => {
    const p5 = ["us", "uk", "fr", "cn", "ru"];
    const n = everyCoalition("unsc-chapter-vii", "ru", (yes) => yes.size >= 9 && p5.every((p) => yes.has(p)));
    expect(n).toBe(15); // the accused permanent member still votes (Charter Art. 27(3), Chapter VII)
  });

  it("encodes two-thirds as 4 of the 6 non-accused guarantors, and 5 of 7 when Ukraine is accused", () => {
    expect(everyCoalition("qualified-majority", "ru", (yes) => yes.size >= 4)).toBe(6);
    expect(everyCoalition("qualified-majority", "ua", (yes) => yes.size >= 5)).toBe(7);
  });

  it("lets Russia block a response against itself only under unanimity including Russia", () => {
    everyCoalition("unanimity-incl-russia", "ru", (yes) => yes.size === 7);
    everyCoalition("unanimity-excl-accused", "ru", (yes) => yes.size === 6 && !yes.has("ru"));
    everyCoalition("individual-article-5", "ru", (yes) => yes.size >= 1);
  });

  it("keeps the seven guarantor-role actors that the rule-variant mechanisms use", () => {
    const guarantors = s.actors.filter((a) => a.roles.includes("guarantor")).map((a) => a.id);
    for (const id of [
      "unanimity-incl-russia",
      "unanimity-excl-accused",
      "qualified-majority",
      "individual-article-5",
    ])
      expect(s.mechanisms.find((m) => m.id === id)?.guarantors.toSorted()).toEqual(guarantors.toSorted());
  });
});

describe("Istanbul 2022", () => {
  const s = scenarios["istanbul-2022"];
  const ideal = (actor: string, issue: string) =>
    s.positions.find((p) => p.actor === actor && p.issue === issue)?.ideal;

  it("records both sides' force limits from the April 2022 draft", () => {
    // Draft treaty of 15 April 2022 as published by the New York Times, June 2024.
    expect([ideal("ua", "force-personnel"), ideal("ru", "force-personnel")]).toEqual([250000, 85000]);
    expect([ideal("ua", "tanks"), ideal("ru", "tanks")]).toEqual([800, 342]);
  });

  it("models the three-day consultation and Russia's unanimity clause with Belarus", () => {
    for (const m of s.mechanisms) expect(m.consultationHours).toBe(72);
    const russian = s.mechanisms.find((m) => m.id === "april-draft-russia")!;
    expect(russian).toMatchObject({ rule: { type: "unanimity" }, accusedVote: "votes" });
    expect(russian.guarantors.toSorted()).toEqual(["by", "cn", "fr", "ru", "uk", "us"]);
  });
});

describe("Minsk II", () => {
  const s = scenarios["minsk-ii"];

  it("names the signatories as the Package of Measures does", () => {
    const names = s.actors.map((a) => a.name);
    expect(names).toContain("Representatives of certain areas of the Donetsk and Luhansk regions");
    expect(s.actors.find((a) => a.id === "osce")?.roles).toContain("monitor");
  });

  it("carries the Package of Measures as its agreement block", () => {
    expect(s.agreement?.id).toBe("minsk-ii");
    expect(s.agreement?.zone).toBe("Europe/Kyiv");
  });

  it("covers the Package's points on the table in 2015", () => {
    expect(s.issues.map((i) => i.id)).toEqual([
      "ceasefire",
      "weapons-withdrawal",
      "monitoring",
      "local-elections",
      "amnesty",
      "constitutional-reform",
      "border-control",
      "foreign-formations",
    ]);
  });
});
