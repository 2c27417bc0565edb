import { PGlite } from "@electric-sql/pglite";
import type { SqlClient, SqlQueryable, SqlValue } from "./sql-client.js";

/**
 * Opens the embedded PostgreSQL (PGlite) in `dataDir`, or in memory when `dataDir` is undefined.
 * `loadDataDir` starts from a dump made by `dumpDataDir`, which is several times faster than a
 * fresh initdb (STACK-NOTES: ~0.7 s against ~3 s), so tests reuse one pre-made template.
 */
export async function openPglite(dataDir?: string, loadDataDir?: Blob): Promise<SqlClient> {
  const db = await PGlite.create({
    ...(dataDir !== undefined ? { dataDir } : {}),
    ...(loadDataDir !== undefined ? { loadDataDir } : {}),
  });
  // PGlite runs one backend; a queue keeps a transaction's statements from interleaving with others.
  let chain: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const next = chain.then(fn, fn);
    chain = next.catch(() => undefined);
    return next;
  };
  const direct: SqlQueryable = {
    async query<T extends object>(sql: string, params: readonly SqlValue[] = []) {
      const res = await db.query<T>(sql, params as unknown[]);
      return res.rows;
    },
  };
  return {
    kind: "pglite",
    query: (sql, params) => serial(() => direct.query(sql, params)),
    exec: (sql) => serial(async () => void (await db.exec(sql))),
    transaction: (fn) =>
      serial(() =>
        db.transaction(async (tx) => {
          const inner: SqlQueryable = {
            async query<T extends object>(sql: string, params: readonly SqlValue[] = []) {
              return (await tx.query<T>(sql, params as unknown[])).rows;
            },
          };
          return fn(inner);
        }),
      ),
    close: () => serial(() => db.close()),
    // Exposed for tests that make a template once and load it per file.
    ...({ dump: () => db.dumpDataDir("none") } as object),
  };
}

/** Makes a dump of a freshly migrated in-memory database, to be passed back as `loadDataDir`. */
export async function dumpPglite(client: SqlClient): Promise<Blob> {
  const dump = (client as unknown as { dump?: () => Promise<Blob> }).dump;
  if (!dump) throw new TypeError("dumpPglite needs a client made by openPglite");
  return dump();
}
