import { discloseZone, mergePrivate, type PrivateBody, type Scenario } from "@entente/core";
import { z } from "zod";
import { requireRole, type Standing, standing } from "../access.js";
import { ApiError } from "../api-error.js";
import type { AuthUser } from "../auth.js";
import type { AppDeps } from "../deps.js";
import { negotiationScenario } from "../negotiation-scenario.js";
import { actorOf, defineRoute, type RouteDef } from "../route.js";
import { idParam, issueValue } from "../schemas.js";

/** Fewer than this many delegations with private positions, and the mediator gets no derived answers. */
export const MIN_CONFIDENTIAL_DELEGATIONS = 2;

/**
 * The mediator's derived answers. They are computed from every delegation's private positions at
 * once and return only aggregates (does a zone of agreement exist, how big, the Nash package) or
 * one bit per delegation for a proposal already tabled in the negotiation. Each query spends a
 * rate-limit token and is written to the audit log, so every delegation can see how often it was
 * probed. See docs/platform.md, "What each role can learn".
 */
export function mediatorRoutes(d: AppDeps): RouteDef[] {
  async function prepare(
    id: number,
    user: AuthUser,
    what: string,
  ): Promise<{ s: Standing; merged: Scenario; parties: string[] }> {
    const s = await standing(d.store, user, id);
    requireRole(s, ["mediator"], what);
    const wait = d.mediatorLimiter.take(`${user.id}:${id}`);
    if (wait) {
      throw new ApiError(
        "rate_limited",
        `the mediator's query allowance is used up; try again in ${wait} s`,
        [],
        wait,
      );
    }
    const scenario = await negotiationScenario(d.store, await d.store.negotiation(id));
    const parties = [
      ...new Set(s.members.filter((m) => m.role === "delegation").map((m) => m.actorId!)),
    ].sort();
    const privates = await d.store.privatePositions(id);
    if (privates.length < MIN_CONFIDENTIAL_DELEGATIONS) {
      throw new ApiError(
        "conflict",
        `derived answers need private positions from at least ${MIN_CONFIDENTIAL_DELEGATIONS} delegations (so no answer is about one alone); ${privates.length} lodged`,
      );
    }
    const merged = mergePrivate(
      scenario,
      privates.map((p) => ({ actorId: p.actorId, body: p.body as PrivateBody })),
    );
    return { s, merged, parties };
  }
  const record = (user: AuthUser, id: number, query: string) => d.store.recordQuery(actorOf(user), id, query);
  const pkgOut = z.record(z.string(), issueValue);
  return [
    defineRoute({
      method: "get",
      path: "/api/negotiations/{id}/mediator/zone",
      summary:
        "Whether a package acceptable to every delegation exists, how many, the Nash package and other suggestions",
      tag: "mediator",
      auth: "user",
      access: "mediator of the negotiation (rate-limited, audited)",
      params: z.object({ id: idParam }),
      response: z.object({
        parties: z.array(z.string()),
        exists: z.boolean(),
        count: z.object({ atLeast: z.number(), below: z.number() }),
        total: z.number(),
        nash: pkgOut.nullable(),
        suggestions: z.array(z.object({ kind: z.string(), package: pkgOut })),
        withheld: z.string().optional(),
      }),
      async handler({ params, user }) {
        const { merged, parties } = await prepare(params.id, user, "ask for the zone of agreement");
        await record(user, params.id, "zone");
        return { parties, ...discloseZone(d.oracle.zone(merged, parties)) };
      },
    }),
    defineRoute({
      method: "get",
      path: "/api/negotiations/{id}/mediator/proposals/{proposal}/acceptance",
      summary: "For a tabled proposal, whether each delegation would accept it (yes/no only)",
      tag: "mediator",
      auth: "user",
      access: "mediator of the negotiation (rate-limited, audited)",
      params: z.object({ id: idParam, proposal: idParam }),
      response: z.object({ proposal: z.number(), acceptance: z.record(z.string(), z.boolean()) }),
      async handler({ params, user }) {
        const { merged, parties } = await prepare(params.id, user, "ask who would accept a proposal");
        const p = await d.store.proposal(params.id, params.proposal);
        await record(user, params.id, `acceptance:${p.id}`);
        return { proposal: p.id, acceptance: d.oracle.acceptance(merged, parties, p.package) };
      },
    }),
  ];
}
