import type { SqlClient, SqlQueryable } from "./sql-client.js";

/**
 * A consistent snapshot of every table of the store (the audit log with its signed trees, the data
 * tables derived from it, users, sessions, jobs...), as `entente backup` writes it. The audit
 * signing key is not in it: it lives outside the database, and is kept apart (docs/deploy.md).
 */
export interface StoreBackup {
  format: "entente.backup";
  version: 1;
  /** The store's migration version when it was taken; a restore needs the same. */
  schemaVersion: number;
  /** When it was taken (the database's clock). */
  takenAt: string;
  /** Each table's rows, as PostgreSQL's `to_jsonb` gives them, parents before children. */
  tables: Array<{ name: string; rows: unknown[] }>;
}

/** Why a backup cannot be taken or restored; `code` is stable. */
export class BackupError extends Error {
  constructor(
    readonly code: "backup/not-empty" | "backup/bad-file" | "backup/schema-mismatch",
    message: string,
  ) {
    super(message);
    this.name = "BackupError";
  }
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * The store's tables, every referenced table before the tables that reference it (a foreign key's
 * parent first), so that rows can be inserted in this order. `schema_migrations` is not one of them.
 */
async function tablesInOrder(db: SqlQueryable): Promise<string[]> {
  const tables = (
    await db.query<{ name: string }>(
      "SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() AND tablename <> 'schema_migrations' ORDER BY tablename",
    )
  ).map((r) => r.name);
  const edges = await db.query<{ child: string; parent: string }>(
    `SELECT cl.relname AS child, pl.relname AS parent FROM pg_constraint c
       JOIN pg_class cl ON cl.oid = c.conrelid JOIN pg_class pl ON pl.oid = c.confrelid
     WHERE c.contype = 'f' AND c.connamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema())`,
  );
  const ordered: string[] = [];
  const placed = new Set<string>();
  const visit = (t: string, path: Set<string>) => {
    if (placed.has(t) || path.has(t)) return;
    path.add(t);
    for (const e of edges) if (e.child === t && e.parent !== t) visit(e.parent, path);
    placed.add(t);
    ordered.push(t);
  };
  for (const t of tables) visit(t, new Set());
  return ordered;
}

async function schemaVersion(db: SqlQueryable): Promise<number> {
  const [row] = await db.query<{ v: number | null }>("SELECT max(version) AS v FROM schema_migrations");
  return Number(row?.v ?? 0);
}

/**
 * Reads every table in one REPEATABLE READ, READ ONLY transaction: one snapshot of the database,
 * so the audit log, its signed trees and the data tables agree even while servers keep writing.
 */
export async function takeBackup(db: SqlClient): Promise<StoreBackup> {
  return db.transaction(async (tx) => {
    await tx.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
    const [{ at }] = (await tx.query<{ at: string }>(
      "SELECT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"') AS at",
    )) as [{ at: string }];
    const version = await schemaVersion(tx);
    const tables: StoreBackup["tables"] = [];
    for (const name of await tablesInOrder(tx)) {
      const rows = await tx.query<{ r: string }>(`SELECT to_jsonb(t)::text AS r FROM ${quote(name)} t`);
      tables.push({ name, rows: rows.map((x) => JSON.parse(x.r) as unknown) });
    }
    return { format: "entente.backup", version: 1, schemaVersion: version, takenAt: at, tables };
  });
}

/** Checks that `value` looks like a backup this version can restore; throws BackupError("backup/bad-file"). */
export function parseBackup(value: unknown): StoreBackup {
  const b = value as Partial<StoreBackup> | null;
  if (b?.format !== "entente.backup" || b.version !== 1 || !Array.isArray(b.tables))
    throw new BackupError(
      "backup/bad-file",
      "not an entente backup (expected format 'entente.backup', version 1)",
    );
  for (const t of b.tables)
    if (!t || typeof t.name !== "string" || !Array.isArray(t.rows))
      throw new BackupError("backup/bad-file", "a table of the backup has no name or no rows");
  if (typeof b.schemaVersion !== "number")
    throw new BackupError("backup/bad-file", "the backup does not say its schema version");
  return b as StoreBackup;
}

/**
 * Restores a backup into an empty, migrated store (all or nothing): refuses a store holding any row,
 * and a store of another schema version. Rows go back as they were (ids included) and every serial
 * id continues after the highest restored one. Jobs that were unfinished when the backup was taken
 * are restored as failed ("start it again"): no process holds them any more.
 */
export async function restoreBackup(
  db: SqlClient,
  backup: StoreBackup,
): Promise<{ tables: number; rows: number; unfinishedJobs: number }> {
  return db.transaction(async (tx) => {
    const version = await schemaVersion(tx);
    if (version !== backup.schemaVersion)
      throw new BackupError(
        "backup/schema-mismatch",
        `the backup is of schema version ${backup.schemaVersion}, this store is at ${version}: restore with the entente version that took it`,
      );
    const tables = await tablesInOrder(tx);
    const filled: string[] = [];
    for (const t of tables) {
      const [row] = await tx.query<{ some: boolean }>(`SELECT EXISTS (SELECT 1 FROM ${quote(t)}) AS some`);
      if (row?.some) filled.push(t);
    }
    if (filled.length > 0)
      throw new BackupError(
        "backup/not-empty",
        `the store is not empty (rows in ${filled.join(", ")}): restore only into a new store, one no server has started on`,
      );
    const known = new Set(tables);
    const byName = new Map(backup.tables.map((t) => [t.name, t.rows]));
    for (const name of byName.keys())
      if (!known.has(name))
        throw new BackupError("backup/bad-file", `the backup has a table '${name}' this store has not`);
    let rows = 0;
    for (const t of tables) {
      const all = byName.get(t) ?? [];
      for (let i = 0; i < all.length; i += 500) {
        const chunk = all.slice(i, i + 500);
        await tx.query(
          `INSERT INTO ${quote(t)} OVERRIDING SYSTEM VALUE SELECT * FROM jsonb_populate_recordset(NULL::${quote(t)}, $1::jsonb)`,
          [JSON.stringify(chunk)],
        );
      }
      rows += all.length;
    }
    const serials = await tx.query<{ t: string; c: string; seq: string }>(
      `SELECT table_name AS t, column_name AS c, pg_get_serial_sequence(quote_ident(table_name), column_name) AS seq
       FROM information_schema.columns
       WHERE table_schema = current_schema() AND column_default LIKE 'nextval(%'`,
    );
    for (const s of serials)
      if (s.seq)
        await tx.query(
          `SELECT setval($1, coalesce((SELECT max(${quote(s.c)}) FROM ${quote(s.t)}), 1), (SELECT count(*) > 0 FROM ${quote(s.t)}))`,
          [s.seq],
        );
    let unfinishedJobs = 0;
    if (known.has("jobs")) {
      const failed = await tx.query<{ id: string }>(
        `UPDATE jobs SET status = 'failed', worker = NULL, heartbeat_at = NULL, finished_at = now(),
           error = 'not finished when the backup was taken; start it again'
         WHERE status IN ('queued', 'running') RETURNING id`,
      );
      unfinishedJobs = failed.length;
    }
    return { tables: tables.length, rows, unfinishedJobs };
  });
}
