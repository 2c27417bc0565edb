import { z } from "zod";
import { requireAdmin, standing } from "../access.js";
import type { AppDeps } from "../deps.js";
import { defineRoute, type RouteDef } from "../route.js";
import { auditOut, idParam } from "../schemas.js";

const page = z.object({
  after: z.coerce.number().int().min(0).max(2_147_483_647).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

/** The append-only audit log: read in pages, and verified by recomputing the hash chain. */
export function auditRoutes(d: AppDeps): RouteDef[] {
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
      summary: "Recompute the hash chain; names the first entry that does not match",
      tag: "audit",
      auth: "user",
      access: "admin",
      response: z.object({
        ok: z.boolean(),
        checked: z.number(),
        head: z.string().optional(),
        firstBad: z.object({ seq: z.number(), reason: z.string() }).optional(),
      }),
      async handler({ user }) {
        requireAdmin(user, "verify the audit log");
        return d.store.verifyAudit();
      },
    }),
    defineRoute({
      method: "get",
      path: "/api/negotiations/{id}/audit",
      summary: "The audit entries of one negotiation (confidential bodies appear only as SHA-256 digests)",
      tag: "audit",
      auth: "user",
      access: "members of the negotiation, admin",
      params: z.object({ id: idParam }),
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
  ];
}
