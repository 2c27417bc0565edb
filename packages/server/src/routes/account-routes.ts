import { z } from "zod";
import { forgetMembers, requireAdmin, standing } from "../access.js";
import { ApiError } from "../api-error.js";
import type { AppDeps } from "../deps.js";
import { actorOf, defineRoute, type RouteDef } from "../route.js";
import { idParam, memberOut, userOut } from "../schemas.js";

/**
 * Everyday account administration: deactivating and reactivating users, removing members from a
 * negotiation. (Signing in and out, and changing or resetting passwords, are in auth-routes.ts.)
 */
export function accountRoutes(d: AppDeps): RouteDef[] {
  const setActive = (active: boolean): RouteDef =>
    defineRoute({
      method: "post",
      path: `/api/users/{id}/${active ? "reactivate" : "deactivate"}`,
      summary: active
        ? "Reactivate a deactivated user: they can sign in again (with their password as it was); announced in every negotiation they belong to"
        : "Deactivate a user: they cannot sign in, every session of theirs ends at once (on every app server), and every negotiation they belong to gets a log entry",
      tag: "auth",
      auth: "user",
      access: "admin",
      params: z.object({ id: idParam }),
      response: z.object({ user: userOut }),
      async handler({ params, user }) {
        requireAdmin(user, `${active ? "reactivate" : "deactivate"} users`);
        if (!active && params.id === user.id)
          throw new ApiError("conflict", "you cannot deactivate your own account; ask another admin");
        const u = await d.store.setUserActive(actorOf(user), params.id, active);
        d.forgetUser?.(params.id);
        const { passwordHash: _h, ...out } = u;
        return { user: out };
      },
    });

  return [
    defineRoute({
      method: "post",
      path: "/api/me/language",
      summary:
        "Choose the language of one's interface (en, ru, uk), kept on the user for every browser; null: the browser's",
      tag: "auth",
      auth: "user",
      access: "any signed-in user",
      body: z.strictObject({ locale: z.enum(["en", "ru", "uk"]).nullable() }),
      response: z.object({ ok: z.literal(true) }),
      async handler({ body, user }) {
        await d.store.setUserLocale(user.id, body.locale);
        return { ok: true as const };
      },
    }),
    setActive(false),
    setActive(true),
    defineRoute({
      method: "post",
      path: "/api/negotiations/{id}/members/{member}/remove",
      summary:
        "Remove a member (one role of one user) from a negotiation; announced in its log (member.remove). The last member of a delegation cannot be removed (409): another member must be added first, with the delegation's consent",
      tag: "negotiations",
      auth: "user",
      access: "admin; a member of a delegation (members of that same delegation, themselves included)",
      params: z.object({ id: idParam, member: idParam }),
      response: memberOut,
      async handler({ params, user }) {
        const s = await standing(d.store, user, params.id);
        const target = (await d.store.members(params.id)).find((m) => m.id === params.member);
        const ownDelegation =
          target?.role === "delegation" && target.actorId !== null && s.delegationOf.has(target.actorId);
        if (!user.isAdmin && !ownDelegation)
          throw new ApiError(
            "forbidden",
            "only an admin (or a member of the same delegation) may remove this member",
          );
        if (!target)
          throw new ApiError(
            "not_found",
            `member ${params.member} is not a current member of this negotiation`,
          );
        const m = await d.store.removeMember(actorOf(user), params.id, params.member);
        forgetMembers(d.store, params.id);
        return m;
      },
    }),
  ];
}
