import {
  answerAcceptance,
  answerBox,
  answerWhyNoZone,
  answerZone,
  DISCLOSURE_COST,
  DisclosureError,
  disclosureGrid,
  mergePrivate,
  type PackageBox,
  type PrivateBody,
  type Scenario,
  WHY_COST,
} from "@entente/core";
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
 * once, on the disclosure view — red lines tightened to the disclosure grid
 * (packages/core/src/negotiation/disclosure-grid.ts) — and return only aggregates: does a zone of
 * agreement exist, how big, the Nash package, or one yes/no — "does every delegation accept this
 * tabled proposal", "is some package in this part of the space acceptable to all" — never who
 * does not. Each answer is
 * charged, in bits, to the negotiation's disclosure budget in the database and written to the
 * audit log, so every delegation can see how often it was probed. See docs/platform.md,
 * "What each role can learn".
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
  /** Charges an answer to the negotiation's budget (in the database) before it is given. */
  const charge = (user: AuthUser, id: number, query: string, bits: number) =>
    d.store.spendDisclosure(actorOf(user), id, query, bits, d.disclosureBudgetBits);
  const budgetOut = z.object({ spent: z.number(), budget: z.number() });
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
        budget: budgetOut,
      }),
      async handler({ params, user }) {
        const { merged, parties } = await prepare(params.id, user, "ask for the zone of agreement");
        const budget = await charge(user, params.id, "zone", DISCLOSURE_COST.zone);
        return { parties, ...answerZone(merged, parties, d.oracle), budget };
      },
    }),
    defineRoute({
      method: "get",
      path: "/api/negotiations/{id}/mediator/proposals/{proposal}/acceptance",
      summary:
        "For a tabled proposal, whether every delegation would accept it (one yes/no, never who), on red lines tightened to the disclosure grid",
      tag: "mediator",
      auth: "user",
      access: "mediator of the negotiation (rate-limited, audited, charged to the disclosure budget)",
      params: z.object({ id: idParam, proposal: idParam }),
      response: z.object({ proposal: z.number(), allAccept: z.boolean(), budget: budgetOut }),
      async handler({ params, user }) {
        const { merged, parties } = await prepare(params.id, user, "ask whether all would accept a proposal");
        const p = await d.store.proposal(params.id, params.proposal);
        const budget = await charge(user, params.id, `acceptance:${p.id}`, DISCLOSURE_COST.acceptance);
        return { proposal: p.id, allAccept: answerAcceptance(merged, parties, p.package, d.oracle), budget };
      },
    }),
    defineRoute({
      method: "post",
      path: "/api/negotiations/{id}/mediator/box",
      summary:
        "Whether some package in a part of the package space is acceptable to every delegation (one yes/no, never who), on red lines tightened to the disclosure grid",
      tag: "mediator",
      auth: "user",
      access: "mediator of the negotiation (rate-limited, audited, charged to the disclosure budget)",
      params: z.object({ id: idParam }),
      body: z.strictObject({
        /** Per issue: a numeric range (both ends included) or the options allowed; issues not named are free. */
        box: z.record(
          z.string().min(1).max(128),
          z.union([
            z.strictObject({ min: z.number(), max: z.number() }),
            z.array(z.string().min(1).max(128)).max(256),
          ]),
        ),
      }),
      response: z.object({ someAcceptable: z.boolean(), budget: budgetOut }),
      async handler({ params, body, user }) {
        const { merged, parties } = await prepare(params.id, user, "ask about a part of the package space");
        const unknown = Object.keys(body.box).filter((k) => !merged.issues.some((i) => i.id === k));
        if (unknown.length) {
          throw new ApiError(
            "bad_request",
            `the negotiation's scenario has no issue ${unknown.map((k) => `"${k}"`).join(", ")}`,
          );
        }
        const budget = await charge(user, params.id, "box", DISCLOSURE_COST.box);
        try {
          return { someAcceptable: answerBox(merged, parties, body.box as PackageBox, d.oracle), budget };
        } catch (e) {
          if (e instanceof DisclosureError) throw new ApiError("bad_request", e.message);
          throw e;
        }
      },
    }),
    defineRoute({
      method: "get",
      path: "/api/negotiations/{id}/mediator/why",
      summary:
        "Why there is no zone of agreement, in aggregate: which issues' red lines would have to move and how far (never whose), or how many delegations fall short of their BATNA",
      tag: "mediator",
      auth: "user",
      access: "mediator of the negotiation (rate-limited, audited, charged to the disclosure budget)",
      params: z.object({ id: idParam }),
      response: z.object({
        exists: z.boolean(),
        summary: z.string(),
        plans: z.array(
          z.object({
            moves: z.array(z.object({ issue: z.string(), issueName: z.string(), steps: z.number() })),
            sentence: z.string(),
          }),
        ),
        beyondRedLines: z.object({ short: z.number() }).nullable(),
        budget: budgetOut,
      }),
      async handler({ params, user }) {
        const { merged, parties } = await prepare(params.id, user, "ask why there is no zone of agreement");
        const budget = await charge(user, params.id, "why", WHY_COST);
        return { ...answerWhyNoZone(merged, parties), budget };
      },
    }),
    defineRoute({
      method: "get",
      path: "/api/negotiations/{id}/mediator/grid",
      summary:
        "The disclosure grid (the values delegations' red lines are tightened to before any answer) and the budget spent so far",
      tag: "mediator",
      auth: "user",
      access: "mediator of the negotiation",
      params: z.object({ id: idParam }),
      response: z.object({ grid: z.record(z.string(), z.array(issueValue)), budget: budgetOut }),
      async handler({ params, user }) {
        const s = await standing(d.store, user, params.id);
        requireRole(s, ["mediator"], "read the disclosure grid");
        const scenario = await negotiationScenario(d.store, await d.store.negotiation(params.id));
        return {
          grid: Object.fromEntries(scenario.issues.map((i) => [i.id, disclosureGrid(i)])),
          budget: { spent: await d.store.disclosureSpent(params.id), budget: d.disclosureBudgetBits },
        };
      },
    }),
  ];
}
