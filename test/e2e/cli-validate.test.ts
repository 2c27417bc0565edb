// Black-box: what `entente validate` says about a slip a person makes in a scenario file.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot, runCli } from "./run-cli.js";

const text = readFileSync(join(repoRoot, "scenarios/minsk-ii.yaml"), "utf8");
const dir = mkdtempSync(join(tmpdir(), "entente-validate-"));
const FIRST = "  - actor: ua\n    issue: ceasefire\n    ideal: whole-line\n    salience: 1\n";

function write(name: string, content: string): string {
  expect(content).not.toBe(text);
  const file = join(dir, name);
  writeFileSync(file, content);
  return file;
}

describe("entente validate", () => {
  it("reports a one-space indentation slip once, in plain words, and exits 2", () => {
    const file = write("slip.yaml", text.replace(FIRST, FIRST.replace("    issue:", "   issue:")));
    const r = runCli(["validate", file]);
    expect(r.exitCode).toBe(2);
    const lines = r.stderr.trim().split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/slip\.yaml:\d+:4 indentation: line \d+ is indented by 3 spaces/);
    expect(r.stderr).not.toMatch(/mapping|implicit key/i);
  });

  it("accepts a red line that rejects the actor's own ideal, with a warning at its line", () => {
    const file = write("warn.yaml", text.replace(FIRST, `${FIRST}    redLine: { reject: [whole-line] }\n`));
    const r = runCli(["validate", file]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain("ok (6 actors, 8 issues, 35 positions), 1 warning");
    expect(r.stdout).toMatch(/warn\.yaml:\d+:\d+ positions\[0\]\.redLine: warning: Ukraine's red line/);
  });
});
