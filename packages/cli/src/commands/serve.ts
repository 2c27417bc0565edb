import { readFileSync } from "node:fs";
import type { startServer } from "@entente/server";
import { type Command, InvalidArgumentError } from "commander";
import { CliError, EXIT } from "../io/cli-error.js";
import { DEFAULT_SCENARIO } from "../io/load-scenario.js";

interface ServeOptions {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  defaultScenario: boolean;
  jobs: boolean;
}

function parsePort(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65_535)
    throw new InvalidArgumentError("expected a port from 0 to 65535");
  return n;
}

/** `entente serve`: the negotiation platform's HTTP API over the embedded store (or PostgreSQL). */
export function registerServe(program: Command): void {
  program
    .command("serve")
    .description(
      "serve the negotiation platform's HTTP API (embedded store, or PostgreSQL when DATABASE_URL is set)",
    )
    .option(
      "-p, --port <port>",
      "port to listen on (0 picks a free one)",
      parsePort,
      Number(process.env.PORT ?? 8787),
    )
    .option("--host <host>", "address to listen on; loopback unless you mean to expose it", "127.0.0.1")
    .option(
      "-d, --data-dir <dir>",
      "directory of the embedded store",
      process.env.ENTENTE_DATA_DIR ?? ".entente-data",
    )
    .option(
      "--database-url <url>",
      "PostgreSQL connection string (default: $DATABASE_URL)",
      process.env.DATABASE_URL,
    )
    .option("--no-default-scenario", "do not load the default scenario on first start")
    .option(
      "--no-jobs",
      "on PostgreSQL, leave jobs to `entente worker` processes instead of running them here",
    )
    .action(async (opts: ServeOptions) => {
      let defaultScenario: { text: string; fileName: string } | undefined;
      if (opts.defaultScenario) {
        try {
          defaultScenario = { text: readFileSync(DEFAULT_SCENARIO, "utf8"), fileName: DEFAULT_SCENARIO };
        } catch {
          process.stderr.write(
            `entente: default scenario not found at ${DEFAULT_SCENARIO}; starting without it\n`,
          );
        }
      }
      let server: Awaited<ReturnType<typeof startServer>>;
      try {
        // Loaded here, not at the top: the server, the store and PGlite are heavy, and no other
        // command should pay for loading them.
        const { startServer } = await import("@entente/server");
        server = await startServer({
          port: opts.port,
          host: opts.host,
          dataDir: opts.dataDir,
          databaseUrl: opts.databaseUrl || undefined,
          defaultScenario,
          runJobs: opts.jobs,
        });
      } catch (e) {
        const msg = e instanceof Error ? e.message : String(e);
        throw new CliError(`cannot start the server: ${msg}`, EXIT.failure);
      }
      const store = opts.databaseUrl ? "PostgreSQL" : `embedded store in ${opts.dataDir}`;
      process.stdout.write(`entente: serving ${server.url}/api (${store})\n`);
      process.stdout.write(`entente: OpenAPI description at ${server.url}/api/openapi.json\n`);
      process.stdout.write(`entente: web UI at ${server.url}/\n`);
      const first = server.firstStart;
      if (first.admin) {
        process.stdout.write(
          `entente: first start — created user '${first.admin.name}' with one-time password: ${first.admin.oneTimePassword}\n` +
            "entente: it is shown only now; sign in with POST /api/login and keep it safe\n",
        );
      }
      if (first.scenario) {
        process.stdout.write(
          `entente: loaded the default scenario '${first.scenario.slug}' (version ${first.scenario.version})\n`,
        );
      }
      process.stdout.write("entente: ready (Ctrl-C stops)\n");
      await new Promise<void>((resolve) => {
        const stop = () => {
          process.off("SIGINT", stop);
          process.off("SIGTERM", stop);
          void server.close().then(resolve, resolve);
        };
        process.on("SIGINT", stop);
        process.on("SIGTERM", stop);
      });
    });
}
