import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { AuditEntry, AuditReceipt, openStore, SignedHead } from "@entente/store";
import type { Command } from "commander";
import { CliError, EXIT } from "../io/cli-error.js";

interface AuditOptions {
  dataDir: string;
  databaseUrl?: string;
  format: "text" | "json";
  auditKey?: string;
  publicKey?: string;
  receipts?: string;
  server?: string;
  token?: string;
}

type Kept = Partial<AuditReceipt> & { head: SignedHead };

/** Every receipt (or bare head) in the JSON files of a directory: one object or an array per file. */
function readReceipts(dir: string): Kept[] {
  const out: Kept[] = [];
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith(".json"));
  } catch (e) {
    throw new CliError(`cannot read the receipts directory: ${(e as Error).message}`, EXIT.badInput);
  }
  for (const f of files.sort()) {
    let v: unknown;
    try {
      v = JSON.parse(readFileSync(join(dir, f), "utf8"));
    } catch {
      throw new CliError(`${f}: not JSON`, EXIT.badInput);
    }
    for (const r of Array.isArray(v) ? v : [v]) {
      const head = (r as { head?: SignedHead })?.head ?? (r as SignedHead);
      if (!head || typeof head.root !== "string" || typeof head.size !== "number")
        throw new CliError(`${f}: expected receipts ({ entry, head, proof }) or signed heads`, EXIT.badInput);
      out.push((r as { head?: unknown }).head ? (r as Kept) : { head });
    }
  }
  return out;
}

/**
 * `entente audit verify`. With database access (the default): the hash chain, every negotiation's
 * Merkle tree against its signed heads (public key from the key file, never from the database), the
 * data tables re-derived from the log, and any receipts in --receipts. As a client
 * (`--server URL --receipts DIR`): each kept receipt against the server's current signed head and a
 * consistency proof, so a delegation without database access sees a rewrite, a truncation or a
 * split view. Exit 1 when anything does not match.
 */
export function registerAudit(program: Command): void {
  const audit = program
    .command("audit")
    .description("inspect the negotiation platform's append-only audit log");
  audit
    .command("verify")
    .description(
      "verify the audit log (chain, signed Merkle heads, data tables, receipts); exit 1 on any mismatch",
    )
    .option(
      "-d, --data-dir <dir>",
      "directory of the embedded store (and of its audit-key.pem)",
      process.env.ENTENTE_DATA_DIR ?? ".entente-data",
    )
    .option(
      "--database-url <url>",
      "PostgreSQL connection string (default: $DATABASE_URL)",
      process.env.DATABASE_URL,
    )
    .option(
      "--audit-key <file>",
      "the server's audit key file (default: $ENTENTE_AUDIT_KEY_FILE or <data-dir>/audit-key.pem)",
    )
    .option("--public-key <file>", "pin this public key (PEM) instead of deriving it from the key file")
    .option("--receipts <dir>", "receipts (and signed heads) kept from earlier writes, as JSON files")
    .option("--server <url>", "verify as a client against this server (needs --receipts)")
    .option(
      "--token <token>",
      "session token for --server (default: $ENTENTE_TOKEN)",
      process.env.ENTENTE_TOKEN,
    )
    .option("--format <format>", "text or json", "text")
    .action(async (opts: AuditOptions) => {
      const receipts = opts.receipts ? readReceipts(opts.receipts) : [];
      if (opts.server) return verifyAsClient(opts, receipts);
      const store = await import("@entente/store"); // heavy (PGlite): load only when asked
      let publicKeyPem: string;
      try {
        publicKeyPem = opts.publicKey
          ? readFileSync(opts.publicKey, "utf8")
          : store.loadAuditSigner({ dataDir: opts.dataDir, file: opts.auditKey }).publicKeyPem;
      } catch (e) {
        throw new CliError(`cannot read the audit key: ${(e as Error).message}`, EXIT.failure);
      }
      let s: Awaited<ReturnType<typeof openStore>>;
      try {
        s = await store.openStore({ databaseUrl: opts.databaseUrl || undefined, dataDir: opts.dataDir });
      } catch (e) {
        throw new CliError(
          `cannot open the store: ${e instanceof Error ? e.message : String(e)}`,
          EXIT.failure,
        );
      }
      try {
        const v = await s.verifyAudit({ publicKeyPem, receipts });
        if (opts.format === "json") process.stdout.write(`${JSON.stringify(v)}\n`);
        else if (v.ok)
          process.stdout.write(
            `audit log intact: ${v.checked} entries in ${v.trees.length} trees, data tables match, ${v.receiptsChecked} receipts hold; head ${v.head}\n`,
          );
        if (!v.ok) {
          const first = v.firstBad!;
          throw new CliError(
            first.seq !== null
              ? `audit log broken at entry ${first.seq}: ${first.reason}`
              : `audit log broken: ${first.reason}`,
            EXIT.failure,
            v.problems.slice(1, 10).map((p) => (p.seq !== null ? `entry ${p.seq}: ${p.reason}` : p.reason)),
          );
        }
      } finally {
        await s.db.close();
      }
    });
}

