import { checkScenarioPackage, delegationActors } from "@entente/core";
import { StoreError } from "@entente/store";
import { z } from "zod";
import {
  forgetMembers,
  proposalAuthor,
  requireAdmin,
  requireRole,
  type Standing,
  standing,
} from "../access.js";
import { ApiError } from "../api-error.js";
import type { AuthUser } from "../auth.js";
import type { AppDeps } from "../deps.js";
import { negotiationScenario } from "../negotiation-scenario.js";
import { actorOf, defineRoute, type RouteDef } from "../route.js";
import {
  actorId,
  idParam,
  memberOut,
  negotiationOut,
  packageSchema,
  proposalOut,
  roleSchema,
  roundOut,
  text,
} from "../schemas.js";

const nParam = z.object({ id: idParam });

/** Negotiations, their members, rounds and proposals: the shared, non-confidential record. */
export function negotiationRoutes(d: AppDeps): RouteDef[] {
  return [
    defineRoute({
      method: "post",
      path: "/api/negotiations",
      summary: "Open a negotiation on a stored scenario version",
      tag: "negotiations",
      auth: "user",
      access: "admin",
      status: 201,
      body: z.strictObject({
        title: text(200).min(1),
        venue: text(200).min(1),
        scenarioId: idParam,
        scenarioVersion: idParam,
      }),
      response: negotiationOut,
      async handler({ body, user }) {
        requireAdmin(user, "open negotiations");
        return d.store.createNegotiation(actorOf(user), body);
      },
    }),
    defineRoute({
      method: "get",
      path: "/api/negotiations",
      summary: "Negotiations the caller takes part in (all, for an admin)",
      tag: "negotiations",
      auth: "user",
      access: "any signed-in user",
      response: z.object({ negotiations: z.array(negotiationOut) }),
      async handler({ user }) {
        const all = await d.store.listNegotiations();
        if (user.isAdmin) return { negotiations: all };
        const mine = [];
        for (const n of all)
          if ((await d.store.members(n.id)).some((m) => m.userId === user.id)) mine.push(n);
        return { negotiations: mine };
      },
    }),
    defineRoute({
      method: "get",
      path: "/api/negotiations/{id}",
      summary: "One negotiation with its members and rounds",
      tag: "negotiations",
      auth: "user",
      access: "members of the negotiation, admin",
      params: nParam,
      response: negotiationOut.extend({ members: z.array(memberOut), rounds: z.array(roundOut) }),
      async handler({ params, user }) {
        const s = await standing(d.store, user, params.id);
        const n = await d.store.negotiation(params.id);
        return { ...n, members: s.members, rounds: await d.store.rounds(params.id) };
      },
    }),
    defineRoute({
      method: "post",
      path: "/api/negotiations/{id}/members",
      summary:
        "Give a user a role in a negotiation (a delegation represents one participant actor: a party, a guarantor or a mediator; joining one needs a current member's consent)",
      tag: "negotiations",
      auth: "user",
      access:
        "admin (any role but a delegation's, and a delegation's first member); a member of a delegation (more members of it)",
      status: 201,
      params: nParam,
      body: z.strictObject({ userId: idParam, role: roleSchema, actorId: actorId.optional() }),
      response: memberOut,
      async handler({ params, body, user }) {
        const s = await standing(d.store, user, params.id);
        const n = await d.store.negotiation(params.id);
        const scenario = await negotiationScenario(d.store, n);
        if (body.role === "delegation") {
          const seats = delegationActors(scenario);
          if (!body.actorId || !seats.includes(body.actorId)) {
            throw new ApiError(
              "validation",
              "a delegation needs actorId: one of the scenario's parties, guarantors or mediators",
              [{ path: "body.actorId", message: `expected one of ${seats.join(", ")}` }],
            );
          }
          await requireJoinConsent(d, params.id, body.actorId, body.userId, s, user);
        } else {
          requireAdmin(user, "assign roles");
          if (body.actorId) {
            throw new ApiError("validation", "only a delegation represents an actor", [
              { path: "body.actorId", message: "leave out for this role" },
            ]);
          }
        }
        const m = await d.store.addMember(
          actorOf(user),
          params.id,
          body.userId,
          body.role,
          body.actorId ?? null,
        );
        await forgetMembers(d.store, params.id);
        return m;
      },
    }),
    defineRoute({
      method: "post",
      path: "/api/negotiations/{id}/rounds",
      summary: "Open the next round, optionally with a deadline after which it takes no proposals",
      tag: "negotiations",
      auth: "user",
      access: "mediator, admin",
      status: 201,
      params: nParam,
      body: z.strictObject({
        label: text(200).min(1),
        /** An ISO date-time with its offset, e.g. 2026-11-02T18:00:00+02:00; stored in UTC. */
        deadline: z.iso
          .datetime({
            offset: true,
            error: "expected a date-time with its offset, e.g. 2026-11-02T18:00:00+02:00",
          })
          .optional(),
      }),
      response: roundOut,
      async handler({ params, body, user }) {
        const s = await standing(d.store, user, params.id);
        requireRole(s, ["mediator"], "open rounds", true);
        const deadline = body.deadline === undefined ? null : new Date(body.deadline).toISOString();
        return d.store.openRound(actorOf(user), params.id, body.label, deadline);
      },
    }),
    defineRoute({
      method: "post",
      path: "/api/negotiations/{id}/rounds/{number}/close",
      summary: "Close a round before its deadline: it takes no more proposals",
      tag: "negotiations",
      auth: "user",
      access: "mediator, admin",
      params: z.object({ id: idParam, number: idParam }),
      response: roundOut,
      async handler({ params, user }) {
        const s = await standing(d.store, user, params.id);
        requireRole(s, ["mediator"], "close rounds", true);
        return d.store.closeRound(actorOf(user), params.id, params.number);
      },
    }),
    defineRoute({
      method: "post",
      path: "/api/negotiations/{id}/proposals",
      summary: "Table a proposal (a package), or a counter-proposal to an earlier one, in the current round",
      tag: "proposals",
      auth: "user",
      access: "delegations (for their own actor), mediator",
      status: 201,
      params: nParam,
      body: z.strictObject({
        package: packageSchema,
        note: text(2000).default(""),
        parentId: idParam.optional(),
        /** The actor a delegation tables it for; required when the caller is in a delegation. */
        actorId: actorId.optional(),
      }),
      response: proposalOut,
      async handler({ params, body, user }) {
        const s = await standing(d.store, user, params.id);
        const authorRole = proposalAuthor(s, body.actorId, "table proposals");
        const n = await d.store.negotiation(params.id);
        checkScenarioPackage(await negotiationScenario(d.store, n), body.package);
        try {
          return await d.store.createProposal(actorOf(user), {
            negotiationId: params.id,
            parentId: body.parentId ?? null,
            authorRole,
            authorActor: body.actorId ?? null,
            package: body.package,
            note: body.note,
          });
        } catch (e) {
          if (e instanceof StoreError && e.code === "not_found") {
            throw new ApiError("validation", e.message, [{ path: "body.parentId", message: e.message }]);
          }
          throw e;
        }
      },
    }),
    defineRoute({
      method: "get",
      path: "/api/negotiations/{id}/proposals",
      summary: "Every proposal and counter-proposal tabled so far",
      tag: "proposals",
      auth: "user",
      access: "members of the negotiation, admin",
      params: nParam,
      response: z.object({ proposals: z.array(proposalOut) }),
      async handler({ params, user }) {
        await standing(d.store, user, params.id);
        return { proposals: await d.store.proposals(params.id) };
      },
    }),
  ];
}

