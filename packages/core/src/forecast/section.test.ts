import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseScenario } from "../model/parse.js";
import { axisValue } from "../utility/issue-axis.js";
import { buildForecastSection } from "./section.js";

const text = readFileSync(
  new URL("../../../../scenarios/ukraine-security-guarantees.yaml", import.meta.url),
  "utf8",
);
const parsed = parseScenario(text, "ukraine-security-guarantees.yaml");
if (!parsed.ok) throw new Error("default scenario does not parse");
const scenario = parsed.scenario;

describe("buildForecastSection on the default scenario", () => {
  const section = buildForecastSection(scenario, { runs: 40, seed: 3 });

  it("forecasts every issue with every model and is JSON-able", () => {
    expect(section.issues.map((i) => i.issue)).toEqual(scenario.issues.map((i) => i.id));
    for (const i of section.issues) {
      expect(Object.keys(i.forecasts).sort()).toEqual([
        "compromise",
        "ensemble",
        "eu",
        "influence",
        "median",
        "nash",
        "smp",
      ]);
    }
    expect(JSON.parse(JSON.stringify(section))).toEqual(section);
  });

  it("explains each forecast by the actors holding positions on it", () => {
    for (const i of section.issues) {
      const holders = scenario.positions.filter((p) => p.issue === i.issue).map((p) => p.actor);
      expect(i.pulls.map((p) => p.actor).sort()).toEqual([...holders].sort());
    }
  });

  it("keeps every dynamic trajectory's first round at the actors' stated ideals", () => {
    const ceasefire = section.issues.find((i) => i.issue === "ceasefire")!;
    const smp = ceasefire.trajectories.smp!;
    expect(smp.rounds.length).toBe(ceasefire.forecasts.smp.rounds! + 1);
    const issue = scenario.issues.find((i) => i.id === "ceasefire")!;
    const ideals = smp.actors.map((a) => {
      const p = scenario.positions.find((x) => x.issue === "ceasefire" && x.actor === a)!;
      return axisValue(issue, p.ideal);
    });
    smp.rounds[0]!.forEach((x, k) => {
      expect(x).toBeCloseTo(ideals[k]!, 9);
    });
  });

  it("reports the Monte Carlo distribution with the seed it used", () => {
    // The headline defaults to the compromise model, as `entente forecast` (docs/forecast.md).
    expect(section.monteCarlo).toEqual({ runs: 40, seed: 3, model: "compromise" });
    for (const i of section.issues) {
      expect(i.distribution!.draws).toBe(40);
      if (i.kind !== "categorical") expect(i.distribution!.p05!).toBeLessThanOrEqual(i.distribution!.p95!);
    }
  });
});
