// Issue 17/13: a scenario file with 200,000 actors, each missing three required fields (600,005
// errors), must end in exit 2 with a capped list, no stack trace, and in under 20 s as a user runs it.
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Benchmark, timeOnce } from "./harness.ts";

const cli = fileURLToPath(new URL("../packages/cli/dist/entente.js", import.meta.url));

/** The file of the issue: `n` actors that lack kind, roles and capability. */
function manyBadActors(n: number): string {
  const lines = [
    "entente: 1",
    "id: big",
    "title: t",
    "asOf: '2025-01-01'",
    "issues: []",
    "positions: []",
    "actors:",
  ];
  for (let i = 0; i < n; i++) lines.push(`  - id: a${i}`, `    name: A${i}`);
  const file = join(mkdtempSync(join(tmpdir(), "entente-bench-cap-")), "big.yaml");
  writeFileSync(file, `${lines.join("\n")}\n`);
  return file;
}

export const benchmarks: Benchmark[] = [
  {
    name: "A file with 600,005 errors (200,000 actors), as a user runs validate",
    async run() {
      const big = manyBadActors(200_000);
      const small = manyBadActors(300);
      let stderr = "";
      let status: number | null = null;
      const run = (file: string) => () => {
        const r = spawnSync(process.execPath, [cli, "validate", file], {
          encoding: "utf8",
          maxBuffer: 1 << 30,
        });
        stderr = r.stderr;
        status = r.status;
      };
      const baselineMs = await timeOnce(run(small));
      const ms = await timeOnce(run(big));
      const lines = stderr.trimEnd().split("\n");
      const ok = status === 2 && lines.length <= 60 && !/\n\s+at /.test(stderr) && ms < 20_000;
      return [
        {
          name: "entente validate, 200,000 actors (6.6 MB)",
          ms,
          baseline: "the same command on 300 such actors",
          baselineMs,
          target: "exit 2, ≤ ~50 error lines and a count, no stack trace, < 20 s",
          ok,
          note: `exit ${status}, ${lines.length} lines on stderr; last: ${lines.at(-1)}`,
        },
      ];
    },
  },
];
