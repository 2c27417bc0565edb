import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "./run-cli.js";

/** A scenario with `n` actors that each lack kind, roles and capability: 3·n errors and a few more. */
function manyBadActors(n: number): string {
  let text = "entente: 1\nid: big\ntitle: t\nasOf: '2025-01-01'\nissues: []\npositions: []\nactors:\n";
  for (let i = 0; i < n; i++) text += `  - id: a${i}\n    name: A${i}\n`;
  const file = join(mkdtempSync(join(tmpdir(), "entente-cap-")), "big.yaml");
  writeFileSync(file, text);
  return file;
}

describe("a file with thousands of errors", () => {
  const file = manyBadActors(300);

  it.each([["validate"], ["analyze"]])(
    "%s exits 2, names the file, prints 50 error lines and how many more, and no stack trace",
    (command) => {
      const r = runCli([command, file]);
      expect(r.exitCode).toBe(2);
      const lines = r.stderr.trimEnd().split("\n");
      expect(lines[0]).toBe(`entente: ${file}: 901 errors`);
      expect(lines.filter((l) => l.startsWith(`${file}:`))).toHaveLength(50);
      expect(lines.at(-1)).toBe("…and 851 more (--all-errors lists them all)");
      expect(r.stderr).not.toMatch(/\n\s+at /);
    },
  );

  it("--all-errors lists every one", () => {
    const r = runCli(["validate", file, "--all-errors"]);
    expect(r.exitCode).toBe(2);
    expect(
      r.stderr
        .trimEnd()
        .split("\n")
        .filter((l) => l.startsWith(`${file}:`)),
    ).toHaveLength(901);
  });
});
