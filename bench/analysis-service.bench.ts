import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import {
  analyzeScenario,
  buildReportSection,
  DEFAULT_ANALYSIS_OPTIONS,
  forecastInputFromScenario,
  mergeShards,
  monteCarlo,
  parseScenario,
  planShards,
  runAnalysis,
  runShard,
  runSweep,
} from "@entente/core";
import { type Benchmark, timeMedian } from "./harness.ts";

const path = fileURLToPath(new URL("../scenarios/ukraine-security-guarantees.yaml", import.meta.url));
const parsed = parseScenario(readFileSync(path, "utf8"), path);
if (!parsed.ok) throw new Error("the default scenario must be valid");
const scenario = parsed.scenario;

export const benchmarks: Benchmark[] = [
  {
    name: "The analysis service (core/src/analysis), default scenario",
    async run() {
      // The report as the CLI assembled it before: the baseline, then each section, no provenance.
      // Each call gets its own copy of the scenario (engines cache per scenario object), and the two
      // are timed in alternation so that the machine's load drifts over both alike.
      const direct = (s: typeof scenario) => {
        const r = analyzeScenario(s);
        for (const name of DEFAULT_ANALYSIS_OPTIONS.sections) {
          const data = buildReportSection(name, s, DEFAULT_ANALYSIS_OPTIONS);
          if (data !== undefined) r.sections[name] = data;
        }
        return r;
      };
      const times: { service: number[]; direct: number[] } = { service: [], direct: [] };
      for (let i = 0; i < 8; i++) {
        for (const [k, f] of [
          ["service", (s: typeof scenario) => runAnalysis(s)],
          ["direct", direct],
        ] as const) {
          const copy = structuredClone(scenario);
          const t0 = performance.now();
          f(copy);
          if (i > 0) times[k].push(performance.now() - t0);
        }
      }
      const median = (x: number[]) => x.sort((a, b) => a - b)[x.length >> 1]!;
      const serviceMs = median(times.service);
      const directMs = median(times.direct);
      const run = { model: "ensemble" as const, runs: 1_000, seed: 1 };
      const input = forecastInputFromScenario(scenario);
      const oneMs = await timeMedian(() => monteCarlo(input, run.model, run.runs, run.seed), 3);
      const shardedMs = await timeMedian(() => {
        const shards = planShards(run.runs, 100).map((r) =>
          JSON.parse(JSON.stringify(runShard(scenario, run, r))),
        );
        return mergeShards(scenario, run, shards);
      }, 3);
      const values = Array.from({ length: 11 }, (_, i) => i / 10);
      const sweepMs = await timeMedian(
        () => runSweep(scenario, { axes: [{ parameter: "support:us", values }] }),
        3,
      );
      const oneGuaranteesMs = await timeMedian(() => runAnalysis(scenario, { sections: ["guarantees"] }), 5);
      return [
        {
          name: "runAnalysis (every section, with provenance)",
          ms: serviceMs,
          baseline: "the same sections built one by one, no provenance",
          baselineMs: directMs,
          note: "median of 7 alternating runs; the difference is the content hash (a few ms) and noise",
        },
        {
          name: "Monte Carlo 1,000 draws (ensemble) as 10 shards through JSON, merged",
          ms: shardedMs,
          baseline: "one monteCarlo call",
          baselineMs: oneMs,
          note: "the merged numbers equal the one-process ones bit for bit (monte-carlo-shards.test.ts)",
        },
        {
          name: "sweep support:us over 11 values (guarantees)",
          ms: sweepMs,
          baseline: "one guarantees-only analysis",
          baselineMs: oneGuaranteesMs,
          note: `${(sweepMs / 11).toFixed(1)} ms per point`,
        },
      ];
    },
  },
];
