// Runs every bench/*.bench.ts (or those whose file name contains argv[2]) and prints each figure
// beside its baseline as a ratio measured in the same run.
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Benchmark, BenchRow } from "./harness.ts";

const dir = fileURLToPath(new URL(".", import.meta.url));
const filter = process.argv[2] ?? "";
const files = readdirSync(dir)
  .filter((f) => f.endsWith(".bench.ts") && f.includes(filter))
  .sort();

function fmt(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(ms < 10 ? 2 : 1)} ms`;
}

/** "12.3× faster than" or "2.1× the time of", so a ratio never reads as 0.2× faster. */
function compare(ms: number, baselineMs: number): string {
  return baselineMs >= ms
    ? `${(baselineMs / ms).toFixed(1)}× faster than`
    : `${(ms / baselineMs).toFixed(1)}× the time of`;
}

let failed = 0;
for (const file of files) {
  const mod = (await import(`./${file}`)) as { benchmarks: Benchmark[] };
  for (const bench of mod.benchmarks) {
    console.log(`\n## ${bench.name}  (${file})`);
    const rows: BenchRow[] = await bench.run();
    for (const r of rows) {
      const ratio =
        r.baselineMs === undefined
          ? ""
          : `  ${compare(r.ms, r.baselineMs)} ${r.baseline} (${fmt(r.baselineMs)})`;
      const verdict = r.ok === undefined ? "" : r.ok ? "  [ok]" : "  [MISSED]";
      if (r.ok === false) failed++;
      console.log(`- ${r.name}: ${fmt(r.ms)}${ratio}${r.target ? `  target: ${r.target}` : ""}${verdict}`);
      if (r.note) console.log(`    ${r.note}`);
    }
  }
}
console.log(failed ? `\n${failed} target(s) missed in this run.` : "\nAll stated targets met in this run.");
