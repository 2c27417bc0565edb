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
  /**
   * Host names the server answers for (DNS-rebinding defence). @default on a loopback address:
   * localhost, 127.0.0.1 and [::1]; on another address: that address; on a wildcard address (0.0.0.0,
   * ::): any host. Names in $ENTENTE_ALLOWED_HOSTS (comma-separated) are added.
   */
  allowedHosts?: readonly string[] | undefined;
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
  const host = options.host ?? "127.0.0.1";
  const { app } = createApp({ store, allowedHosts: options.allowedHosts ?? defaultAllowedHosts(host) });
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
