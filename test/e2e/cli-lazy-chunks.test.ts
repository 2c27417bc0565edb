// A text-only command must not load the chart components (Observable Plot, linkedom) or the
// spreadsheet library (exceljs): they sit behind dynamic import() in the bundle. This follows the
// static imports of the built CLI (dist/entente.js and the chunks it imports statically) and checks
// that none of them imports those packages.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "./run-cli.js";

const HEAVY = ["@observablehq/plot", "linkedom", "exceljs", "d3"];

function staticGraph(entry: string): Map<string, string> {
  const seen = new Map<string, string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    const code = readFileSync(file, "utf8");
    seen.set(file, code);
    // Static imports only: `import … from "x"` and `import "x"` (a dynamic import is `import("x")`).
    for (const m of code.matchAll(/\bimport\s*(?:[\w*{}\s,$]+from\s*)?["']([^"']+)["']/g)) {
      const spec = m[1]!;
      if (spec.startsWith(".")) visit(join(dirname(file), spec));
    }
  };
  visit(entry);
  return seen;
}

describe("the CLI bundle", () => {
  it("loads no chart or spreadsheet library until a command asks for one", () => {
    const graph = staticGraph(join(repoRoot, "packages/cli/dist/entente.js"));
    expect(graph.size).toBeGreaterThan(0);
    for (const [file, code] of graph)
      for (const lib of HEAVY)
        expect(
          code.match(new RegExp(`\\bimport\\s*(?:[\\w*{}\\s,$]+from\\s*)?["']${lib}(/[^"']*)?["']`)),
          `${file} imports ${lib}`,
        ).toBeNull();
    // …and the charts are reachable: some chunk imports Plot.
    const all = readFileSync(join(repoRoot, "packages/cli/dist/entente.js"), "utf8");
    expect(all).toMatch(/import\(["']\.\/chunks\/src-[\w-]+\.js["']\)/);
  });
});
