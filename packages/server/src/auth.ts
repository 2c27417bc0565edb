import { createHash, randomBytes } from "node:crypto";
import type { Store } from "@entente/store";
import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context } from "hono";
import { runOnPool } from "./jobs/pool.js";

/** The caller of a route, as the routes see it. */
export interface AuthUser {
  id: number;
  name: string;
  isAdmin: boolean;
  /** Signed in with a one-time password: only changing it (and signing out) is allowed. */
  mustChangePassword: boolean;
}

/**
 * argon2id cost. The default is OWASP's minimum for argon2id (19 MiB, 2 passes, 1 lane; OWASP
 * Password Storage Cheat Sheet, 2023); tests pass a cheaper one to stay fast.
 */
export interface PasswordCost {
  /** Memory in KiB. @default 19456 */
  memoryKiB: number;
  /** Passes over memory. @default 2 */
  iterations: number;
}

export const DEFAULT_PASSWORD_COST: PasswordCost = { memoryKiB: 19_456, iterations: 2 };

/**
 * Hashes a password with argon2id (RFC 9106) and a fresh 16-byte salt; returns the PHC string. The
 * hash runs on the CPU pool's worker threads (~100 ms at the default cost), never on the event loop.
 */
export async function hashPassword(
  password: string,
  cost: PasswordCost = DEFAULT_PASSWORD_COST,
): Promise<string> {
  return runOnPool("argon2.hash", { password, memoryKiB: cost.memoryKiB, iterations: cost.iterations });
}

/** Checks a password against a PHC string made by {@link hashPassword}, on the CPU pool. */
export async function verifyPassword(password: string, encoded: string): Promise<boolean> {
  return runOnPool("argon2.verify", { password, hash: encoded });
}

const dummyHashes = new Map<string, Promise<string>>();

/**
 * A hash of a random password at `cost`, made once per cost: a sign-in with an unknown name is
 * checked against it, so that it takes the same work as one with a known name and the timing does
 * not tell which names exist.
 */
export function dummyHash(cost: PasswordCost): Promise<string> {
  const key = `${cost.memoryKiB}/${cost.iterations}`;
  let h = dummyHashes.get(key);
  if (!h) {
    h = hashPassword(randomBytes(18).toString("base64url"), cost);
    dummyHashes.set(key, h);
  }
  return h;
}

/**
 * The client's address as the socket reports it (a proxy in front would make every client one
 * address; see docs/platform.md). Requests made without a socket (tests) are "local".
 */
export function socketAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? "local";
  } catch {
    return "local";
  }
}

/** A one-time password: 18 random bytes, base64url (144 bits). */
export function randomPassword(): string {
  return randomBytes(18).toString("base64url");
}

/** The database keeps only SHA-256 of a session token, so a leaked table does not log anyone in. */
export function tokenHash(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Issues a session token valid for `ttlMs`. */
export async function issueSession(
  store: Store,
  userId: number,
  now: Date,
  ttlMs: number,
): Promise<{ token: string; expiresAt: string }> {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + ttlMs).toISOString();
  await store.createSession(tokenHash(token), userId, expiresAt);
  return { token, expiresAt };
}

/** The bearer token of a request, when it has a well-formed one. */
export function bearerToken(c: Context): string | undefined {
  const m = /^Bearer ([A-Za-z0-9_-]{16,128})$/.exec(c.req.header("authorization") ?? "");
  return m?.[1];
}

/** How long a resolved session is served from memory before the database is asked again. */
const SESSION_CACHE_MS = 30_000;

export interface Authenticator {
  /** Resolves `Authorization: Bearer <token>` to a user; null when missing, unknown, revoked or expired. */
  authenticate(c: Context): Promise<AuthUser | null>;
  /** Drops a token from the cache (after it was revoked here). */
  forget(tokenHash: string): void;
  /** Drops every cached session of a user (after their password changed or was reset). */
  forgetUser(userId: number): void;
}

/**
 * Resolves bearer tokens to users. On PostgreSQL, every request reads its session, the session's
 * revocation and the user's state in one query, so a sign-out, a password change or a deactivation
 * on any app server is honoured by every other one at the next request. On the embedded store (one
 * process, nobody else writes) resolved sessions are kept in memory for {@link SESSION_CACHE_MS} and
 * dropped at once by `forget`/`forgetUser` when this process revokes them. Expiry is checked against
 * the clock on every request.
 */
export function createAuthenticator(store: Store, now: () => Date): Authenticator {
  const sessions = new Map<string, { user: AuthUser; expiresAt: string; cachedAt: number }>();
  // Read at the first request, not here: the OpenAPI generator builds the app over a stub store.
  const cache = () => store.db.kind === "pglite";
  return {
    forget: (key) => void sessions.delete(key),
    forgetUser(userId) {
      for (const [key, hit] of sessions) if (hit.user.id === userId) sessions.delete(key);
    },
    async authenticate(c) {
      const token = bearerToken(c);
      if (!token) return null;
      const key = tokenHash(token);
      let hit = sessions.get(key);
      if (!hit || Date.now() - hit.cachedAt > SESSION_CACHE_MS) {
        sessions.delete(key);
        const found = await store.sessionUser(key);
        if (!found) return null;
        const { user } = found;
        hit = {
          user: {
            id: user.id,
            name: user.name,
            isAdmin: user.isAdmin,
            mustChangePassword: user.mustChangePassword,
          },
          expiresAt: found.expiresAt,
          cachedAt: Date.now(),
        };
        if (cache()) {
          if (sessions.size > 10_000) sessions.clear();
          sessions.set(key, hit);
        }
      }
      return hit.expiresAt > now().toISOString() ? hit.user : null;
    },
  };
}
