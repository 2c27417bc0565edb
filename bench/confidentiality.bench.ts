// Issue 14: what the signed Merkle log costs. (1) Proposal writes per second through the store, each
// with its Ed25519-signed tree head and receipt, beside the same writes with a signer that signs
// nothing (so the baseline carries the Merkle frontier but not the signature), on the embedded
// store and on PostgreSQL. (2) Time to verify a 100,000-entry log (10 negotiations' trees), without
// receipts and with 10,000 kept receipts; the entries are built in memory and the data tables are
// empty (the re-derivation's database reads are not in this figure).
import { mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import {
  AuditAppender,
  type AuditReceipt,
  type AuditSigner,
  generateAuditKeyPem,
  openStore,
  type SqlQueryable,
  type Store,
  signerFromPem,
  verifyAuditLog,
} from "@entente/store";
import type { Benchmark, BenchRow } from "./harness.ts";
import { directProposalMs, postgresSkipped, withPostgres } from "./servers.ts";

const WRITES = 400;
const unsigned = (s: AuditSigner): AuditSigner => ({ ...s, sign: () => "" });

/** Milliseconds per sequential proposal write through the store, each signed by `signer`. */
const writes = (location: { dataDir?: string; databaseUrl?: string }, signer: AuditSigner) =>
  directProposalMs({ ...location, auditSigner: signer }, WRITES, {
    userId: null,
    userName: "bench",
    receipts: [] as AuditReceipt[],
  });

function writeRow(label: string, signedMs: number, unsignedMs: number): BenchRow {
  return {
    name: `proposal writes with a signed head and receipt each, ${label}, ${WRITES} sequential`,
    ms: signedMs,
    baseline: "the same writes, heads not signed",
    baselineMs: unsignedMs,
    note: `${(1000 / signedMs).toFixed(0)} writes/s signed, ${(1000 / unsignedMs).toFixed(0)}/s unsigned; load average ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores (noisy, shared machine)`,
  };
}

/**
 * Proposal writes per second with `writers` concurrent writers, each in a negotiation of its own,
 * spread over `instances` stores opened on the same database (on PostgreSQL: as many app servers,
 * each with its own pool and group commit). Every batch of every store takes the one audit-log
 * lock (`LOCK TABLE audit_log IN EXCLUSIVE MODE`), so this shows how far the lock lets writes to
 * different negotiations scale.
 */
async function concurrentWritesPerSecond(
  location: { dataDir?: string; databaseUrl?: string },
  signer: AuditSigner,
  instances: number,
  writers: number,
  perWriter: number,
): Promise<number> {
  const actor = { userId: null, userName: "bench" };
  const stores: Store[] = [];
  for (let i = 0; i < instances; i++) stores.push(await openStore({ ...location, auditSigner: signer }));
  try {
    const s0 = stores[0]!;
    const v = await s0.putScenario(actor, `bench-${Math.random()}`, "json", "{}", {});
    const ids: number[] = [];
    for (let w = 0; w < writers; w++) {
      const n = await s0.createNegotiation(actor, {
        title: "b",
        venue: "v",
        scenarioId: v.scenarioId,
        scenarioVersion: v.version,
      });
      await s0.openRound(actor, n.id, "r");
      ids.push(n.id);
    }
    const write = (w: number) =>
      stores[w % instances]!.createProposal(actor, {
        negotiationId: ids[w]!,
        parentId: null,
        authorRole: "mediator",
        authorActor: null,
        package: { a: "b" },
        note: "",
      });
    for (let w = 0; w < writers; w++) await write(w); // warm-up: every store's pool and cache
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: writers }, async (_, w) => {
        for (let i = 0; i < perWriter; i++) await write(w);
      }),
    );
    return (writers * perWriter * 1000) / (performance.now() - t0);
  } finally {
    for (const s of stores) await s.db.close();
  }
}

/** A queryable that records inserts in memory and answers every read with no rows. */
function memoryTx(rows: Record<string, unknown>[]): SqlQueryable {
  return {
    async query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
      if (sql.startsWith("INSERT INTO audit_log")) {
        const names =
          "seq at userId userName action subject negotiationId fromVersion payload prevHash hash treeId leafIndex treeRoot headSig";
        rows.push(Object.fromEntries(names.split(" ").map((k, i) => [k, params[i]])));
        return [];
      }
      if (sql.startsWith("SELECT seq, hash FROM audit_log")) {
        const last = rows[rows.length - 1];
        return (last ? [{ seq: last.seq, hash: last.hash }] : []) as T[];
      }
      return [];
    },
  } as SqlQueryable;
}

