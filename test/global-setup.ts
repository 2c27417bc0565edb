import { execFileSync } from "node:child_process";

/** Black-box tests run the bundled CLI, so build it once before any test file runs. */
export default function setup(): void {
  execFileSync(process.execPath, ["scripts/build.mjs"], { stdio: "inherit" });
}
