import { existsSync } from "node:fs";
import { Worker } from "node:worker_threads";
import {
  buildForecastSection,
  type ForecastSection,
  type ForecastSectionOptions,
  type Scenario,
} from "@entente/core";
import { findUpwards } from "../io/find-upwards.js";

/** One file's forecast, as handed to a worker. */
export interface BatchTask {
  index: number;
  scenario: Scenario;
  options: ForecastSectionOptions;
}

type BatchReply = { index: number; section: ForecastSection } | { index: number; error: string };

/** The bundled worker beside the bundled CLI (dist/); absent when running from TypeScript sources. */
const WORKER_FILE = findUpwards(import.meta.url, "forecast-batch-worker.js", 1) ?? "forecast-batch-worker.js";

/**
 * Forecasts many scenarios in one process: each file is one task, handed to the next free worker
 * thread (in this thread when `threads` ≤ 1 or the bundled worker is missing). Results come back in
 * input order; each is the same section `buildForecastSection` gives, so the thread count changes
 * nothing but the time.
 */
export async function forecastBatch(
  tasks: ReadonlyArray<Omit<BatchTask, "index">>,
  threads: number,
  workerFile = WORKER_FILE,
): Promise<ForecastSection[]> {
  const n = Math.max(1, Math.min(threads, tasks.length));
  if (n <= 1 || !existsSync(workerFile)) return tasks.map((t) => buildForecastSection(t.scenario, t.options));
  const results: ForecastSection[] = new Array(tasks.length);
  let next = 0;
  let done = 0;
  const workers: Worker[] = [];
  return new Promise((resolve, reject) => {
    let settled = false;
    const finish = (err?: Error) => {
      if (settled) return;
      settled = true;
      for (const w of workers) void w.terminate();
      if (err) reject(err);
      else resolve(results);
    };
    const feed = (w: Worker) => {
      if (next >= tasks.length) return;
      const index = next++;
      w.postMessage({ index, ...tasks[index]! } satisfies BatchTask);
    };
    for (let t = 0; t < n; t++) {
      const w = new Worker(workerFile);
      workers.push(w);
      w.on("message", (msg: BatchReply) => {
        if ("error" in msg) return finish(new Error(msg.error));
        results[msg.index] = msg.section;
        done++;
        if (done === tasks.length) finish();
        else feed(w);
      });
      w.on("error", (e) => finish(e instanceof Error ? e : new Error(String(e))));
      feed(w);
    }
  });
}
