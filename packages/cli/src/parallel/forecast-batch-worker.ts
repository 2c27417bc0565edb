// Worker-thread entry for `entente forecast` on several files (bundled to dist/forecast-batch-worker.js):
// it receives one scenario at a time and posts back its whole forecast section, Monte Carlo included.
import { parentPort } from "node:worker_threads";
import { buildForecastSection } from "@entente/core";
import type { BatchTask } from "./forecast-batch.js";

parentPort!.on("message", (task: BatchTask) => {
  try {
    const section = buildForecastSection(task.scenario, task.options);
    parentPort!.postMessage({ index: task.index, section });
  } catch (e) {
    parentPort!.postMessage({ index: task.index, error: e instanceof Error ? e.message : String(e) });
  }
});