/**
 * Separation of duties for joining a delegation (issue 14): a platform admin never joins one (the
 * admin role carries no private read rights, and membership would give them); a delegation's first
 * member is placed by an admin, before anything private is lodged; every later member must be
 * added by a current member of that delegation — its consent. Each addition is logged
 * (`member.add`), so every member of the negotiation sees who joined.
 */
async function requireJoinConsent(
  d: AppDeps,
  negotiationId: number,
  actor: string,
  userId: number,
  s: Standing,
  caller: AuthUser,
): Promise<void> {
  const target = await d.store.userById(userId);
  if (!target) throw new ApiError("validation", `user ${userId} does not exist`);
  if (target.isAdmin) {
    throw new ApiError(
      "forbidden",
      "an administrator cannot join a delegation: the admin role never carries private read rights; use a separate account",
    );
  }
  // Fresh from the store, not the short-lived cache: consent is checked against the current list.
  const current = (await d.store.members(negotiationId)).filter(
    (m) => m.role === "delegation" && m.actorId === actor,
  );
  if (current.length === 0) {
    requireAdmin(caller, `place the first member of the delegation of '${actor}'`);
    return;
  }
  if (!current.some((m) => m.userId === caller.id) || !s.delegationOf.has(actor)) {
    throw new ApiError(
      "forbidden",
      `only a current member of the delegation of '${actor}' may add members to it (its consent)`,
    );
  }
}
