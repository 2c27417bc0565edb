import { availableParallelism } from "node:os";
import type { startWorker } from "@entente/server";
import { type Command, InvalidArgumentError } from "commander";
import { CliError, EXIT } from "../io/cli-error.js";

interface WorkerOptions {
  databaseUrl?: string;
  threads?: number;
}

function parseThreads(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 1024)
    throw new InvalidArgumentError("expected a whole number from 1");
  return n;
}

/** `entente worker`: runs jobs from the PostgreSQL queue on a pool of worker threads. */
export function registerWorker(program: Command): void {
  program
    .command("worker")
    .description(
      "run jobs (analyses, Monte Carlo shards, validations) from the PostgreSQL queue shared with `entente serve`",
    )
    .option(
      "--database-url <url>",
      "PostgreSQL connection string (default: $DATABASE_URL)",
      process.env.DATABASE_URL,
    )
    .option(
      "--threads <n>",
      `worker threads, i.e. jobs at once (default: $ENTENTE_POOL_THREADS or this machine's ${availableParallelism()})`,
      parseThreads,
    )
    .action(async (opts: WorkerOptions) => {
      if (!opts.databaseUrl)
        throw new CliError(
          "a worker needs the PostgreSQL database the servers use: set DATABASE_URL or pass --database-url " +
            "(on the embedded store, `entente serve` runs the jobs itself)",
          EXIT.badInput,
        );
      let worker: Awaited<ReturnType<typeof startWorker>>;
      try {
        const { startWorker } = await import("@entente/server");
        worker = await startWorker({
          databaseUrl: opts.databaseUrl,
          ...(opts.threads !== undefined ? { threads: opts.threads } : {}),
          log: (level, msg, fields) =>
            process.stderr.write(
              `${JSON.stringify({ level, time: new Date().toISOString(), msg, ...fields })}\n`,
            ),
        });
      } catch (e) {
        const msg = e instanceof Error ? e.message : String(e);
        throw new CliError(`cannot start the worker: ${msg}`, EXIT.failure);
      }
      process.stdout.write(
        `entente: worker ${worker.workerId} taking jobs with ${worker.threads} thread(s) (Ctrl-C stops; running jobs go back to the queue)\n`,
      );
      await new Promise<void>((resolve) => {
        const stop = () => {
          process.off("SIGINT", stop);
          process.off("SIGTERM", stop);
          void worker.close().then(resolve, resolve);
        };
        process.on("SIGINT", stop);
        process.on("SIGTERM", stop);
      });
      process.stdout.write("entente: worker stopped\n");
    });
}
