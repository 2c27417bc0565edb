import { randomBytes } from "node:crypto";
import {
  type AnalysisOptions,
  type JobInput as CoreJobInput,
  type JobKind as CoreJobKind,
  contentHash,
  engineOracle,
  type ForecastInput,
  type ForecastModelName,
  JOB_HANDLERS,
  type ModelOptions,
  type ParseScenarioOptions,
  parseScenario,
  runDrawBlock,
  type Scenario,
  type ScenarioSource,
  scenarioFromSource,
} from "@entente/core";
import { argon2id, argon2Verify } from "hash-wasm";
import { defaultAnalyses } from "../analyses.js";
import { checkScenarioTextHere, checkValidationRequest } from "../scenario-check.js";

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
  /** Checks uploaded scenario text as the API does (nesting, JSON syntax, the model's parser). */
  "scenario.check": (input: { text: string; format: "yaml" | "json" }) =>
    checkScenarioTextHere(input.text, input.format),
  /** Checks a validation request's raw body, then the scenario in it (see checkValidationRequest). */
  "scenario.check-request": (input: { bytes: Uint8Array }) => checkValidationRequest(input.bytes),
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
  /**
   * One of the API's default analyses (see analyses.ts) of a scenario, given parsed or as its text
   * (then parsed here, once per thread for the same text); progress is not reported.
   */
  "analysis.engine": async (
    input: { engine: string; options?: AnalysisOptions } & (
      | { scenario: Scenario }
      | { source: { text: string; file?: string } }
    ),
  ): Promise<unknown> => {
    const engines = defaultAnalyses(engineOracle);
    const run = Object.hasOwn(engines, input.engine) ? engines[input.engine] : undefined;
    if (!run) throw new TypeError(`unknown engine '${input.engine}'`);
    const scenario = "source" in input ? parsedOnce(input.source) : input.scenario;
    return run(scenario, () => undefined, input.options);
  },
  /**
   * A stored scenario version's id and content hash (contentHash: SHA-256 of its canonical JSON), from
   * its text as uploaded, else from `parsed` (the stored form) when the text no longer parses.
   */
  "scenario.provenance": (input: {
    text: string;
    fileName: string;
    options?: ParseScenarioOptions;
    parsed: unknown;
  }): { id: string; hash: string } => {
    let scenario = input.parsed as Scenario;
    try {
      const r = parseScenario(input.text, input.fileName, input.options);
      if (r.ok) scenario = r.scenario;
    } catch {
      // unreadable now (a stack overflow on pathological text, say): the stored form stands
    }
    return { id: scenario.id, hash: contentHash(scenario) };
  },
  /** One of core's job handlers (JOB_HANDLERS: sweeps, Monte Carlo shards, validations, searches). */
  "core.job": async <K extends CoreJobKind>(input: { kind: K; input: CoreJobInput<K> }): Promise<unknown> => {
    if (!Object.hasOwn(JOB_HANDLERS, input.kind)) throw new TypeError(`unknown job kind '${input.kind}'`);
    const payload = input.input as { scenario?: ScenarioSource };
    // The parts of one run carry the same scenario text: this thread parses it once.
    const source = payload.scenario;
    const withScenario =
      source && "text" in source ? { ...payload, scenario: { scenario: parsedOnce(source) } } : payload;
    return (JOB_HANDLERS[input.kind] as (i: unknown) => unknown)(withScenario);
  },
  /** The calling thread's nice value (its CPU priority; higher is lower): for tests of the pool. */
  "test.nice": async (_input: Record<string, never>): Promise<number> =>
    (await import("node:os")).getPriority(),
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

const parsed = new Map<string, Scenario>();

/** A scenario text parsed once per thread (the last 8 texts are kept); throws on a bad one. */
function parsedOnce(source: { text: string; file?: string }): Scenario {
  const key = `${source.file ?? ""}\n${source.text}`;
  let s = parsed.get(key);
  if (!s) {
    s = scenarioFromSource(source);
    if (parsed.size >= 8) parsed.delete(parsed.keys().next().value!);
    parsed.set(key, s);
  }
  return s;
}

/** What crosses to the worker: the task's kind and its input. */
export interface PoolMessage {
  kind: PoolTaskKind;
  input: unknown;
}

/** A task's outcome as it crosses back: errors as plain fields, since a thrown error loses its `code`. */
export type PoolReply =
  | { ok: true; value: unknown }
  | { ok: false; name: string; message: string; code?: string; path?: unknown };

/** Runs one task by kind (in whichever thread calls it). */
export async function runPoolTask(msg: PoolMessage): Promise<PoolReply> {
  try {
    if (!Object.hasOwn(poolTasks, msg.kind)) throw new TypeError(`unknown pool task '${String(msg.kind)}'`);
    const task = poolTasks[msg.kind] as (input: unknown) => unknown;
    return { ok: true, value: await task(msg.input) };
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    const code = (err as { code?: unknown }).code;
    const path = (err as { path?: unknown }).path;
    return {
      ok: false,
      name: err.name,
      message: err.message,
      ...(typeof code === "string" ? { code } : {}),
      ...(path !== undefined ? { path } : {}),
    };
  }
}

/** The error a failed task raised, rebuilt on the caller's side with its name and code. */
export class PoolTaskError extends Error {
  readonly code: string | undefined;
  constructor(reply: Extract<PoolReply, { ok: false }>) {
    super(reply.message);
    this.name = reply.name;
    this.code = reply.code;
  }
}
