import { fsyncSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import type { SqlClient, SqlQueryable, SqlValue } from "./sql-client.js";

/**
 * PGlite starts PostgreSQL with `-F` (fsync off) by default, and its Node file system (Emscripten's
 * NODEFS) has no fsync at all: the WAL was written with pwrite but never synced, so a commit was
 * safe from a killed process but not from an OS crash or a power cut. A data directory is therefore
 * opened without `-F`, with `fsync=on`, `synchronous_commit=on` and `wal_sync_method=fsync` (the one
 * sync call Emscripten routes to the file's stream; its fdatasync is a no-op), and NODEFS is given
 * an fsync that calls fsync(2) on the real file. Then PostgreSQL's own rule holds: a COMMIT returns
 * only after its WAL record is on disk.
 */
export const DURABLE_START_PARAMS: readonly string[] = [
  ...PGlite.defaultStartParams.filter((p) => p !== "-F"),
  "-c",
  "fsync=on",
  "-c",
  "synchronous_commit=on",
  "-c",
  "wal_sync_method=fsync",
];

function makeFsyncReachTheDisk(db: PGlite): void {
  const nodefs = (db as unknown as { Module?: { NODEFS?: { stream_ops?: Record<string, unknown> } } }).Module
    ?.NODEFS;
  if (!nodefs?.stream_ops) throw new Error("PGlite no longer exposes NODEFS: cannot make commits durable");
  nodefs.stream_ops.fsync = (stream: { nfd?: number }) => {
    if (stream.nfd !== undefined) fsyncSync(stream.nfd);
    return 0;
  };
}

/**
 * Opens the embedded PostgreSQL (PGlite) in `dataDir`, or in memory when `dataDir` is undefined.
 * `loadDataDir` starts from a dump made by `dumpDataDir`, which is several times faster than a
 * fresh initdb (STACK-NOTES: ~0.7 s against ~3 s), so tests reuse one pre-made template.
 */
export async function openPglite(
  dataDir?: string,
  loadDataDir?: Blob,
  options: { durable?: boolean } = {},
): Promise<SqlClient> {
  const durable = dataDir !== undefined && options.durable !== false;
  const db = await PGlite.create({
    ...(dataDir !== undefined ? { dataDir } : {}),
    ...(loadDataDir !== undefined ? { loadDataDir } : {}),
    ...(durable ? { startParams: [...DURABLE_START_PARAMS] } : {}),
  });
  if (durable) makeFsyncReachTheDisk(db);
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
    // PGlite delivers NOTIFY to its listeners in this process (it has no other connections).
    listen: (channel, onPayload) => serial(() => db.listen(channel, onPayload)).then((stop) => () => stop()),
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
