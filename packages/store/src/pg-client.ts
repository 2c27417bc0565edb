import pg from "pg";
import type { SqlClient, SqlQueryable, SqlValue } from "./sql-client.js";
import { StoreError } from "./store-types.js";

/** SQLSTATE classes and codes that mean "the server went away or is not accepting work now". */
const GONE_SQLSTATES = new Set(["57P01", "57P02", "57P03", "53300"]);
const GONE_ERRNOS = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "ENOTFOUND",
  "EHOSTUNREACH",
]);

/**
 * Whether an error from node-postgres means the database is unreachable (shut down, restarting,
 * connection killed, network gone) rather than that the statement was wrong: such a failure is
 * worth retrying later, and the server answers it with 503.
 */
export function isConnectionLost(err: unknown): boolean {
  if (err instanceof StoreError) return err.code === "unavailable";
  if (!(err instanceof Error)) return false;
  const code = (err as { code?: unknown }).code;
  if (
    typeof code === "string" &&
    (GONE_SQLSTATES.has(code) || code.startsWith("08") || GONE_ERRNOS.has(code))
  )
    return true;
  return /Connection terminated|connection error|not queryable|timeout exceeded when trying to connect|Connection ended/i.test(
    err.message,
  );
}

function unavailable(err: unknown): unknown {
  return isConnectionLost(err)
    ? new StoreError("unavailable", "the database cannot be reached; try again shortly")
    : err;
}

/**
 * Connects to a PostgreSQL server through a small pool (node-postgres). A connection the server
 * closes (pg_terminate_backend, a restart) emits 'error' on the pool or its client; both are
 * handled here, so the process lives on: the pool drops the dead connection and opens a fresh one
 * for the next query, and queries meanwhile fail with a StoreError "unavailable".
 */
export async function openPostgres(
  connectionString: string,
  max = 10,
  onConnectionError: (err: Error) => void = (err) =>
    console.error(`[entente] database connection lost: ${err.message}`),
): Promise<SqlClient> {
  const pool = new pg.Pool({ connectionString, max, connectionTimeoutMillis: 5_000 });
  // Without a listener, an idle client's 'error' (its backend terminated) ends the process.
  pool.on("error", onConnectionError);
  pool.on("connect", (client) => {
    client.on("error", onConnectionError);
  });
  // Fail at open, not at the first request, when the server is unreachable.
  const probe = await pool.connect();
  probe.release();
  const wrap = (q: { query: pg.Pool["query"] }): SqlQueryable => ({
    async query<T extends object>(sql: string, params: readonly SqlValue[] = []) {
      try {
        const res = await q.query(sql, params as unknown[]);
        return res.rows as T[];
      } catch (err) {
        throw unavailable(err);
      }
    },
  });
  const direct = wrap(pool);
  return {
    kind: "postgres",
    query: (sql, params) => direct.query(sql, params),
    async exec(sql) {
      try {
        await pool.query(sql);
      } catch (err) {
        throw unavailable(err);
      }
    },
    async transaction(fn) {
      let client: pg.PoolClient;
      try {
        client = await pool.connect();
      } catch (err) {
        throw unavailable(err);
      }
      let broken: unknown;
      try {
        await client.query("BEGIN");
        const out = await fn(wrap(client as unknown as { query: pg.Pool["query"] }));
        // Acknowledged only once COMMIT has returned: a connection lost before that is a failure
        // the caller sees (503), so no write is ever reported as done and then lost.
        await client.query("COMMIT");
        return out;
      } catch (err) {
        if (isConnectionLost(err)) broken = err;
        else
          await client.query("ROLLBACK").catch((e: unknown) => {
            broken = e;
          });
        throw unavailable(err);
      } finally {
        // A client whose connection broke is destroyed, not returned to the pool.
        client.release(broken instanceof Error ? broken : undefined);
      }
    },
    close: () => pool.end(),
  };
}
