import { existsSync, readFileSync, writeFileSync } from "node:fs";
import type { Command } from "commander";
import { CliError, EXIT } from "../io/cli-error.js";

interface StoreOptions {
  dataDir: string;
  databaseUrl?: string;
}

/** The `--data-dir` / `--database-url` pair of the commands that open the platform's store. */
function storeOptions(cmd: Command): Command {
  return cmd
    .option(
      "-d, --data-dir <dir>",
      "directory of the embedded store",
      process.env.ENTENTE_DATA_DIR ?? ".entente-data",
    )
    .option(
      "--database-url <url>",
      "PostgreSQL connection string (default: $DATABASE_URL)",
      process.env.DATABASE_URL,
    );
}

/**
 * Opens the store without touching its audit key: a backup or restore neither signs nor verifies,
 * and must not create a new key file beside a restored store (its heads would not verify then).
 */
async function open(opts: StoreOptions, mustExist: boolean) {
  if (mustExist && !opts.databaseUrl && !existsSync(opts.dataDir))
    throw new CliError(
      `no embedded store in ${opts.dataDir}: name it with --data-dir, or PostgreSQL with --database-url`,
      EXIT.badInput,
    );
  const store = await import("@entente/store"); // heavy (PGlite): load only when asked
  try {
    const s = await store.openStore({
      databaseUrl: opts.databaseUrl || undefined,
      dataDir: opts.dataDir,
      auditSigner: { keyId: "", publicKeyPem: "", sign: () => "" },
    });
    return { store, s };
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    throw new CliError(
      `cannot open the store: ${msg}${/lock|in use/i.test(msg) ? " (stop the server using this data directory first, or back up over PostgreSQL)" : ""}`,
      EXIT.failure,
    );
  }
}

const where = (opts: StoreOptions) =>
  opts.databaseUrl ? "the PostgreSQL database" : `the embedded store in ${opts.dataDir}`;

/**
 * `entente backup FILE` and `entente restore FILE`: a consistent snapshot of the platform's store
 * (every table, the audit log included) to a JSON file, and back into a new, empty store. The
 * audit key is never in the file (docs/deploy.md, "Backup and restore").
 */
export function registerBackup(program: Command): void {
  storeOptions(
    program
      .command("backup")
      .description(
        "write a consistent snapshot of the platform's store (audit log included; not the audit key) to FILE",
      )
      .argument("<file>", "the backup file to write (JSON)"),
  ).action(async (file: string, opts: StoreOptions) => {
    const { store, s } = await open(opts, true);
    try {
      const backup = await store.takeBackup(s.db);
      writeFileSync(file, JSON.stringify(backup), { mode: 0o600 });
      const rows = backup.tables.reduce((n, t) => n + t.rows.length, 0);
      const key = store.auditKeyPath({ dataDir: opts.databaseUrl ? undefined : opts.dataDir });
      process.stdout.write(
        `backup: ${rows} rows of ${backup.tables.length} tables from ${where(opts)} at ${backup.takenAt} → ${file}\n` +
          `The audit key is not in it: keep ${key ?? "the servers' ENTENTE_AUDIT_KEY_FILE"} safe on its own (docs/deploy.md).\n`,
      );
    } finally {
      await s.db.close();
    }
  });

  storeOptions(
    program
      .command("restore")
      .description(
        "restore a backup FILE into a new, empty store (refuses one holding data); check it with `entente audit verify`",
      )
      .argument("<file>", "a file written by `entente backup`"),
  ).action(async (file: string, opts: StoreOptions) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(file, "utf8"));
    } catch (e) {
      throw new CliError(`${file}: cannot read it as JSON: ${(e as Error).message}`, EXIT.badInput);
    }
    const { store, s } = await open(opts, false);
    try {
      const backup = (() => {
        try {
          return store.parseBackup(parsed);
        } catch (e) {
          throw new CliError(`${file}: ${(e as Error).message}`, EXIT.badInput);
        }
      })();
      let r: Awaited<ReturnType<typeof store.restoreBackup>>;
      try {
        r = await store.restoreBackup(s.db, backup);
      } catch (e) {
        if (e instanceof store.BackupError) throw new CliError(`cannot restore: ${e.message}`, EXIT.failure);
        throw e;
      }
      const key = store.auditKeyPath({ dataDir: opts.databaseUrl ? undefined : opts.dataDir });
      process.stdout.write(
        `restore: ${r.rows} rows of ${r.tables} tables from the backup of ${backup.takenAt} into ${where(opts)}` +
          `${r.unfinishedJobs ? `; ${r.unfinishedJobs} unfinished job(s) marked failed (start them again)` : ""}\n` +
          (key && existsSync(key)
            ? `Check it: entente audit verify${opts.databaseUrl ? "" : ` --data-dir ${opts.dataDir}`}\n`
            : `Put the audit key you kept at ${key ?? "the file ENTENTE_AUDIT_KEY_FILE names"} before starting a server (a new key would be made, and the restored heads would not verify), then: entente audit verify\n`),
      );
    } finally {
      await s.db.close();
    }
  });
}
