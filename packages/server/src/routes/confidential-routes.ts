import { privateBodySchema, validatePrivate } from "@entente/core";
import { z } from "zod";
import { requireDelegation, standing } from "../access.js";
import { ApiError } from "../api-error.js";
import type { AppDeps } from "../deps.js";
import { negotiationScenario } from "../negotiation-scenario.js";
import { actorOf, defineRoute, type RouteDef } from "../route.js";
import { actorId, idParam, scoreOut, text } from "../schemas.js";

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
  ];
}
