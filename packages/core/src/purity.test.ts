import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// The engines are pure (DESIGN.md, "Layers"): typed values in, typed values out. These patterns would
// let a file, a clock, the environment, the network or unseeded randomness into packages/core.
const FORBIDDEN: Array<[RegExp, string]> = [
  [/from\s+["']node:/, "a node: import"],
  [/from\s+["'](fs|path|os|child_process|http|https|net|worker_threads)["']/, "a Node.js built-in import"],
  [/\bMath\.random\s*\(/, "unseeded randomness (Math.random)"],
  [/\bDate\.now\s*\(|new Date\(\s*\)/, "a clock read"],
  [/\bprocess\./, "process (environment, exit, stdout)"],
  [/\bfetch\s*\(/, "a network call"],
  [/\bconsole\.\w+\s*\(/, "console output"],
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === "fixtures" ? [] : sourceFiles(path);
    return e.name.endsWith(".ts") && !e.name.endsWith(".test.ts") ? [path] : [];
  });
}

describe("packages/core", () => {
  const root = fileURLToPath(new URL(".", import.meta.url));
  const files = sourceFiles(root);

  it("has engine sources to check", () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it("does no I/O, reads no clock and draws no unseeded random numbers", () => {
    const violations: string[] = [];
    for (const file of files) {
      const lines = readFileSync(file, "utf8").split("\n");
      lines.forEach((line, i) => {
        const code = line.replace(/\/\/.*$/, "");
        for (const [pattern, what] of FORBIDDEN)
          if (pattern.test(code) && !/^\s*\*/.test(code))
            violations.push(`${file.slice(root.length)}:${i + 1}: ${what}`);
      });
    }
    expect(violations).toEqual([]);
  });
});
