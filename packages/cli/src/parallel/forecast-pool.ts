import { existsSync } from "node:fs";
import { Worker } from "node:worker_threads";
import {
  type DrawBlock,
  type ForecastInput,
  type ForecastModelName,
  type IssueDistribution,
  type ModelOptions,
  runDrawBlock,
  summarizeDraws,
} from "@entente/core";
import { findUpwards } from "../io/find-upwards.js";

/** Raised when the caller's signal aborts a run (Ctrl-C); the CLI reports it without a stack trace. */
export class CancelledError extends Error {
  readonly code = "cancelled";
  constructor() {
    super("cancelled");
    this.name = "CancelledError";
  }
}

export interface PoolOptions {
  /**
   * Worker threads; 0 or 1 runs in this thread.
   * @default 2
   */
  threads?: number;
  /**
   * Most draws handed to a worker at a time (shares shrink toward the end of the run).
   * @default 250
   */
  chunk?: number;
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
  /** The bundled worker file; defaults to forecast-worker.js beside this module (dist/). */
  workerFile?: string;
}

/** The smallest share handed to a worker: the block size it posts back (forecast-worker.ts). */
const MIN_SHARE = 25;

/** The bundled worker beside the bundled CLI (dist/); absent when running from TypeScript sources. */
const WORKER_FILE = findUpwards(import.meta.url, "forecast-worker.js", 1) ?? "forecast-worker.js";

/**
 * Runs a Monte Carlo over worker threads. Each draw's random numbers come from (seed, draw index), and
 * the summary depends only on the set of draws, so any thread count gives the same numbers.
 */
export async function monteCarloParallel(
  input: ForecastInput,
  model: ForecastModelName,
  runs: number,
  seed: number,
  modelOptions: ModelOptions = {},
  options: PoolOptions = {},
): Promise<IssueDistribution[]> {
  const threads = Math.max(1, Math.min(options.threads ?? 2, Math.ceil(runs / 50)));
  const workerFile = options.workerFile ?? WORKER_FILE;
  const blocks =
    threads > 1 && existsSync(workerFile)
      ? await inWorkers(input, model, runs, seed, modelOptions, threads, { ...options, workerFile })
      : await inThisThread(input, model, runs, seed, modelOptions, options);
  return summarizeDraws(input, blocks);
}

async function inThisThread(
  input: ForecastInput,
  model: ForecastModelName,
  runs: number,
  seed: number,
  modelOptions: ModelOptions,
  options: PoolOptions,
): Promise<DrawBlock[]> {
  const blocks: DrawBlock[] = [];
  for (let from = 0; from < runs; from += 25) {
    if (options.signal?.aborted) throw new CancelledError();
    blocks.push(runDrawBlock(input, model, seed, from, Math.min(runs, from + 25), undefined, modelOptions));
    options.onProgress?.(Math.min(runs, from + 25), runs);
    // Yield to the event loop so a SIGINT handler can run between blocks.
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return blocks;
}

function inWorkers(
  input: ForecastInput,
  model: ForecastModelName,
  runs: number,
  seed: number,
  modelOptions: ModelOptions,
  threads: number,
  options: PoolOptions,
): Promise<DrawBlock[]> {
  const chunk = options.chunk ?? 250;
  const blocks: DrawBlock[] = [];
  let next = 0;
  let done = 0;
  const workers: Worker[] = [];
  return new Promise<DrawBlock[]>((resolve, reject) => {
    let settled = false;
    const finish = (err?: Error) => {
      if (settled) return;
      settled = true;
      options.signal?.removeEventListener("abort", onAbort);
      for (const w of workers) void w.terminate();
      if (err) reject(err);
      else resolve(blocks);
    };
    const onAbort = () => finish(new CancelledError());
    if (options.signal?.aborted) return finish(new CancelledError());
    options.signal?.addEventListener("abort", onAbort);
    const feed = (w: Worker) => {
      if (next >= runs) return false;
      const from = next;
      // Guided self-scheduling: shares shrink with the work left (down to one posted block of 25),
      // so the threads finish together instead of one idling while another ends a whole chunk.
      const share = Math.ceil((runs - next) / (2 * threads));
      next = Math.min(runs, next + Math.max(MIN_SHARE, Math.min(chunk, share)));
      w.postMessage({ from, to: next });
      return true;
    };
    let busy = 0;
    for (let t = 0; t < threads; t++) {
      const w = new Worker(options.workerFile ?? WORKER_FILE, {
        workerData: { input, model, seed, modelOptions },
      });
      workers.push(w);
      w.on("message", (msg: { type: "block"; block: DrawBlock } | { type: "idle" }) => {
        if (msg.type === "block") {
          blocks.push(msg.block);
          done += msg.block.to - msg.block.from;
          options.onProgress?.(done, runs);
        } else if (!feed(w)) {
          busy--;
          if (busy === 0) finish();
        }
      });
      w.on("error", (e) => finish(e instanceof Error ? e : new Error(String(e))));
      if (feed(w)) busy++;
    }
  });
}
