import { z } from "zod";
import { requireAdmin } from "../access.js";
import { ApiError } from "../api-error.js";
import {
  bearerToken,
  dummyHash,
  hashPassword,
  issueSession,
  randomPassword,
  tokenHash,
  verifyPassword,
} from "../auth.js";
import type { AppDeps } from "../deps.js";
import { assertAcceptablePassword } from "../password-policy.js";
import { actorOf, defineRoute, type RouteDef } from "../route.js";
import { idParam, memberOut, name, text, userOut } from "../schemas.js";

/** Sign-in, the caller's profile, and user administration. */
export function authRoutes(d: AppDeps): RouteDef[] {
  return [
    defineRoute({
      method: "post",
      path: "/api/login",
      summary:
        "Sign in with a name and password; returns a bearer token that expires. With a one-time password (user.mustChangePassword) the token only serves POST /api/me/password, GET /api/me and POST /api/logout. Failed attempts slow further ones down per account and per address (429 with Retry-After)",
      tag: "auth",
      auth: "public",
      access: "anyone",
      body: z.strictObject({ name, password: text(256) }),
      response: z.object({ token: z.string(), expiresAt: z.string(), user: userOut }),
      async handler({ body, c }) {
        const address = d.clientAddress(c);
        const wait = await d.signInThrottle.wait(body.name, address);
        if (wait)
          throw new ApiError("rate_limited", `too many failed sign-ins; try again in ${wait} s`, [], wait);
        const user = await d.store.userByName(body.name);
        // An unknown name costs the same hash as a known one, so timing does not tell which exist.
        const ok = await verifyPassword(
          body.password,
          user?.passwordHash ?? (await dummyHash(d.passwordCost)),
        );
        // One message for both failures, so the answer does not tell which user names exist.
        if (!user || !ok) {
          await d.signInThrottle.failed(body.name, address);
          throw new ApiError("unauthenticated", "wrong user name or password");
        }
        await d.signInThrottle.succeeded(body.name, address);
        if (user.deactivatedAt)
          throw new ApiError(
            "forbidden",
            "this account is deactivated; ask an administrator to reactivate it",
          );
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
      summary:
        "Create a user; without a password, a one-time password is generated and returned once (to be changed at first sign-in). A given password must have 12 characters, not one repeated, and not be among the 49,233 most common",
      tag: "auth",
      auth: "user",
      access: "admin",
      status: 201,
      body: z.strictObject({
        name,
        password: text(256).optional(),
        isAdmin: z.boolean().default(false),
      }),
      response: z.object({ user: userOut, oneTimePassword: z.string().optional() }),
      async handler({ body, user }) {
        requireAdmin(user, "create users");
        if (body.password !== undefined) assertAcceptablePassword(body.password, "password", body.name);
        const password = body.password ?? randomPassword();
        const hash = await hashPassword(password, d.passwordCost);
        const created = await d.store.createUser(
          actorOf(user),
          body.name,
          hash,
          body.isAdmin,
          body.password === undefined,
        );
        const { passwordHash: _h, ...out } = created;
        return body.password ? { user: out } : { user: out, oneTimePassword: password };
      },
    }),
    defineRoute({
      method: "post",
      path: "/api/me/password",
      summary:
        "Change one's own password (required after signing in with a one-time password); the user's other sessions are signed out",
      tag: "auth",
      auth: "user",
      access: "any signed-in user",
      body: z.strictObject({ currentPassword: text(256), newPassword: text(256) }),
      response: z.object({ ok: z.literal(true) }),
      async handler({ body, user, c }) {
        const u = (await d.store.userById(user.id))!;
        if (!(await verifyPassword(body.currentPassword, u.passwordHash))) {
          await d.signInThrottle.failed(u.name, d.clientAddress(c));
          throw new ApiError("forbidden", "the current password is wrong");
        }
        assertAcceptablePassword(body.newPassword, "newPassword", u.name);
        if (body.newPassword === body.currentPassword)
          throw new ApiError("validation", "newPassword: choose a password different from the current one", [
            { path: "newPassword", message: "the same as the current password" },
          ]);
        const keep = tokenHash(bearerToken(c)!);
        await d.store.changePassword(user.id, await hashPassword(body.newPassword, d.passwordCost), keep);
        d.forgetUser?.(user.id);
        return { ok: true as const };
      },
    }),
    defineRoute({
      method: "post",
      path: "/api/users/{id}/password-reset",
      summary:
        "Reset a user's password: a new one-time password, returned once, that must be changed at the next sign-in; the user's sessions are signed out and every negotiation they belong to gets a 'password reset' log entry",
      tag: "auth",
      auth: "user",
      access: "admin",
      params: z.object({ id: idParam }),
      response: z.object({ oneTimePassword: z.string(), announcedIn: z.array(z.number()) }),
      async handler({ params, user }) {
        requireAdmin(user, "reset passwords");
        const oneTimePassword = randomPassword();
        const hash = await hashPassword(oneTimePassword, d.passwordCost);
        const r = await d.store.resetPassword(actorOf(user), params.id, hash);
        d.forgetUser?.(params.id);
        return { oneTimePassword, announcedIn: r.negotiations };
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
