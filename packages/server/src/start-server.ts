import { loadAuditSigner, openStore, type Store } from "@entente/store";
import { serve } from "@hono/node-server";
import { createApp } from "./app.js";
import { type BootstrapResult, bootstrap } from "./bootstrap.js";

export interface StartServerOptions {
  /** @default 8787 */
  port?: number;
  /** Loopback by default: exposing the API is a deliberate choice. @default "127.0.0.1" */
  host?: string;
  /** Embedded store directory (ignored when `databaseUrl` is set). @default ".entente-data" */
  dataDir?: string;
  databaseUrl?: string | undefined;
  defaultScenario?: { text: string; fileName: string } | undefined;
}

export interface RunningServer {
  url: string;
  store: Store;
  firstStart: BootstrapResult;
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
  const { app } = createApp({ store });
  const host = options.host ?? "127.0.0.1";
  let closeServer: () => Promise<void> = async () => {};
  const port = await new Promise<number>((resolve) => {
    const s = serve({ fetch: app.fetch, port: options.port ?? 8787, hostname: host }, (info) =>
      resolve(info.port),
    );
    closeServer = () =>
      new Promise<void>((r) => {
        s.close(() => r());
        // Open event streams (monitoring SSE) would otherwise hold close() until their clients leave.
        if ("closeAllConnections" in s) s.closeAllConnections();
      });
  });
  return {
    url: `http://${host.includes(":") ? `[${host}]` : host}:${port}`,
    store,
    firstStart,
    async close() {
      await closeServer();
      await store.db.close();
    },
  };
}
