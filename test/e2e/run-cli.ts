import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

export const repoRoot = fileURLToPath(new URL("../../", import.meta.url));
const cli = fileURLToPath(new URL("../../packages/cli/dist/entente.js", import.meta.url));

export interface CliResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** Runs the built `entente` CLI as a user would, in a child process, and captures its output. */
export function runCli(
  args: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): CliResult {
  const r = spawnSync(process.execPath, [cli, ...args], {
    cwd: options.cwd ?? repoRoot,
    // A wide terminal, so that tests can match whole sentences (cli-width.test.ts sets its own width).
    env: { ...process.env, NO_COLOR: "1", COLUMNS: "10000", ...options.env },
    encoding: "utf8",
    timeout: 120_000,
  });
  return { stdout: r.stdout, stderr: r.stderr, exitCode: r.status ?? -1 };
}

/** `entente monitor SCENARIO --events EVENTS --as-of MOMENT --format json`, as a user runs it. */
export function runMonitorAsOf(scenarioFile: string, eventsFile: string, moment: string): CliResult {
  return runCli(["monitor", scenarioFile, "--events", eventsFile, "--as-of", moment, "--format", "json"]);
}
