// Issue #16: the backtest of every model on DEU III's dev half in one process, against the way the
// issue had to measure it (one `entente forecast` process per issue, after converting each issue
// to a KTAB CSV); batch forecasting of those 172 files in one process; and `--model smp` against
// `--model compromise` on KTAB's 80-actor file now that actor pulls run only with --explain.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { backtestCases, deuToScenarios, parseDeu } from "@entente/core";
import { type Benchmark, type BenchRow, timeOnce } from "./harness.js";

const cli = fileURLToPath(new URL("../packages/cli/dist/entente.js", import.meta.url));
// The shared data beside the repository (ENTENTE_SHARED points elsewhere, e.g. from a worktree).
const shared = process.env.ENTENTE_SHARED ?? fileURLToPath(new URL("../../shared/", import.meta.url));
const deu = join(shared, "data", "deu3", "deu3-dev.tsv");
const a080 = join(shared, "fixtures", "ktab", "dummyData-a080.csv");

/** CPU seconds (user + system) of the last `entente` run, read from /usr/bin/time when it is there. */
let lastCpu = Number.NaN;

function entente(args: string[]): string {
  const timed = existsSync("/usr/bin/time");
  const r = timed
    ? spawnSync("/usr/bin/time", ["-f", "cpu %U %S", process.execPath, cli, ...args], {
        encoding: "utf8",
        maxBuffer: 1 << 28,
      })
    : spawnSync(process.execPath, [cli, ...args], { encoding: "utf8", maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`entente ${args.join(" ")}: ${r.stderr}`);
  const m = /cpu ([\d.]+) ([\d.]+)\s*$/.exec(r.stderr);
  lastCpu = m ? Number(m[1]) + Number(m[2]) : Number.NaN;
  return r.stdout;
}

/** Each usable DEU issue as a one-dimension KTAB CSV (capability, position, salience per actor), as issue #16 did. */
function writeKtabFiles(dir: string): Array<{ file: string; outcome: number }> {
  const parsed = parseDeu(readFileSync(deu, "utf8"));
  if (!parsed.ok) throw new Error("DEU file does not parse");
  return deuToScenarios(parsed.issues, "deu3-dev.tsv")
    .flatMap((s) => backtestCases(s).cases)
    .map((c) => {
      const file = join(dir, `${c.id}.csv`);
      const rows = c.spec.stakes.map(
        (s) => `${s.actor},${s.actor},${s.capability},${s.ideal},${s.salience * 100}`,
      );
      writeFileSync(
        file,
        `${c.id},DEU III issue,${rows.length},1\nActor,Description,Influence,Position,Salience\n${rows.join("\n")}\n`,
      );
      return { file, outcome: c.outcome };
    });
}

async function backtestRows(): Promise<BenchRow[]> {
  if (!existsSync(deu)) throw new Error(`${deu}: the DEU III dev half is needed`);
  const dir = mkdtempSync(join(tmpdir(), "entente-deu-ktab-"));
  const files = writeKtabFiles(dir);
  let evaluation = "";
  const evalMs = await timeOnce(() => {
    evaluation = entente(["evaluate", deu, "--format", "json"]);
  });
  const evalCpu = lastCpu;
  const ev = JSON.parse(evaluation);
  const compromise = ev.fixed.find((s: { model: string }) => s.model === "compromise").mae as number;
  const influence = ev.nested.find((s: { model: string }) => s.model === "influence") as {
    mae: number;
    versusCompromise: { lo: number; hi: number };
  };
  let errors = 0;
  const processesMs = await timeOnce(() => {
    for (const f of files) {
      const section = JSON.parse(
        entente(["forecast", f.file, "--model", "compromise", "--runs", "0", "--format", "json"]),
      );
      errors += Math.abs(section.issues[0].forecasts.compromise.value - f.outcome);
    }
  });
  const processMae = errors / files.length;
  let batch = "";
  const batchMs = await timeOnce(() => {
    batch = entente(["forecast", dir, "--model", "compromise", "--runs", "0", "--format", "json"]);
  });
  const outcomeOf = new Map(files.map((f) => [f.file, f.outcome]));
  const batchMae =
    (
      JSON.parse(batch) as Array<{
        file: string;
        section: { issues: Array<{ forecasts: { compromise: { value: number } } }> };
      }>
    ).reduce(
      (acc, b) => acc + Math.abs(b.section.issues[0]!.forecasts.compromise.value - outcomeOf.get(b.file)!),
      0,
    ) / files.length;
  return [
    {
      name: `entente evaluate deu3-dev.tsv: ${ev.cases.length} issues × 9 models, nested cross-validation (fitted families and the influence model) and bootstrap, one process`,
      ms: evalMs,
      baseline: `${files.length} processes of entente forecast (compromise only)`,
      baselineMs: processesMs,
      target: "≤ 2 s, 0 failures, compromise MAE 24.40",
      ok: evalMs <= 2000 && ev.cases.length === 172 && compromise.toFixed(2) === "24.40",
      note: `compromise MAE ${compromise.toFixed(2)} in evaluate, ${processMae.toFixed(2)} over the ${files.length} processes; influence (nested CV) ${influence.mae.toFixed(2)}, MAE − compromise in [${influence.versusCompromise.lo.toFixed(2)}, ${influence.versusCompromise.hi.toFixed(2)}]; evaluate used ${evalCpu.toFixed(2)} s of CPU (wall time includes waiting for a core on a machine shared with other jobs)`,
    },
    {
      name: `entente forecast DIR: the same ${files.length} KTAB CSVs in one process on 2 worker threads`,
      ms: batchMs,
      baseline: `${files.length} separate processes`,
      baselineMs: processesMs,
      target: "same forecasts as the separate processes",
      ok: Math.abs(batchMae - processMae) < 1e-9,
      note: `compromise MAE ${batchMae.toFixed(2)} in the batch`,
    },
  ];
}

async function smpRow(): Promise<BenchRow> {
  const run = (model: string) => entente(["forecast", a080, "--model", model, "--format", "json"]);
  run("smp"); // warm the file cache
  const ms: number[] = [];
  const base: number[] = [];
  let smp = "";
  let compromise = "";
  for (let k = 0; k < 3; k++) {
    ms.push(await timeOnce(() => (smp = run("smp"))));
    base.push(await timeOnce(() => (compromise = run("compromise"))));
  }
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[1]!;
  const smpOf = (json: string) =>
    JSON.stringify(JSON.parse(json).issues.map((i: { forecasts: { smp: unknown } }) => i.forecasts.smp));
  const same = smpOf(smp) === smpOf(compromise);
  return {
    name: "entente forecast dummyData-a080.csv --model smp (80 actors)",
    ms: median(ms),
    baseline: "--model compromise",
    baselineMs: median(base),
    target: "≤ 2× the compromise run, same SMP result",
    ok: same && median(ms) <= 2 * median(base),
    note: `median of 3 runs each; same SMP forecast in both: ${same ? "yes" : "NO"}`,
  };
}

export const benchmarks: Benchmark[] = [
  { name: "Forecast backtest: DEU III dev half", run: backtestRows },
  { name: "Forecast: headline model cost on KTAB's 80-actor file", run: async () => [await smpRow()] },
];
