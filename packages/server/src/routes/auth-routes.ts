import { z } from "zod";
import { requireAdmin } from "../access.js";
import { ApiError } from "../api-error.js";
import {
  bearerToken,
  hashPassword,
  issueSession,
  randomPassword,
  tokenHash,
  verifyPassword,
} from "../auth.js";
import type { AppDeps } from "../deps.js";
import { actorOf, defineRoute, type RouteDef } from "../route.js";
import { memberOut, name, text, userOut } from "../schemas.js";

/** Sign-in, the caller's profile, and user administration. */
export function authRoutes(d: AppDeps): RouteDef[] {
  return [
    defineRoute({
      method: "post",
      path: "/api/login",
      summary: "Sign in with a name and password; returns a bearer token that expires",
      tag: "auth",
      auth: "public",
      access: "anyone",
      body: z.strictObject({ name, password: text(256) }),
      response: z.object({ token: z.string(), expiresAt: z.string(), user: userOut }),
      async handler({ body }) {
        const wait = d.loginLimiter.take(body.name);
        if (wait)
          throw new ApiError("rate_limited", `too many sign-in attempts; try again in ${wait} s`, [], wait);
        const user = await d.store.userByName(body.name);
        // One message for both failures, so the answer does not tell which user names exist.
        if (!user || !(await verifyPassword(body.password, user.passwordHash))) {
          throw new ApiError("unauthenticated", "wrong user name or password");
        }
        const s = await issueSession(d.store, user.id, d.now(), d.sessionTtlMs);
        const { passwordHash: _h, ...out } = user;
        return { ...s, user: out };
      },
    }),
    defineRoute({
      method: "post",
      path: "/api/logout",
      summary: "Sign out: the token stops working at once (a revocation is recorded; nothing is deleted)",
      tag: "auth",
      auth: "user",
      access: "any signed-in user",
      response: z.object({ ok: z.literal(true) }),
      async handler({ c }) {
        const key = tokenHash(bearerToken(c)!);
        await d.store.revokeSession(key);
        d.forgetSession?.(key);
        return { ok: true as const };
      },
    }),
    defineRoute({
      method: "get",
      path: "/api/me",
      summary: "The signed-in user and their roles in every negotiation",
      tag: "auth",
      auth: "user",
      access: "any signed-in user",
      response: z.object({ user: userOut, memberships: z.array(memberOut) }),
      async handler({ user }) {
        const u = (await d.store.userById(user.id))!;
        const memberships = [];
        for (const n of await d.store.listNegotiations()) {
          memberships.push(...(await d.store.members(n.id)).filter((m) => m.userId === user.id));
        }
        const { passwordHash: _h, ...out } = u;
        return { user: out, memberships };
      },
    }),
    defineRoute({
      method: "post",
      path: "/api/users",
      summary: "Create a user; without a password, a one-time password is generated and returned once",
      tag: "auth",
      auth: "user",
      access: "admin",
      status: 201,
      body: z.strictObject({
        name,
        password: text(256).min(12).optional(),
        isAdmin: z.boolean().default(false),
      }),
      response: z.object({ user: userOut, oneTimePassword: z.string().optional() }),
      async handler({ body, user }) {
        requireAdmin(user, "create users");
        const password = body.password ?? randomPassword();
        const hash = await hashPassword(password, d.passwordCost);
        const created = await d.store.createUser(actorOf(user), body.name, hash, body.isAdmin);
        const { passwordHash: _h, ...out } = created;
        return body.password ? { user: out } : { user: out, oneTimePassword: password };
      },
    }),
    defineRoute({
      method: "get",
      path: "/api/users",
      summary: "List users",
      tag: "auth",
      auth: "user",
      access: "admin",
      response: z.object({ users: z.array(userOut) }),
      async handler({ user }) {
        requireAdmin(user, "list users");
        return { users: await d.store.listUsers() };
      },
    }),
  ];
}
