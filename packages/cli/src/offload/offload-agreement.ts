import { existsSync } from "node:fs";
import { Worker } from "node:worker_threads";
import type { Scenario } from "@entente/core";
import { CliError, EXIT } from "../io/cli-error.js";
import { findUpwards } from "../io/find-upwards.js";

/** The bundled worker beside the bundled CLI (dist/); absent when running from TypeScript sources. */
const WORKER_FILE = findUpwards(import.meta.url, "agreement-worker.js", 1);

type Reply = { ok: true; data: unknown } | { ok: false; badInput: boolean; message: string };

/** An agreement section being built on another thread; `result` settles once the scenario is sent. */
export interface OffloadedSection {
  send(scenario: Scenario): void;
  result(): Promise<unknown>;
  cancel(): void;
}

/**
 * Starts the agreement worker, or returns null when there is none to start (running from sources).
 * The worker does not keep the process alive, so an early error exit is not held up by it.
 */
export function offloadAgreementSection(): OffloadedSection | null {
  if (!WORKER_FILE || !existsSync(WORKER_FILE)) return null;
  const worker = new Worker(WORKER_FILE);
  worker.unref();
  const reply = new Promise<unknown>((resolve, reject) => {
    worker.once("message", (r: Reply) => {
      void worker.terminate();
      if (r.ok) resolve(r.data);
      else reject(r.badInput ? new CliError(r.message, EXIT.badInput) : new Error(r.message));
    });
    worker.once("error", reject);
  });
  return {
    send: (scenario) => worker.postMessage(scenario),
    result: () => reply,
    cancel: () => void worker.terminate(),
  };
}
