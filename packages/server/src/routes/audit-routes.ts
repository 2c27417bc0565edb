import { z } from "zod";
import { requireAdmin, standing } from "../access.js";
import type { AppDeps } from "../deps.js";
import { defineRoute, type RouteDef } from "../route.js";
import { auditOut, idParam, signedHeadOut } from "../schemas.js";

const page = z.object({
  after: z.coerce.number().int().min(0).max(2_147_483_647).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});
const size = z.coerce.number().int().min(1).max(2_147_483_647);

/**
 * The append-only audit log: read in pages; each negotiation's Merkle tree with its signed head,
 * consistency and inclusion proofs (RFC 9162), so members can check their receipts without
 * database access; and the server's public key.
 */
export function auditRoutes(d: AppDeps): RouteDef[] {
  const nid = z.object({ id: idParam });
  return [
    defineRoute({
      method: "get",
      path: "/api/audit",
      summary: "The whole audit log, oldest first, in pages",
      tag: "audit",
      auth: "user",
      access: "admin",
      query: page,
      response: z.object({ entries: z.array(auditOut) }),
      async handler({ query, user }) {
        requireAdmin(user, "read the whole audit log");
        return { entries: await d.store.audit({ afterSeq: query.after, limit: query.limit }) };
      },
    }),
    defineRoute({
      method: "get",
      path: "/api/audit/verify",
      summary:
        "Verify the log: hash chain, every tree against its signed heads, and the data tables re-derived from the log",
      tag: "audit",
      auth: "user",
      access: "admin",
      response: z.object({
        ok: z.boolean(),
        checked: z.number(),
        head: z.string().optional(),
        firstBad: z.object({ seq: z.number().nullable(), reason: z.string() }).optional(),
        problems: z.array(z.object({ seq: z.number().nullable(), reason: z.string() })),
      }),
      async handler({ user }) {
        requireAdmin(user, "verify the audit log");
        return d.store.verifyAudit();
      },
    }),
    defineRoute({
      method: "get",
      path: "/api/audit/key",
      summary: "The public key that signs the audit log's heads (Ed25519, PEM), and its id",
      tag: "audit",
      auth: "public",
      access: "anyone",
      response: z.object({ keyId: z.string(), publicKey: z.string() }),
      async handler() {
        return { keyId: d.store.signer.keyId, publicKey: d.store.signer.publicKeyPem };
      },
    }),
    defineRoute({
      method: "get",
      path: "/api/negotiations/{id}/audit",
      summary: "The audit entries of one negotiation (confidential bodies appear only as salted commitments)",
      tag: "audit",
      auth: "user",
      access: "members of the negotiation, admin",
      params: nid,
      query: page,
      response: z.object({ entries: z.array(auditOut) }),
      async handler({ params, query, user }) {
        await standing(d.store, user, params.id);
        return {
          entries: await d.store.audit({
            negotiationId: params.id,
            afterSeq: query.after,
            limit: query.limit,
          }),
        };
      },
    }),
    defineRoute({
      method: "get",
      path: "/api/negotiations/{id}/audit/head",
      summary: "The latest signed head of the negotiation's Merkle tree",
      tag: "audit",
      auth: "user",
      access: "members of the negotiation, admin",
      params: nid,
      response: signedHeadOut,
      async handler({ params, user }) {
        await standing(d.store, user, params.id);
        return d.store.signedHead(params.id);
      },
    }),
    defineRoute({
      method: "get",
      path: "/api/negotiations/{id}/audit/consistency",
      summary: "RFC 9162 consistency proof of the negotiation's tree from size `from` to size `to`",
      tag: "audit",
      auth: "user",
      access: "members of the negotiation, admin",
      params: nid,
      query: z.object({ from: size, to: size }),
      response: z.object({ from: z.number(), to: z.number(), proof: z.array(z.string()) }),
      async handler({ params, query, user }) {
        await standing(d.store, user, params.id);
        return { ...query, proof: await d.store.consistency(params.id, query.from, query.to) };
      },
    }),
    defineRoute({
      method: "get",
      path: "/api/negotiations/{id}/audit/inclusion",
      summary: "RFC 9162 inclusion proof of leaf `index` in the negotiation's tree of size `size`",
      tag: "audit",
      auth: "user",
      access: "members of the negotiation, admin",
      params: nid,
      query: z.object({ index: z.coerce.number().int().min(0).max(2_147_483_647), size }),
      response: z.object({ index: z.number(), size: z.number(), proof: z.array(z.string()) }),
      async handler({ params, query, user }) {
        await standing(d.store, user, params.id);
        return { ...query, proof: await d.store.inclusion(params.id, query.index, query.size) };
      },
    }),
  ];
}