export const benchmarks: Benchmark[] = [
  {
    name: "Confidentiality: signed receipts per write, and verifying a 100,000-entry log",
    async run() {
      const rows: BenchRow[] = [];
      const signer = signerFromPem(generateAuditKeyPem());
      for (const [label, make] of [
        ["embedded PGlite", () => ({ dataDir: mkdtempSync(join(tmpdir(), "entente-bench-")) })],
      ] as const) {
        const a = make();
        const b = make();
        try {
          rows.push(writeRow(label, await writes(a, signer), await writes(b, unsigned(signer))));
        } finally {
          rmSync(a.dataDir, { recursive: true, force: true });
          rmSync(b.dataDir, { recursive: true, force: true });
        }
      }
      const pg = await withPostgres(async (databaseUrl) =>
        writeRow(
          "PostgreSQL on loopback",
          await writes({ databaseUrl }, signer),
          await writes({ databaseUrl }, unsigned(signer)),
        ),
      );
      rows.push(pg ?? postgresSkipped);

      // How the one audit-log lock lets concurrent writes to different negotiations scale.
      const scale = (label: string, one: number, many: number, what: string): BenchRow => ({
        name: `concurrent proposal writes, each writer in its own negotiation, ${label}`,
        ms: 1000 / many,
        baseline: "1 writer",
        baselineMs: 1000 / one,
        note: `${one.toFixed(0)} writes/s with 1 writer, ${many.toFixed(0)}/s with ${what}; load average ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores (noisy, shared machine)`,
      });
      {
        const dir = mkdtempSync(join(tmpdir(), "entente-bench-"));
        try {
          const one = await concurrentWritesPerSecond({ dataDir: dir }, signer, 1, 1, 200);
          const many = await concurrentWritesPerSecond({ dataDir: dir }, signer, 1, 16, 25);
          rows.push(
            scale("embedded PGlite, 16 writers", one, many, "16 writers (group commit, one lock per batch)"),
          );
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      }
      const pgScale = await withPostgres(async (databaseUrl) => {
        const one = await concurrentWritesPerSecond({ databaseUrl }, signer, 1, 1, 200);
        const many = await concurrentWritesPerSecond({ databaseUrl }, signer, 1, 16, 25);
        const two = await concurrentWritesPerSecond({ databaseUrl }, signer, 2, 16, 25);
        const four = await concurrentWritesPerSecond({ databaseUrl }, signer, 4, 16, 25);
        return [
          scale("PostgreSQL, 16 writers, 1 app server", one, many, "16 writers on one store"),
          scale("PostgreSQL, 16 writers over 2 app servers", one, two, "16 writers over 2 stores"),
          scale("PostgreSQL, 16 writers over 4 app servers", one, four, "16 writers over 4 stores"),
        ];
      });
      rows.push(...(pgScale ?? [postgresSkipped]));

      // A 100,000-entry log in 10 trees, built in memory with signed heads.
      const entries: Record<string, unknown>[] = [];
      const tx = memoryTx(entries);
      const log = await AuditAppender.open(tx, signer);
      const receipts: AuditReceipt[] = [];
      const t0 = performance.now();
      for (let i = 0; i < 100_000; i++) {
        const r = await log.append({
          at: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(),
          userId: 1,
          userName: "bench",
          action: "mediator.query",
          subject: `negotiation:${(i % 10) + 1}`,
          negotiationId: (i % 10) + 1,
          fromVersion: null,
          payload: `{"query":"zone ${i}"}`,
        });
        if (i % 10 === 0) receipts.push(r);
      }
      const buildMs = performance.now() - t0;
      const noRows = memoryTx([]);
      const opts = { publicKeyPem: signer.publicKeyPem };
      let report = await verifyAuditLog(noRows, entries as never, { ...opts, receipts: [] });
      const plainMs = await (async () => {
        const s = performance.now();
        report = await verifyAuditLog(noRows, entries as never, { ...opts, receipts: [] });
        return performance.now() - s;
      })();
      if (!report.ok) throw new Error(`the bench log does not verify: ${report.problems[0]?.reason}`);
      const s = performance.now();
      const withReceipts = await verifyAuditLog(noRows, entries as never, { ...opts, receipts });
      const receiptMs = performance.now() - s;
      if (!withReceipts.ok) throw new Error(`receipts do not verify: ${withReceipts.problems[0]?.reason}`);
      rows.push({
        name: "verify a 100,000-entry log (chain, 10 trees, latest heads' signatures), no receipts",
        ms: plainMs,
        note: `writing it (hashes, frontiers and 100,000 Ed25519 signatures, in memory) took ${(buildMs / 1000).toFixed(1)} s`,
      });
      rows.push({
        name: "the same with 10,000 kept receipts (signature, inclusion proof and log position each)",
        ms: receiptMs,
        baseline: "no receipts",
        baselineMs: plainMs,
      });
      return rows;
    },
  },
];
