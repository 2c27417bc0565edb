import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot, runCli } from "./run-cli.js";

const small = join(repoRoot, "packages/core/src/model/fixtures/small.yaml");

describe("entente sweep", () => {
  it("prints one row of metrics per value as JSON, with the sweep's provenance", () => {
    const r = runCli(["sweep", small, "--param", "capability:A", "--values", "0..3:1.5", "--format", "json"]);
    expect(r.exitCode, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.format).toBe("entente.sweep");
    expect(out.points.map((p: { at: number[] }) => p.at)).toEqual([[0], [1.5], [3]]);
    expect(out.provenance.axes).toEqual([{ parameter: "capability:A", values: [0, 1.5, 3] }]);
    // small.yaml: A's ideal ceiling is 90, the highest; more capability pulls the forecast up.
    const ceiling = out.points.map((p: { metrics: Record<string, number> }) => p.metrics["forecast.ceiling"]);
    expect(ceiling[2]).toBeGreaterThan(ceiling[0]);
  });

  it("exits 2 naming the parameter when it names no one", () => {
    const r = runCli(["sweep", small, "--param", "batna:Z", "--values", "0,1"]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain("--param batna:Z --values 0,1: no actor 'Z'");
  });
});
