// Black-box: the text output of the analysis commands fits the terminal it is written for. The
// width comes from COLUMNS (no TTY here), and every line is measured in display cells.
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { cells } from "../../packages/cli/src/render/terminal.js";
import { repoRoot } from "./run-cli.js";

const cli = fileURLToPath(new URL("../../packages/cli/dist/entente.js", import.meta.url));
const out = mkdtempSync(join(tmpdir(), "entente-width-"));

/** The built CLI in a child process (run concurrently: the ten runs share the two cores). */
function run(
  args: readonly string[],
  columns: number,
): Promise<{ stdout: string; stderr: string; code: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], {
      cwd: repoRoot,
      env: { ...process.env, NO_COLOR: "1", COLUMNS: String(columns) },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => {
      stdout += d;
    });
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ stdout, stderr, code: code ?? -1 }));
  });
}

const minsk = ["scenarios/minsk-ii.yaml", "--events", "scenarios/minsk-ii-events.csv"];
const html = (name: string, width: number) => ["--html", join(out, `${name}-${width}.html`)];
const commands: Record<string, (width: number) => string[]> = {
  analyze: () => ["analyze", "--threads", "1"],
  power: (w) => ["power", ...html("power", w)],
  forecast: (w) => ["forecast", "--runs", "20", "--threads", "1", ...html("forecast", w)],
  agree: (w) => ["agree", ...html("agree", w)],
  monitor: (w) => ["monitor", ...minsk, ...html("monitor", w)],
};

describe("text output fits the terminal", () => {
  it("no line of analyze, power, forecast, agree or monitor is wider than COLUMNS (80 and 120); every --html says where it wrote", async () => {
    const runs = await Promise.all(
      [80, 120].flatMap((width) =>
        Object.entries(commands).map(async ([name, args]) => ({
          name,
          width,
          r: await run(args(width), width),
        })),
      ),
    );
    for (const { name, width, r } of runs) {
      expect(r.code, `${name} at ${width}: ${r.stderr}`).toBe(0);
      const lines = r.stdout.split("\n");
      expect(lines.length, name).toBeGreaterThan(10);
      const wide = lines.filter((l) => cells(l) > width);
      expect(wide, `${name} at ${width} columns`).toEqual([]);
      if (name !== "analyze") expect(r.stderr).toContain(`written to ${join(out, `${name}-${width}.html`)}`);
    }
  });

  it("--wide keeps tables at their natural width", async () => {
    const wide = await run(["power", "--wide"], 80);
    expect(Math.max(...wide.stdout.split("\n").map(cells))).toBeGreaterThan(80);
  });
});
