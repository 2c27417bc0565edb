import pg from "pg";
import type { SqlClient, SqlQueryable, SqlValue } from "./sql-client.js";

/** Connects to a PostgreSQL server through a small pool (node-postgres). */
export async function openPostgres(connectionString: string, max = 10): Promise<SqlClient> {
  const pool = new pg.Pool({ connectionString, max });
  // Fail at open, not at the first request, when the server is unreachable.
  const probe = await pool.connect();
  probe.release();
  const wrap = (q: { query: pg.Pool["query"] }): SqlQueryable => ({
    async query<T extends object>(sql: string, params: readonly SqlValue[] = []) {
      const res = await q.query(sql, params as unknown[]);
      return res.rows as T[];
    },
  });
  const direct = wrap(pool);
  return {
    kind: "postgres",
    query: (sql, params) => direct.query(sql, params),
    async exec(sql) {
      await pool.query(sql);
    },
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        const out = await fn(wrap(client as unknown as { query: pg.Pool["query"] }));
        await client.query("COMMIT");
        return out;
      } catch (err) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
