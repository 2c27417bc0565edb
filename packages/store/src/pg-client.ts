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
  const listener = new NotificationListener(connectionString);
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
    listen: (channel, onPayload) => listener.listen(channel, onPayload),
    async close() {
      await listener.close();
      await pool.end();
    },
  };
}

/**
 * One dedicated connection per client for LISTEN (a pooled connection would drop its LISTENs when
 * released). When the connection is lost (server restart, network), it reconnects every second and
 * listens again on every channel; NOTIFYs sent while it was down are lost, as PostgreSQL promises
 * nothing else, so listeners must treat a notification as a hint and read the state from tables.
 */
class NotificationListener {
  private client: pg.Client | undefined;
  private connecting: Promise<pg.Client> | undefined;
  private readonly channels = new Map<string, Set<(payload: string) => void>>();
  private closed = false;
  private retry: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly connectionString: string) {}

  private connect(): Promise<pg.Client> {
    this.connecting ??= (async () => {
      const client = new pg.Client({ connectionString: this.connectionString });
      client.on("notification", (n) => {
        for (const fn of this.channels.get(n.channel) ?? []) fn(n.payload ?? "");
      });
      client.on("error", () => this.lost(client));
      client.on("end", () => this.lost(client));
      try {
        await client.connect();
        for (const channel of this.channels.keys()) await client.query(`LISTEN ${quoteIdent(channel)}`);
      } catch (e) {
        this.connecting = undefined;
        client.end().catch(() => undefined);
        throw e;
      }
      this.client = client;
      return client;
    })();
    return this.connecting;
  }

  private lost(client: pg.Client): void {
    if (this.client !== client && this.connecting === undefined) return;
    this.client = undefined;
    this.connecting = undefined;
    client.end().catch(() => undefined);
    if (this.closed || this.channels.size === 0) return;
    const again = () => {
      this.retry = undefined;
      if (this.closed) return;
      this.connect().catch(() => {
        this.retry = setTimeout(again, 1000);
        this.retry.unref?.();
      });
    };
    this.retry = setTimeout(again, 1000);
    this.retry.unref?.();
  }

  async listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>> {
    let set = this.channels.get(channel);
    const fresh = !set;
    if (!set) {
      set = new Set();
      this.channels.set(channel, set);
    }
    set.add(onPayload);
    const client = await this.connect();
    if (fresh) await client.query(`LISTEN ${quoteIdent(channel)}`);
    return async () => {
      const s = this.channels.get(channel);
      s?.delete(onPayload);
      if (s && s.size === 0) {
        this.channels.delete(channel);
        await this.client?.query(`UNLISTEN ${quoteIdent(channel)}`).catch(() => undefined);
      }
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    const c = this.client;
    this.client = undefined;
    this.connecting = undefined;
    await c?.end().catch(() => undefined);
  }
}

/** A PostgreSQL identifier in double quotes (channel names come from code, never from users). */
function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
