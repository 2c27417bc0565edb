import { createHash, randomUUID } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { AUDIT_KEY_ENV } from "./audit-key.js";
import { migrate, migrations } from "./migrations.js";
import { openPostgres } from "./pg-client.js";
import { dumpPglite, openPglite } from "./pglite-client.js";
import { Store } from "./store.js";

/** Which database the tests run against: `ENTENTE_TEST_DB=postgres` (with DATABASE_URL) or PGlite. */
export function testDbKind(): "pglite" | "postgres" {
  return process.env.ENTENTE_TEST_DB === "postgres" ? "postgres" : "pglite";
}

/**
 * Where a black-box test's server should keep its data: a fresh temp directory for PGlite, or a
 * fresh database on the server named by DATABASE_URL when `ENTENTE_TEST_DB=postgres`.
 */
export async function createTestLocation(): Promise<{ dataDir?: string; databaseUrl?: string }> {
  if (testDbKind() === "postgres") {
    // One audit key file per test process, outside the database, inherited by spawned CLIs and servers.
    process.env[AUDIT_KEY_ENV] ??= join(mkdtempSync(join(tmpdir(), "entente-key-")), "audit-key.pem");
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("ENTENTE_TEST_DB=postgres needs DATABASE_URL (see scripts/with-postgres.sh)");
    const name = `entente_test_${randomUUID().replaceAll("-", "")}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const u = new URL(url);
    u.pathname = `/${name}`;
    return { databaseUrl: u.toString() };
  }
  return { dataDir: mkdtempSync(join(tmpdir(), "entente-e2e-")) };
}

/**
 * A fresh, migrated, empty store for one test file. On PGlite it loads a dump of a migrated
 * database cached in the temp directory (keyed by the migrations' hash): ~0.7 s instead of ~4 s.
 * On PostgreSQL it creates a throw-away database on the server named by DATABASE_URL.
 */
export async function openTestStore(now?: () => Date): Promise<Store> {
  if (testDbKind() === "postgres") {
    const { databaseUrl } = await createTestLocation();
    const client = await openPostgres(databaseUrl!);
    await migrate(client);
    return new Store(client, now);
  }
  const key = createHash("sha256").update(JSON.stringify(migrations)).digest("hex").slice(0, 16);
  const file = join(tmpdir(), `entente-pglite-template-${key}.tar`);
  if (!existsSync(file)) {
    const fresh = await openPglite();
    await migrate(fresh);
    const blob = await dumpPglite(fresh);
    await fresh.close();
    const tmp = `${file}.${randomUUID()}`;
    writeFileSync(tmp, Buffer.from(await blob.arrayBuffer()));
    renameSync(tmp, file);
  }
  const client = await openPglite(undefined, new Blob([readFileSync(file)]));
  await migrate(client);
  return new Store(client, now);
}
