import type { openStore } from "@entente/store";
import type { Command } from "commander";
import { CliError, EXIT } from "../io/cli-error.js";

interface AuditOptions {
  dataDir: string;
  databaseUrl?: string;
  format: "text" | "json";
}

/**
 * `entente audit verify`: recomputes the audit log's hash chain straight from the database and
 * names the first entry that does not match. The embedded store is owned by one process, so stop
 * the server first (or point --database-url at PostgreSQL, which several processes can share).
 */
export function registerAudit(program: Command): void {
  const audit = program
    .command("audit")
    .description("inspect the negotiation platform's append-only audit log");
  audit
    .command("verify")
    .description("recompute the hash chain and name the first entry that does not match (exit 1 if any)")
    .option(
      "-d, --data-dir <dir>",
      "directory of the embedded store",
      process.env.ENTENTE_DATA_DIR ?? ".entente-data",
    )
    .option(
      "--database-url <url>",
      "PostgreSQL connection string (default: $DATABASE_URL)",
      process.env.DATABASE_URL,
    )
    .option("--format <format>", "text or json", "text")
    .action(async (opts: AuditOptions) => {
      let store: Awaited<ReturnType<typeof openStore>>;
      try {
        const { openStore } = await import("@entente/store"); // heavy (PGlite): load only when asked
        store = await openStore({ databaseUrl: opts.databaseUrl || undefined, dataDir: opts.dataDir });
      } catch (e) {
        throw new CliError(
          `cannot open the store: ${e instanceof Error ? e.message : String(e)}`,
          EXIT.failure,
        );
      }
      try {
        const v = await store.verifyAudit();
        if (opts.format === "json") process.stdout.write(`${JSON.stringify(v)}\n`);
        else if (v.ok) process.stdout.write(`audit log intact: ${v.checked} entries, head ${v.head}\n`);
        if (!v.ok) {
          throw new CliError(
            `audit log broken at entry ${v.firstBad.seq}: ${v.firstBad.reason} (${v.checked} entries before it verified)`,
            EXIT.failure,
          );
        }
      } finally {
        await store.db.close();
      }
    });
}
