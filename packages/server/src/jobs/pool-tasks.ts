import { randomBytes } from "node:crypto";
import {
  type ForecastInput,
  type ForecastModelName,
  type ModelOptions,
  type ParseScenarioOptions,
  parseScenario,
  runDrawBlock,
} from "@entente/core";
import { argon2id, argon2Verify } from "hash-wasm";

/**
 * The CPU-heavy tasks a worker thread can run, by kind. Each takes and returns structured-clone
 * values only (no functions, no class instances), since inputs and outputs cross a thread boundary.
 * Adding a kind here adds it to the bundled worker (dist/pool-worker.js) and to `runOnPool`.
 */
export const poolTasks = {
  /** argon2id (RFC 9106) with a fresh 16-byte salt; returns the PHC string. */
  "argon2.hash": (input: { password: string; memoryKiB: number; iterations: number }): Promise<string> =>
    argon2id({
      password: input.password,
      salt: randomBytes(16),
      parallelism: 1,
      iterations: input.iterations,
      memorySize: input.memoryKiB,
      hashLength: 32,
      outputType: "encoded",
    }),
  /** Checks a password against a PHC string; false for a malformed one. */
  "argon2.verify": async (input: { password: string; hash: string }): Promise<boolean> => {
    try {
      return await argon2Verify({ password: input.password, hash: input.hash });
    } catch {
      return false;
    }
  },
  /** Parses and validates a scenario file (the located errors when it is not valid). */
  "scenario.validate": (input: { text: string; fileName: string; options?: ParseScenarioOptions }) =>
    parseScenario(input.text, input.fileName, input.options),
  /** Draws [from, to) of a seeded Monte Carlo (see runDrawBlock): deterministic per (seed, draw). */
  "forecast.draws": (input: {
    input: ForecastInput;
    model: ForecastModelName;
    seed: number;
    from: number;
    to: number;
    modelOptions?: ModelOptions;
  }) =>
    runDrawBlock(input.input, input.model, input.seed, input.from, input.to, undefined, input.modelOptions),
  /** Busy-waits `ms` milliseconds and returns the thread's id: for tests and benchmarks of the pool. */
  "test.spin": async (input: { ms: number }): Promise<number> => {
    const { threadId } = await import("node:worker_threads");
    const end = Date.now() + input.ms;
    while (Date.now() < end) {
      // spin
    }
    return threadId;
  },
};

export type PoolTaskKind = keyof typeof poolTasks;
export type PoolTaskInput<K extends PoolTaskKind> = Parameters<(typeof poolTasks)[K]>[0];
export type PoolTaskOutput<K extends PoolTaskKind> = Awaited<ReturnType<(typeof poolTasks)[K]>>;

/** What crosses to the worker: the task's kind and its input. */
export interface PoolMessage {
  kind: PoolTaskKind;
  input: unknown;
}

/** Runs one task by kind (in whichever thread calls it). */
export async function runPoolTask(msg: PoolMessage): Promise<unknown> {
  if (!Object.hasOwn(poolTasks, msg.kind)) throw new TypeError(`unknown pool task '${String(msg.kind)}'`);
  const task = poolTasks[msg.kind] as (input: unknown) => unknown;
  return task(msg.input);
}
