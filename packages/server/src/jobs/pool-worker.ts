// Worker-thread entry of the CPU pool (bundled to packages/cli/dist/pool-worker.js by scripts/build.mjs;
// built on the fly from this source when the pool runs from TypeScript, e.g. under vitest). Piscina
// calls the default export with each task.
import { type PoolMessage, type PoolReply, runPoolTask } from "./pool-tasks.js";

export default function run(msg: PoolMessage): Promise<PoolReply> {
  return runPoolTask(msg);
}
