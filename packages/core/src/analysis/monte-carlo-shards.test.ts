import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { forecastInputFromScenario } from "../forecast/forecast-input.js";
import { monteCarlo } from "../forecast/monte-carlo.js";
import { parseScenario } from "../model/parse.js";
import { mergeShards, planShards, runShard, ShardError } from "./monte-carlo-shards.js";

const text = readFileSync(new URL("../forecast/fixtures/ukraine-monte-carlo.yaml", import.meta.url), "utf8");
const parsed = parseScenario(text, "ukraine-monte-carlo.yaml");
if (!parsed.ok) throw new Error("fixture must be valid");
const scenario = parsed.scenario;
const run = { model: "ensemble" as const, runs: 120, seed: 20261204 };

/** Every number of the distributions as its IEEE-754 bits, so equality is bit for bit (not toBeCloseTo). */
const bits = (x: unknown): string =>
  JSON.stringify(x, (_k, v) =>
    typeof v === "number" ? Buffer.from(new Float64Array([v]).buffer).toString("hex") : v,
  );

describe("sharded Monte Carlo", () => {
  const single = monteCarlo(forecastInputFromScenario(scenario), run.model, run.runs, run.seed);

  it("merges shards of any size, in any order, through JSON, to the one-process numbers bit for bit", () => {
    for (const size of [120, 50, 7]) {
      const shards = planShards(run.runs, size).map((r) => runShard(scenario, run, r));
      // Through a queue: stored as JSON, returned in any order.
      const stored = shards.map((s) => JSON.parse(JSON.stringify(s))).reverse();
      expect(bits(mergeShards(scenario, run, stored))).toBe(bits(single));
    }
  });

  it("refuses a missing or duplicated shard rather than return other numbers", () => {
    const shards = planShards(run.runs, 60).map((r) => runShard(scenario, run, r));
    expect(() => mergeShards(scenario, run, [shards[0]!])).toThrow(ShardError);
    expect(() => mergeShards(scenario, run, [shards[0]!, shards[0]!, shards[1]!])).toThrow(/in two shards/);
  });

  it("plans consecutive shards covering every draw once", () => {
    expect(planShards(10, 4)).toEqual([
      { from: 0, to: 4 },
      { from: 4, to: 8 },
      { from: 8, to: 10 },
    ]);
    expect(planShards(0, 4)).toEqual([]);
  });
});
