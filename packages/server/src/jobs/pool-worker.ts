// Worker-thread entry of the CPU pool (bundled to packages/cli/dist/pool-worker.js by scripts/build.mjs;
// built on the fly from this source when the pool runs from TypeScript, e.g. under vitest). Piscina
// calls the default export with each task.
import { getPriority, setPriority } from "node:os";
import { type PoolMessage, type PoolReply, runPoolTask } from "./pool-tasks.js";

/** How much lower than the main thread a pool thread runs (a nice increment; 19 is the lowest). */
const NICER_BY = 10;

// On Linux the nice value belongs to each thread, so this lowers this pool thread only: when the CPU
// is short, the event loop (requests, health checks, heartbeats) runs first and the long tasks wait
// (issue 13). Where it belongs to the whole process, or is not allowed, it is left as it is.
if (process.platform === "linux") {
  try {
    setPriority(Math.min(19, getPriority() + NICER_BY));
  } catch {
    // not allowed here: run at the process's priority
  }
}

export default function run(msg: PoolMessage): Promise<PoolReply> {
  return runPoolTask(msg);
}