async function verifyAsClient(opts: AuditOptions, receipts: Kept[]): Promise<void> {
  if (!receipts.length)
    throw new CliError("--server needs --receipts DIR with at least one receipt", EXIT.badInput);
  const { checkReceiptAgainstHead, checkServedEntries } = await import("@entente/store");
  const base = opts.server!.replace(/\/$/, "");
  const get = async (path: string): Promise<unknown> => {
    const res = await fetch(base + path, {
      headers: opts.token ? { authorization: `Bearer ${opts.token}` } : {},
    });
    const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
    if (!res.ok)
      throw new CliError(`${path}: ${res.status} ${body?.error?.message ?? ""}`.trim(), EXIT.failure);
    return body;
  };
  const pinned = opts.publicKey
    ? readFileSync(opts.publicKey, "utf8")
    : (receipts.find((r) => r.publicKey)?.publicKey ??
      ((await get("/api/audit/key")) as { publicKey: string }).publicKey);
  const problems: string[] = [];
  const served = ((await get("/api/audit/key")) as { publicKey: string }).publicKey;
  if (served.trim() !== pinned.trim())
    problems.push("the server now presents another signing key than the receipts");
  const heads = new Map<number, SignedHead>();
  const seen = new Map<string, string>();
  for (const r of receipts) {
    const tree = r.head.tree;
    const at = `${tree}/${r.head.size}`;
    if (seen.has(at) && seen.get(at) !== r.head.root)
      problems.push(`two signed heads of tree ${tree} at size ${r.head.size} differ (split view)`);
    seen.set(at, r.head.root);
    let current = heads.get(tree);
    if (!current) {
      try {
        current = (await get(`/api/negotiations/${tree}/audit/head`)) as SignedHead;
      } catch (e) {
        problems.push(`tree ${tree}: ${(e as Error).message}`);
        continue;
      }
      heads.set(tree, current);
      // The entries themselves, recomputed: an edit inside a kept head's prefix shows only here.
      const entries: AuditEntry[] = [];
      for (let after = 0; ; ) {
        const page = (
          (await get(`/api/negotiations/${tree}/audit?after=${after}&limit=1000`)) as {
            entries: AuditEntry[];
          }
        ).entries;
        if (!page.length) break;
        entries.push(...page);
        after = page[page.length - 1]!.seq;
      }
      problems.push(...checkServedEntries(entries, current, receipts));
    }
    let proof: string[] = [];
    if (current.size > r.head.size)
      proof = (
        (await get(`/api/negotiations/${tree}/audit/consistency?from=${r.head.size}&to=${current.size}`)) as {
          proof: string[];
        }
      ).proof;
    const wrong = checkReceiptAgainstHead(r, pinned, current, proof);
    if (wrong)
      problems.push(
        `receipt for tree ${tree} at size ${r.head.size}${r.entry ? ` (entry ${r.entry.seq})` : ""}: ${wrong}`,
      );
  }
  const report = { ok: problems.length === 0, receiptsChecked: receipts.length, problems };
  if (opts.format === "json") process.stdout.write(`${JSON.stringify(report)}\n`);
  else if (report.ok)
    process.stdout.write(
      `audit log consistent with ${receipts.length} kept receipts across ${heads.size} trees\n`,
    );
  if (!report.ok) throw new CliError(`audit log broken: ${problems[0]}`, EXIT.failure, problems.slice(1, 10));
}
