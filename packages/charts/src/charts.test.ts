import { describe, expect, it } from "vitest";
import {
  actorColourMap,
  agreementSpaceChart,
  distributionChart,
  OVERFLOW_COLOUR,
  PALETTE,
  powerChart,
  trustChart,
  wrapLabel,
} from "./index.js";
import { nodeDocument } from "./node-document.js";

const doc = nodeDocument();
const LONG = "Agreed limits on deployments and infrastructure near Russia's borders";

describe("distributionChart", () => {
  const html = distributionChart(doc, {
    id: "d",
    title: "NATO infrastructure",
    draws: 1000,
    bars: [
      { label: "Current posture", probability: 0.65 },
      { label: LONG, probability: 0.31, headline: true },
    ],
  });
  it("is an SVG in a figure with a caption, a one-sentence text alternative and the data as a table", () => {
    expect(html).toMatch(
      /^<figure class="chart" id="d"><figcaption>NATO infrastructure \(share of 1000 draws, %\)<\/figcaption>/,
    );
    expect(html).toContain(
      'role="img" aria-label="NATO infrastructure: across 1000 draws, Current posture is the likeliest outcome (65%); the headline forecast is',
    );
    expect(html).toContain("<td>65.0%</td>");
  });
  it("keeps long option labels whole, wrapped over lines", () => {
    const tspans = [...html.matchAll(/<tspan[^>]*>([^<]*)<\/tspan>/g)].map((m) => m[1]);
    expect(tspans.join(" ")).toContain(wrapLabel(LONG, 30).join(" "));
    expect(html).toContain("31% (headline)");
  });
});

describe("agreementSpaceChart", () => {
  it("marks each bargaining solution, solutions at one point sharing a label", () => {
    const html = agreementSpaceChart(doc, {
      id: "a",
      actorA: "Russia",
      actorB: "Ukraine",
      frontier: [
        { a: 40, b: 80 },
        { a: 70, b: 50 },
      ],
      noDeal: { a: 30, b: 20 },
      solutions: [
        { name: "Nash", a: 70, b: 50 },
        { name: "Utilitarian", a: 70, b: 50 },
        { name: "Egalitarian", a: 40, b: 80 },
      ],
    });
    expect(html).toContain(">Nash, Utilitarian<");
    expect(html).toContain(">Egalitarian<");
    expect(html).toContain(">no deal<");
    expect(html).toContain("Russia's utility (points out of 100)");
  });
});

describe("colours", () => {
  it("gives the first seven actors distinct palette colours and the rest the overflow grey", () => {
    const ids = Array.from({ length: 9 }, (_, i) => `a${i}`);
    const m = actorColourMap(ids);
    expect(new Set(ids.slice(0, 7).map((id) => m.get(id))).size).toBe(7);
    expect(m.get("a7")).toBe(OVERFLOW_COLOUR);
    expect(PALETTE).not.toContain(OVERFLOW_COLOUR);
  });
  it("draws power bars in the actors' own colours", () => {
    const html = powerChart(doc, {
      id: "p",
      rule: "unanimity",
      index: "Shapley–Shubik index",
      bars: [{ actor: "ru", name: "Russia", value: 0.5, veto: true }],
      colours: new Map([["ru", PALETTE[1]]]),
    });
    expect(html).toContain(`fill="${PALETTE[1]}"`);
    expect(html).toContain("0.500 veto");
  });
});

describe("trustChart", () => {
  const at = (d: number) => Date.UTC(2015, 1, d);
  const html = trustChart(doc, {
    id: "trust",
    title: "Trust over time",
    colours: actorColourMap(["ua", "cadlr"]),
    series: [
      {
        actor: "ua",
        name: "Ukraine",
        points: [at(15), at(20)].map((t, i) => ({ at: t, trust: [0.5, 0.6][i]! })),
      },
      {
        actor: "cadlr",
        name: "Representatives of certain areas",
        points: [at(15), at(20)].map((t, i) => ({ at: t, trust: [0.5, 0.25][i]! })),
      },
    ],
  });
  it("names every party in the legend and at its line's end, and says the last values in words", () => {
    expect(html).toContain("<figcaption>Trust over time</figcaption>");
    expect(html).toContain("Representatives of certain areas</span>");
    expect(html).toContain(
      'aria-label="Trust over time: Ukraine 0.60, Representatives of certain areas 0.25 at 2015-02-20 (0.5 means no record either way)."',
    );
    expect(html).toContain("<td>0.250</td>");
  });
});
