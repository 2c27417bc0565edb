import { hostname } from "node:os";
import { loadAuditSigner, openStore, type Store } from "@entente/store";
import { serve } from "@hono/node-server";
import { destination, pino } from "pino";
import { createApp } from "./app.js";
import { type BootstrapResult, bootstrap } from "./bootstrap.js";
import { closeCpuPool, cpuPool, defaultPoolThreads } from "./jobs/pool.js";
import type { JobQueue } from "./jobs/queue.js";
import { inProcessJobQueue, poolAnalyses, postgresJobQueue } from "./jobs/setup.js";
import { endMonitoringStreams } from "./monitoring-hub.js";
import { endNegotiationStreams } from "./routes/negotiation-stream.js";
import { WebhookDispatcher } from "./webhooks/dispatcher.js";

export interface StartServerOptions {
  /** @default 8787 */
  port?: number;
  /** Loopback by default: exposing the API is a deliberate choice. @default "127.0.0.1" */
  host?: string;
  /** Embedded store directory (ignored when `databaseUrl` is set). @default ".entente-data" */
  dataDir?: string;
  databaseUrl?: string | undefined;
  defaultScenario?: { text: string; fileName: string } | undefined;
  /**
   * Whether this process also runs jobs. On the embedded store it always does (nobody else can);
   * on PostgreSQL, `false` leaves them to `entente worker` processes. @default true
   */
  runJobs?: boolean;
  /** How long `close()` waits for requests in flight before cutting connections. @default 10_000 */
  drainMs?: number;
  /**
   * Host names the server answers for (DNS-rebinding defence). @default on a loopback address:
   * localhost, 127.0.0.1 and [::1]; on another address: that address; on a wildcard address (0.0.0.0,
   * ::): any host. Names in $ENTENTE_ALLOWED_HOSTS (comma-separated) are added.
   */
  allowedHosts?: readonly string[] | undefined;
  /**
   * Deliver webhooks to loopback, private and link-local addresses too. @default
   * ENTENTE_WEBHOOK_ALLOW_PRIVATE=1 in the environment, else false
   */
  webhookAllowPrivate?: boolean;
}

const LOOPBACK = ["localhost", "127.0.0.1", "[::1]"];

/** The Host names a server bound to `host` answers for by default (see StartServerOptions). */
export function defaultAllowedHosts(
  host: string,
  env: Record<string, string | undefined> = process.env,
): string[] | undefined {
  const extra = (env.ENTENTE_ALLOWED_HOSTS ?? "")
    .split(",")
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean);
  if (host === "0.0.0.0" || host === "::" || host === "") return extra.length ? [...extra] : undefined;
  const bound = host.includes(":") ? `[${host.toLowerCase()}]` : host.toLowerCase();
  if (LOOPBACK.includes(bound) || bound === "[::1]") return [...LOOPBACK, ...extra];
  return [bound, ...extra];
}

export interface RunningServer {
  url: string;
  store: Store;
  jobs: JobQueue;
  firstStart: BootstrapResult;
  /**
   * Graceful shutdown: stops accepting connections, lets requests in flight finish (up to
   * `drainMs`), ends event streams, hands running jobs back to the queue, then closes the store.
   */
  close(): Promise<void>;
}

/** Opens the store, runs first-start set-up, and serves the API until `close()`. */
export async function startServer(options: StartServerOptions = {}): Promise<RunningServer> {
  const store = await openStore({
    databaseUrl: options.databaseUrl,
    dataDir: options.databaseUrl ? undefined : (options.dataDir ?? ".entente-data"),
    // The audit signing key lives in the data directory (or $ENTENTE_AUDIT_KEY_FILE) on PostgreSQL
    // too: outside the database, so whoever can edit the database still cannot sign a head.
    auditSigner: loadAuditSigner({ dataDir: options.dataDir ?? ".entente-data" }),
  });
  const firstStart = await bootstrap(store, { defaultScenario: options.defaultScenario });
  const host = options.host ?? "127.0.0.1";
  // One core stays free for this process's event loop (see defaultPoolThreads).
  const pool = cpuPool({ threads: defaultPoolThreads(process.env, 1) });
  const analyses = poolAnalyses(pool);
  let jobs: JobQueue;
  if (options.databaseUrl) {
    jobs = postgresJobQueue(store.db, options.databaseUrl, analyses, { pool });
    if (options.runJobs !== false) await jobs.start(Math.max(1, pool.threads));
  } else jobs = inProcessJobQueue(store.db, analyses);
  // One JSON line per request on stderr (stdout carries the CLI's own messages). Written
  // asynchronously: a synchronous write per request held the event loop whenever stderr was slow
  // (a busy disk or a full pipe), which under load was a tenth of the event loop's time (issue 13).
  // pino flushes what is left when the process exits, and close() below flushes too.
  const logger = pino(
    { base: { instance: `${hostname()}:${process.pid}` } },
    destination({ dest: 2, sync: false }),
  );
  const webhookAllowPrivate =
    options.webhookAllowPrivate ?? process.env.ENTENTE_WEBHOOK_ALLOW_PRIVATE === "1";
  const { app } = createApp({
    logger,
    store,
    analyses,
    jobs,
    allowedHosts: options.allowedHosts ?? defaultAllowedHosts(host),
    webhookAllowPrivate,
  });
  // Every instance feeds and delivers webhooks; the outbox keeps them from doing the same work twice.
  const webhooks = new WebhookDispatcher(store, () => new Date(), {
    allowPrivate: webhookAllowPrivate,
    publicUrl: process.env.ENTENTE_PUBLIC_URL,
  });
  webhooks.start();
  let server: ReturnType<typeof serve> | undefined;
  const port = await new Promise<number>((resolve) => {
    server = serve({ fetch: app.fetch, port: options.port ?? 8787, hostname: host }, (info) =>
      resolve(info.port),
    );
  });
  const closeServer = () =>
    new Promise<void>((resolve) => {
      const s = server!;
      s.close(() => resolve());
      // Idle keep-alive connections would hold close() until they time out.
      if ("closeIdleConnections" in s) s.closeIdleConnections();
      // Event streams never end by themselves: they, and requests still running after the drain
      // period, are cut (an SSE client reconnects, to another instance behind a load balancer).
      const cut = setTimeout(() => {
        if ("closeAllConnections" in s) s.closeAllConnections();
      }, options.drainMs ?? 10_000);
      cut.unref();
      // Streams end now (the client reconnects elsewhere); plain requests finish first.
      endMonitoringStreams(store.db);
      endNegotiationStreams(store.db);
    });
  let closing: Promise<void> | undefined;
  return {
    url: `http://${host.includes(":") ? `[${host}]` : host}:${port}`,
    store,
    jobs,
    firstStart,
    close() {
      closing ??= (async () => {
        await closeServer();
        await webhooks.stop();
        await jobs.stop();
        await closeCpuPool();
        await store.db.close();
        logger.flush();
      })();
      return closing;
    },
  };
}
