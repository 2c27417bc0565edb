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
  type SqlQueryable,
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
