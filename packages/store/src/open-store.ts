import { mkdirSync } from "node:fs";
import { loadAuditSigner } from "./audit-key.js";
import type { AuditSigner } from "./audit-log.js";
import { lockDataDir } from "./data-dir-lock.js";
import { migrate } from "./migrations.js";
import { openPostgres } from "./pg-client.js";
import { openPglite } from "./pglite-client.js";
import type { SqlClient } from "./sql-client.js";
import { Store } from "./store.js";

export interface OpenStoreOptions {
  /**
   * PostgreSQL connection string; when set the store uses that server instead of PGlite.
   * @example "postgres://entente@127.0.0.1:5433/entente"
   */
  databaseUrl?: string | undefined;
  /**
   * Directory of the embedded database; created when missing. In memory when both this and
   * `databaseUrl` are absent.
   * @example ".entente-data"
   */
  dataDir?: string | undefined;
  /** A PGlite dump to start from instead of an empty database (fast test set-up). */
  loadDataDir?: Blob | undefined;
  /** The clock stamped on every row and audit entry. @default () => new Date() */
  now?: () => Date;
  /**
   * The Ed25519 key that signs the audit log's heads, kept outside the database. By default the
   * file named by ENTENTE_AUDIT_KEY_FILE, else `<dataDir>/audit-key.pem` (created on first use);
   * an ephemeral key when there is neither (an in-memory store).
   */
  auditSigner?: AuditSigner | undefined;
}

/** Opens (and migrates) the store: PostgreSQL when `databaseUrl` is given, else embedded PGlite. */
export async function openStore(options: OpenStoreOptions = {}): Promise<Store> {
  let client: SqlClient;
  if (options.databaseUrl) client = await openPostgres(options.databaseUrl);
  else if (options.dataDir) {
    mkdirSync(options.dataDir, { recursive: true });
    const unlock = lockDataDir(options.dataDir);
    try {
      const inner = await openPglite(options.dataDir, options.loadDataDir);
      client = {
        ...inner,
        query: inner.query,
        close: async () => {
          try {
            await inner.close();
          } finally {
            unlock();
          }
        },
      };
    } catch (e) {
      unlock();
      throw e;
    }
  } else client = await openPglite(undefined, options.loadDataDir);
  await migrate(client);
  return new Store(client, options.now, options.auditSigner ?? loadAuditSigner({ dataDir: options.dataDir }));
}
