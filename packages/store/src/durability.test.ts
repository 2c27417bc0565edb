import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { testDbKind } from "./test-db.js";

const hasStrace = spawnSync("strace", ["-V"]).status === 0;
const probe = fileURLToPath(new URL("./test-support/fsync-probe.ts", import.meta.url));

/**
 * Runs the probe under strace and walks its system calls in order: for each "ack N" the probe
 * writes to stdout after a COMMIT returned, counts the fsync/fdatasync calls since the previous ack.
 */
function syncsBeforeEachAck(durable = true): number[] {
  const dir = mkdtempSync(join(tmpdir(), "entente-fsync-"));
  const trace = join(dir, "strace.txt");
  const r = spawnSync(
    "strace",
    [
      "-f",
      "-qq",
      "-e",
      "trace=fsync,fdatasync,write",
      "-o",
      trace,
      process.execPath,
      "--import",
      "tsx",
      probe,
      join(dir, "db"),
      ...(durable ? [] : ["off"]),
    ],
    { encoding: "utf8", timeout: 60_000 },
  );
  expect(r.status, r.stderr).toBe(0);
  const counts: number[] = [];
  let syncs = 0;
  let started = false;
  for (const line of readFileSync(trace, "utf8").split("\n")) {
    if (/write\(1, "ready/.test(line)) {
      started = true;
      syncs = 0;
    } else if (started && /write\(1, "ack /.test(line)) {
      counts.push(syncs);
      syncs = 0;
    } else if (/\b(fsync|fdatasync)\(\d+\)\s+=\s+0/.test(line)) syncs++;
  }
  return counts;
}

// The embedded store only; strace is installed by .ci/run (apt package "strace").
describe.runIf(hasStrace && testDbKind() === "pglite")(
  "the embedded store on disk (issue 13 point 5)",
  () => {
    it("has every acknowledged commit reach fsync before the answer", () => {
      // At 948b4d5 (PGlite's defaults: -F, and no fsync in NODEFS) every count was 0.
      const counts = syncsBeforeEachAck();
      expect(counts).toHaveLength(20);
      expect(counts.filter((n) => n === 0)).toEqual([]);
    });
  },
);
