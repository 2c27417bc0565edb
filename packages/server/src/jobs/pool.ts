import { createHash } from "node:crypto";
import { existsSync, mkdirSync, renameSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Piscina } from "piscina";
import {
  type PoolReply,
  PoolTaskError,
  type PoolTaskInput,
  type PoolTaskKind,
  type PoolTaskOutput,
  runPoolTask,
} from "./pool-tasks.js";

const unwrap = <T>(reply: PoolReply): T => {
  if (!reply.ok) throw new PoolTaskError(reply);
  return reply.value as T;
};

/** Raised when a task's signal aborts it: the thread running it is stopped, not left to finish. */
export class PoolCancelledError extends Error {
  readonly code = "cancelled";
  constructor() {
    super("the task was cancelled");
    this.name = "PoolCancelledError";
  }
}

export interface CpuPoolOptions {
  /**
   * Worker threads; 0 runs every task in the calling thread (no isolation, no parallelism).
   * @default $ENTENTE_POOL_THREADS, else the machine's available parallelism
   */
  threads?: number;
  /** The worker entry; defaults to the bundled dist/pool-worker.js, or a bundle built from source. */
  workerFile?: string;
  /** Milliseconds an idle thread is kept before it exits. @default 30_000 */
  idleTimeoutMs?: number;
}

/** A pool of worker threads for CPU-heavy work, so it never holds a process's event loop. */
export interface CpuPool {
  readonly threads: number;
  run<K extends PoolTaskKind>(
    kind: K,
    input: PoolTaskInput<K>,
    options?: { signal?: AbortSignal },
  ): Promise<PoolTaskOutput<K>>;
  /** Tasks waiting for a thread plus tasks running. */
  pending(): number;
  close(): Promise<void>;
}

/**
 * Thread count from $ENTENTE_POOL_THREADS (a whole number ≥ 0), else the machine's parallelism less
 * `reserve` cores (at least 1). A server reserves one core for its event loop, so that pool threads
 * busy with validations and analyses never take the CPU the requests need (issue 13: on 2 cores,
 * 2 pool threads left `/api/health` waiting behind them).
 */
export function defaultPoolThreads(
  env: Record<string, string | undefined> = process.env,
  reserve = 0,
  cores = availableParallelism(),
): number {
  const raw = env.ENTENTE_POOL_THREADS;
  if (raw !== undefined && raw !== "") {
    const n = Number(raw);
    if (Number.isInteger(n) && n >= 0) return n;
  }
  return Math.max(1, cores - reserve);
}

/**
 * The bundled worker beside the bundled CLI: this module is bundled into packages/cli/dist/ or
 * dist/chunks/, and the worker is packages/cli/dist/pool-worker.js. Absent when running from sources.
 */
function bundledWorkerFile(): string | undefined {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 2; i++) {
    const candidate = join(dir, "pool-worker.js");
    if (existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  return undefined;
}

let sourceBuild: Promise<string> | undefined;

/**
 * Running from TypeScript (vitest, tsx), plain Node cannot load the worker's sources in a thread, so
 * the worker is bundled with esbuild (a development dependency) into node_modules/.cache,
 * exactly as scripts/build.mjs bundles it: workspace packages inside, third-party ones from node_modules.
 */
function workerFromSource(): Promise<string> {
  sourceBuild ??= (async () => {
    const name = "esbuild"; // not a literal: the CLI bundle must not try to bundle esbuild itself
    const { build } = (await import(name)) as typeof import("esbuild");
    // Inside the repository's node_modules, so the bundle's third-party imports resolve from there.
    const here = dirname(fileURLToPath(import.meta.url));
    const cache = join(here, "../../../../node_modules/.cache");
    mkdirSync(cache, { recursive: true });
    const out = await build({
      entryPoints: [join(here, "pool-worker.ts")],
      write: false,
      bundle: true,
      platform: "node",
      format: "esm",
      target: "node20",
      conditions: ["source"],
      logLevel: "error",
      banner: {
        js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
      },
      plugins: [
        {
          name: "third-party-external",
          setup(b) {
            b.onResolve({ filter: /^[^./]/ }, (args) =>
              args.path.startsWith("@entente/") ? undefined : { path: args.path, external: true },
            );
          },
        },
      ],
    });
    // Named by its content: one file per version of the sources, however many processes build it.
    const code = out.outputFiles[0]!.contents;
    const outfile = join(
      cache,
      `entente-pool-worker-${createHash("sha256").update(code).digest("hex").slice(0, 16)}.mjs`,
    );
    if (!existsSync(outfile)) {
      const tmp = `${outfile}.${process.pid}.tmp`;
      writeFileSync(tmp, code);
      renameSync(tmp, outfile);
    }
    return outfile;
  })();
  return sourceBuild;
}

/**
 * Creates a pool of worker threads (piscina). Threads start on demand and stop after being idle,
 * so an idle pool costs nothing; tasks beyond the thread count wait in a queue.
 */
export function createCpuPool(options: CpuPoolOptions = {}): CpuPool {
  const threads = options.threads ?? defaultPoolThreads();
  let pending = 0;
  if (threads === 0) {
    return {
      threads,
      async run(kind, input, opts) {
        if (opts?.signal?.aborted) throw new PoolCancelledError();
        pending++;
        try {
          return unwrap<PoolTaskOutput<typeof kind>>(await runPoolTask({ kind, input }));
        } finally {
          pending--;
        }
      },
      pending: () => pending,
      close: async () => {},
    };
  }
  let piscina: Promise<Piscina> | undefined;
  let closed = false;
  const start = (): Promise<Piscina> => {
    piscina ??= (async () => {
      const filename = options.workerFile ?? bundledWorkerFile() ?? (await workerFromSource());
      return new Piscina({
        filename,
        minThreads: 0,
        maxThreads: threads,
        idleTimeout: options.idleTimeoutMs ?? 30_000,
      });
    })();
    return piscina;
  };
  return {
    threads,
    async run(kind, input, opts) {
      if (closed) throw new Error("the CPU pool is closed");
      if (opts?.signal?.aborted) throw new PoolCancelledError();
      pending++;
      try {
        const p = await start();
        return unwrap<PoolTaskOutput<typeof kind>>(
          await p.run({ kind, input }, opts?.signal ? { signal: opts.signal } : {}),
        );
      } catch (e) {
        if (opts?.signal?.aborted) throw new PoolCancelledError();
        throw e;
      } finally {
        pending--;
      }
    },
    pending: () => pending,
    async close() {
      closed = true;
      if (piscina) await (await piscina).destroy();
    },
  };
}

let shared: CpuPool | undefined;

/**
 * The process's shared pool, created on first use with `options` (by default
 * {@link defaultPoolThreads} threads); later calls get the same pool whatever they pass.
 */
export function cpuPool(options?: CpuPoolOptions): CpuPool {
  shared ??= createCpuPool(options);
  return shared;
}

/**
 * Runs a CPU-heavy task on the process's shared pool of worker threads, so the event loop stays free
 * for requests: `await runOnPool("argon2.hash", { password, memoryKiB, iterations })`.
 */
export function runOnPool<K extends PoolTaskKind>(
  kind: K,
  input: PoolTaskInput<K>,
  options?: { signal?: AbortSignal },
): Promise<PoolTaskOutput<K>> {
  return cpuPool().run(kind, input, options);
}

/** Stops the shared pool's threads (graceful shutdown); the next `runOnPool` starts a new pool. */
export async function closeCpuPool(): Promise<void> {
  const p = shared;
  shared = undefined;
  await p?.close();
}
