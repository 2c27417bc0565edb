import { readFileSync } from "node:fs";
import { contentHash, parseScenario } from "@entente/core";
import { openTestStore, type Store } from "@entente/store";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AnalysisRunner } from "../deps.js";
import { MAX_SHARDS, platformJobKinds } from "./kinds.js";
import { createCpuPool } from "./pool.js";

// Issue 13: the work an observer's analysis request sets off must not run on the event loop. The
// default scenario (86 KB of YAML) took ~15-50 ms to parse and ~8-25 ms to hash there, per request.
const text = readFileSync(
  new URL("../../../../scenarios/ukraine-security-guarantees.yaml", import.meta.url),
  "utf8",
);
const parsed = parseScenario(text, "upload.yaml");
if (!parsed.ok) throw new Error("the default scenario does not parse");

const pool = createCpuPool({ threads: 1 });
let store: Store;
beforeAll(async () => {
  store = await openTestStore();
});
afterAll(async () => {
  await pool.close();
  await store.db.close();
});

describe("work kept off the event loop", () => {
  it("an analysis job hands the stored text to a runner that parses where it runs", async () => {
    const v = await store.putScenario({ userId: null, userName: "t" }, "ua", "yaml", text, parsed.scenario);
    const calls: string[] = [];
    const runner: AnalysisRunner = () => {
      calls.push("parsed here");
      return {};
    };
    runner.fromSource = async (source) => {
      calls.push(`text of ${source.text.length} characters`);
      return { ok: true };
    };
    const kinds = platformJobKinds({ db: store.db, analyses: { x: runner }, pool });
    const ctx = { id: "j", signal: new AbortController().signal, progress: () => undefined };
    const out = await kinds.analysis!.run!(
      { scenarioId: v.scenarioId, version: v.version, engine: "x" },
      ctx,
    );
    expect(out).toEqual({ ok: true });
    expect(calls).toEqual([`text of ${text.length} characters`]);
  });

  it("a pool thread runs the analysis from the text as it would from the parsed scenario", async () => {
    const fromText = await pool.run("analysis.engine", { engine: "forecast-baseline", source: { text } });
    const fromParsed = await pool.run("analysis.engine", {
      engine: "forecast-baseline",
      scenario: parsed.scenario,
    });
    expect(fromText).toEqual(fromParsed);
  });

  it("computes a stored version's provenance on a pool thread, equal to contentHash here", async () => {
    const p = await pool.run("scenario.provenance", {
      text,
      fileName: "upload.yaml",
      parsed: parsed.scenario,
    });
    expect(p).toEqual({ id: parsed.scenario.id, hash: contentHash(parsed.scenario) });
    // Text that no longer parses (limits tightened since): the stored form stands.
    const stale = await pool.run("scenario.provenance", {
      text: "entente: 1\nnot: valid\n",
      fileName: "upload.yaml",
      parsed: parsed.scenario,
    });
    expect(stale.hash).toBe(contentHash(parsed.scenario));
  });

  it("splits a Monte Carlo run into at most MAX_SHARDS shards, however small the shards asked for", async () => {
    const kinds = platformJobKinds({ db: store.db, analyses: {}, pool });
    const ctx = { id: "j", signal: new AbortController().signal, progress: () => undefined };
    const input = { scenarioId: 1, version: 1, model: "compromise", seed: 1 };
    const parts = await kinds.montecarlo!.split!({ ...input, runs: 1_000_000, shardSize: 10 }, ctx);
    expect(parts).toHaveLength(MAX_SHARDS);
    const ranges = parts.map((p) => (p.input as { range: { from: number; to: number } }).range);
    expect(ranges[0]).toEqual({ from: 0, to: 1_000 });
    expect(ranges.at(-1)).toEqual({ from: 999_000, to: 1_000_000 });
    // Below the cap the shard size asked for stands.
    expect(await kinds.montecarlo!.split!({ ...input, runs: 300, shardSize: 70 }, ctx)).toHaveLength(5);
  });
});
