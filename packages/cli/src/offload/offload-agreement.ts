import { existsSync } from "node:fs";
import { Worker } from "node:worker_threads";
import type { ResolvedAnalysisOptions, Scenario } from "@entente/core";
import { CliError, EXIT } from "../io/cli-error.js";
import { findUpwards } from "../io/find-upwards.js";

/** The bundled worker beside the bundled CLI (dist/); absent when running from TypeScript sources. */
const WORKER_FILE = findUpwards(import.meta.url, "agreement-worker.js", 1);

type Reply = { ok: true; data: unknown } | { ok: false; badInput: boolean; message: string };

/**
 * An agreement section being built on another thread. `result` settles once the scenario is sent:
 * with the section, with a bad-input CliError, or with `undefined` when the worker could not do the
 * work (it failed to start or crashed) and the caller should build the section itself.
 */
export interface OffloadedSection {
  send(scenario: Scenario, options: ResolvedAnalysisOptions): void;
  result(): Promise<unknown>;
  cancel(): void;
}

/**
 * Starts the agreement worker, or returns null when there is none to start (running from sources).
 * The worker does not keep the process alive, so an early error exit is not held up by it.
 */
export function offloadAgreementSection(workerFile = WORKER_FILE): OffloadedSection | null {
  if (!workerFile || !existsSync(workerFile)) return null;
  const worker = new Worker(workerFile);
  worker.unref();
  const reply = new Promise<unknown>((resolve, reject) => {
    worker.once("message", (r: Reply) => {
      void worker.terminate();
      if (r.ok) resolve(r.data);
      else if (r.badInput) reject(new CliError(r.message, EXIT.badInput));
      else resolve(undefined);
    });
    worker.once("error", () => resolve(undefined));
    worker.once("exit", () => resolve(undefined));
  });
  return {
    send: (scenario, options) => worker.postMessage({ scenario, options }),
    result: () => reply,
    cancel: () => void worker.terminate(),
  };
}
