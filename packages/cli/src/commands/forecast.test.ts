// Black-box tests of `entente forecast` and `entente import ktab`: the bundled CLI (built by the
// global setup) in a child process, with real worker threads.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot, runCli } from "../../../../test/e2e/run-cli.js";

const ktab = (name: string) => join(repoRoot, "..", "shared", "fixtures", "ktab", name);

describe("entente forecast", () => {
  it("gives identical JSON on one and two threads for the same seed", () => {
    const one = runCli(["forecast", "--runs", "60", "--seed", "5", "--threads", "1", "--format", "json"]);
    const two = runCli(["forecast", "--runs", "60", "--seed", "5", "--threads", "2", "--format", "json"]);
    expect(one.exitCode).toBe(0);
    expect(two.stdout).toBe(one.stdout);
    const section = JSON.parse(one.stdout);
    // The compromise model is the default headline: no other model beats it on DEU III (issue #16).
    expect(section.monteCarlo).toEqual({ runs: 60, seed: 5, model: "compromise" });
  });

  it("reproduces KTAB's 27 SMP turns on SOE-Pol-Comp.csv", () => {
    const r = runCli(["forecast", ktab("SOE-Pol-Comp.csv"), "--model", "smp", "--format", "json"]);
    expect(r.exitCode).toBe(0);
    const section = JSON.parse(r.stdout);
    expect(
      section.issues.map((i: { forecasts: { smp: { rounds: number } } }) => i.forecasts.smp.rounds),
    ).toEqual([27, 27]);
    // KTAB's last state for XJ (actor 0): 43.2 on both dimensions (20170530_ref-SOE-Pol-Comp.txt).
    expect(section.issues[0].trajectories.smp.rounds[27][0]).toBeCloseTo(43.2, 1);
  });

  it("writes an HTML page with a trajectory chart", () => {
    const out = join(mkdtempSync(join(tmpdir(), "entente-forecast-")), "f.html");
    const r = runCli(["forecast", "--runs", "0", "--html", out]);
    expect(r.exitCode).toBe(0);
    const html = readFileSync(out, "utf8");
    expect(html).toContain("<svg");
    expect(html).toContain("SMP (KTAB): positions per turn");
  });

  it("rejects a malformed KTAB file with file:line:column and exit code 2", () => {
    const dir = mkdtempSync(join(tmpdir(), "entente-ktab-"));
    const bad = join(dir, "bad.csv");
    writeFileSync(bad, "S,d,2,1,\nA,D,I,P,S\nA,a,10,50,40\nB,b,ten,60,40\n");
    const r = runCli(["forecast", bad]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain(`${bad}:4:5: actors[1].influence: expected a number`);
  });

  it("forecasts a directory in one process on worker threads, each file as it would be alone", () => {
    const dir = join(repoRoot, "scenarios");
    const args = ["--runs", "40", "--seed", "3", "--format", "json"];
    const two = runCli(["forecast", dir, ...args, "--threads", "2"]);
    expect(two.exitCode).toBe(0);
    const batch = JSON.parse(two.stdout) as Array<{ file: string; section: unknown }>;
    // The events CSV beside the scenarios is not a KTAB file: it is left out.
    expect(batch.map((b) => b.file.split("/").pop())).toEqual([
      "istanbul-2022.yaml",
      "minsk-ii.yaml",
      "ukraine-security-guarantees.yaml",
    ]);
    const alone = JSON.parse(runCli(["forecast", join(dir, "minsk-ii.yaml"), ...args]).stdout);
    expect(batch[1]!.section).toEqual(alone);
  });

  it("explains who pulls the forecast only when asked", () => {
    const plain = JSON.parse(runCli(["forecast", "--runs", "0", "--format", "json"]).stdout);
    expect(plain.issues.every((i: { pulls: unknown[] }) => i.pulls.length === 0)).toBe(true);
    const explained = JSON.parse(runCli(["forecast", "--runs", "0", "--explain", "--format", "json"]).stdout);
    expect(explained.issues.some((i: { pulls: unknown[] }) => i.pulls.length > 0)).toBe(true);
  });

  it("rejects a bad --runs as bad input", () => {
    const r = runCli(["forecast", "--runs", "many"]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain("--runs");
  });
});

describe("entente import ktab", () => {
  it("turns a KTAB CSV into a scenario that entente validate accepts", () => {
    const dir = mkdtempSync(join(tmpdir(), "entente-import-"));
    const out = join(dir, "soe.yaml");
    const r = runCli(["import", "ktab", ktab("SOE-Policy.csv"), "-o", out]);
    expect(r.exitCode).toBe(0);
    expect(runCli(["validate", out]).exitCode).toBe(0);
    expect(readFileSync(out, "utf8")).toContain("source: KTAB SMP input SOE-Policy.csv, line 3");
  });
});
