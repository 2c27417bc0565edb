/**
 * The one seam between the store and a database driver. PGlite (embedded) and node-postgres
 * (a server) both speak PostgreSQL, so the store writes one dialect and only this interface differs.
 */
export type SqlValue = string | number | boolean | null;

export interface SqlQueryable {
  /** Runs one parameterised statement and returns its rows. */
  query<T extends object = Record<string, unknown>>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
}

export interface SqlClient extends SqlQueryable {
  /** Which engine is underneath, for messages and benchmarks. */
  readonly kind: "pglite" | "postgres";
  /** Runs a multi-statement script without parameters (migrations). */
  exec(sql: string): Promise<void>;
  /** Runs `fn` in one transaction: commits when it resolves, rolls back when it throws. */
  transaction<T>(fn: (tx: SqlQueryable) => Promise<T>): Promise<T>;
  /**
   * Calls `onPayload` with each NOTIFY on `channel` (from any connection, any process on PostgreSQL);
   * resolves, once listening, to the function that stops. Send with `SELECT pg_notify($1, $2)`.
   */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}
