import { privateBodySchema, validatePrivate } from "@entente/core";
import { z } from "zod";
import { requireDelegation, type Standing, standing } from "../access.js";
import { ApiError } from "../api-error.js";
import type { AppDeps } from "../deps.js";
import { negotiationScenario } from "../negotiation-scenario.js";
import { actorOf, defineRoute, type RouteDef } from "../route.js";
import { actorId, idParam, scoreOut, text } from "../schemas.js";
import { recordOnConclusion } from "./lifecycle-routes.js";

const privateOut = z.object({
  negotiationId: z.number(),
  actorId: z.string(),
  version: z.number(),
  body: privateBodySchema,
  createdAt: z.string(),
});

/**
 * A delegation's confidential data: its private positions and red lines, and its scores of
 * proposals. Every route here admits the delegation of that actor and nobody else — not the
 * mediator, not monitors or observers, not another delegation, not an admin.
 */
/** The actors with a delegation at the table (parties, guarantors, mediating states): who must accept for a conclusion. */
const delegations = (s: Standing) =>
  [...new Set(s.members.filter((m) => m.role === "delegation").map((m) => m.actorId!))].sort();

export function confidentialRoutes(d: AppDeps): RouteDef[] {
  const params = z.object({ id: idParam, actor: actorId });
  return [
    defineRoute({
      method: "post",
      path: "/api/negotiations/{id}/private/{actor}",
      summary: "Lodge (a new version of) the delegation's private positions and red lines",
      tag: "confidential",
      auth: "user",
      access: "the delegation of {actor} only",
      status: 201,
      params,
      maxBody: 262_144,
      body: privateBodySchema,
      response: privateOut,
      async handler({ params: p, body, user }) {
        const s = await standing(d.store, user, p.id);
        requireDelegation(s, p.actor, "lodge its private positions");
        const scenario = await negotiationScenario(d.store, await d.store.negotiation(p.id));
        validatePrivate(scenario, p.actor, body);
        return (await d.store.putPrivatePositions(actorOf(user), p.id, p.actor, body)) as z.infer<
          typeof privateOut
        >;
      },
    }),
    defineRoute({
      method: "get",
      path: "/api/negotiations/{id}/private/{actor}",
      summary: "Read the delegation's current private positions",
      tag: "confidential",
      auth: "user",
      access: "the delegation of {actor} only",
      params,
      response: privateOut,
      async handler({ params: p, user }) {
        const s = await standing(d.store, user, p.id);
        requireDelegation(s, p.actor, "read its private positions");
        const [row] = await d.store.privatePositions(p.id, p.actor);
        if (!row) throw new ApiError("not_found", "no private positions lodged yet");
        return row as z.infer<typeof privateOut>;
      },
    }),
    defineRoute({
      method: "post",
      path: "/api/negotiations/{id}/proposals/{proposal}/scores/{actor}",
      summary: "Record the delegation's private score of a proposal (the latest counts)",
      tag: "confidential",
      auth: "user",
      access: "the delegation of {actor} only",
      status: 201,
      params: z.object({ id: idParam, proposal: idParam, actor: actorId }),
      body: z.strictObject({ score: z.number().min(0).max(1), comment: text(2000).default("") }),
      response: scoreOut,
      async handler({ params: p, body, user }) {
        const s = await standing(d.store, user, p.id);
        requireDelegation(s, p.actor, "score proposals");
        return d.store.putScore(actorOf(user), p.id, p.proposal, p.actor, body.score, body.comment);
      },
    }),
    defineRoute({
      method: "get",
      path: "/api/negotiations/{id}/proposals/{proposal}/scores/{actor}",
      summary: "The delegation's scores of a proposal, oldest first",
      tag: "confidential",
      auth: "user",
      access: "the delegation of {actor} only",
      params: z.object({ id: idParam, proposal: idParam, actor: actorId }),
      response: z.object({ scores: z.array(scoreOut) }),
      async handler({ params: p, user }) {
        const s = await standing(d.store, user, p.id);
        requireDelegation(s, p.actor, "read its scores");
        await d.store.proposal(p.id, p.proposal);
        return { scores: await d.store.scores(p.proposal, p.actor) };
      },
    }),
    defineRoute({
      method: "post",
      path: "/api/negotiations/{id}/proposals/{proposal}/accept/{actor}",
      summary:
        "Accept a proposal, sealed: nobody learns who accepted until every delegation has accepted the same one",
      tag: "confidential",
      auth: "user",
      access: "the delegation of {actor} only",
      status: 201,
      params: z.object({ id: idParam, proposal: idParam, actor: actorId }),
      response: z.object({ concluded: z.boolean() }),
      async handler({ params: p, user }) {
        const s = await standing(d.store, user, p.id);
        requireDelegation(s, p.actor, "accept proposals");
        const r = await d.store.accept(actorOf(user), p.id, p.proposal, p.actor, delegations(s));
        if (r.concluded) {
          // Concluded: the accepted package becomes the agreement, handed to monitoring (issue 18).
          const c = await d.store.conclusion(p.id, delegations(s));
          if (c.concluded) await recordOnConclusion(d, p.id, c.proposalId!);
        }
        return r;
      },
    }),
    defineRoute({
      method: "get",
      path: "/api/negotiations/{id}/conclusion",
      summary:
        "Whether every delegation has accepted the same proposal; only then which one and the openings of the sealed acceptances",
      tag: "negotiations",
      auth: "user",
      access: "members of the negotiation, admin",
      params: z.object({ id: idParam }),
      response: z.object({
        concluded: z.boolean(),
        proposal: z.number().optional(),
        openings: z
          .array(
            z.object({
              acceptanceId: z.number(),
              actorId: z.string(),
              proposalId: z.number(),
              salt: z.string(),
            }),
          )
          .optional(),
      }),
      async handler({ params: p, user }) {
        const s = await standing(d.store, user, p.id);
        const c = await d.store.conclusion(p.id, delegations(s));
        return c.concluded
          ? { concluded: true, proposal: c.proposalId!, openings: c.openings! }
          : { concluded: false };
      },
    }),
  ];
}
