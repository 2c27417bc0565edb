import type { Member, NegotiationRole, Store } from "@entente/store";
import { ApiError } from "./api-error.js";
import type { AuthUser } from "./auth.js";

/** The caller's standing in one negotiation. */
export interface Standing {
  isAdmin: boolean;
  roles: Set<NegotiationRole>;
  /** Actors whose delegation the caller belongs to. */
  delegationOf: Set<string>;
  members: Member[];
}

/**
 * Loads the caller's roles in a negotiation. A missing negotiation and one the caller has no part
 * in both answer 404, so outsiders cannot learn which negotiations exist.
 */
export async function standing(store: Store, user: AuthUser, negotiationId: number): Promise<Standing> {
  const members = await cachedMembers(store, negotiationId);
  const mine = members.filter((m) => m.userId === user.id);
  if (!user.isAdmin && mine.length === 0) {
    throw new ApiError("not_found", `negotiation ${negotiationId} does not exist or you are not part of it`);
  }
  if (user.isAdmin) await store.negotiation(negotiationId).catch(() => notFound(negotiationId));
  return {
    isAdmin: user.isAdmin,
    roles: new Set(mine.map((m) => m.role)),
    delegationOf: new Set(mine.filter((m) => m.role === "delegation").map((m) => m.actorId!)),
    members,
  };
}

const memberCaches = new WeakMap<Store, Map<number, { at: number; members: Member[] }>>();
/** How long a negotiation's member list is served from memory. Members are only ever added. */
const MEMBERS_TTL_MS = 2000;

/** NOTIFY channel: "the members of negotiation <payload> changed", for every server instance. */
export const MEMBERS_CHANNEL = "entente_members";

/**
 * The member list, cached briefly: every request checks roles. A change made here drops the cached
 * list at once; one made by another app server drops it when its NOTIFY arrives (found by the
 * cluster test: a member added through one server was refused by the other for up to the TTL), and
 * within {@link MEMBERS_TTL_MS} should that notification be lost.
 */
async function cachedMembers(store: Store, negotiationId: number): Promise<Member[]> {
  let cache = memberCaches.get(store);
  if (!cache) {
    const fresh = new Map<number, { at: number; members: Member[] }>();
    cache = fresh;
    memberCaches.set(store, fresh);
    void store.db.listen(MEMBERS_CHANNEL, (payload) => fresh.delete(Number(payload))).catch(() => undefined);
  }
  const hit = cache.get(negotiationId);
  const t = Date.now();
  if (hit && t - hit.at < MEMBERS_TTL_MS) return hit.members;
  const members = await store.members(negotiationId);
  if (cache.size > 10_000) cache.clear();
  cache.set(negotiationId, { at: t, members });
  return members;
}

/** Drops the cached member list of a negotiation, here and in every other server instance. */
export async function forgetMembers(store: Store, negotiationId: number): Promise<void> {
  memberCaches.get(store)?.delete(negotiationId);
  await store.db
    .query("SELECT pg_notify($1, $2)", [MEMBERS_CHANNEL, String(negotiationId)])
    .catch(() => undefined);
}

function notFound(id: number): never {
  throw new ApiError("not_found", `negotiation ${id} does not exist or you are not part of it`);
}

/** Throws 403 unless the caller holds one of `roles` (admins pass when `adminToo`). */
export function requireRole(s: Standing, roles: NegotiationRole[], what: string, adminToo = false): void {
  if (adminToo && s.isAdmin) return;
  if (roles.some((r) => s.roles.has(r))) return;
  throw new ApiError(
    "forbidden",
    `only ${roles.join(" or ")}${adminToo ? " (or an admin)" : ""} may ${what}`,
  );
}

/** Throws 403 unless the caller is in the delegation of `actorId`. Nobody else, not even an admin. */
export function requireDelegation(s: Standing, actorId: string, what: string): void {
  if (!s.delegationOf.has(actorId)) {
    throw new ApiError("forbidden", `only the delegation of '${actorId}' may ${what}`);
  }
}

/** Throws 403 unless the caller is an admin of the platform. */
export function requireAdmin(user: AuthUser, what: string): void {
  if (!user.isAdmin) throw new ApiError("forbidden", `only an admin may ${what}`);
}

/**
 * Who tables a proposal or an amendment: a delegation in its own actor's name ("delegation"), or
 * the mediator without naming one ("mediator"). Throws 403 for anyone else.
 */
export function proposalAuthor(
  s: Standing,
  actorId: string | undefined,
  what: string,
): "delegation" | "mediator" {
  if (actorId !== undefined) {
    requireDelegation(s, actorId, `${what} for this actor`);
    return "delegation";
  }
  requireRole(s, ["mediator"], `${what} without naming the delegation's actor`);
  return "mediator";
}
