import type { Me, Role } from "./api/types.js";

/** What the signed-in user may do in one negotiation; the UI shows only the controls that will work. */
export interface Standing {
  isAdmin: boolean;
  roles: Role[];
  /** Party actors this user's delegation(s) represent here. */
  delegationActors: string[];
  isMediator: boolean;
  /** Delegations table for their actor, the mediator without one (POST /api/negotiations/{id}/proposals). */
  canTable: boolean;
  canOpenRound: boolean;
  /** Members and admins read the negotiation's audit entries; only admins verify the whole chain. */
  canReadAudit: boolean;
  canVerifyChain: boolean;
  canManageMembers: boolean;
}

/** Derives the user's standing in a negotiation from GET /api/me, mirroring the server's access rules. */
export function standingIn(me: Me, negotiationId: number): Standing {
  const mine = me.memberships.filter((m) => m.negotiationId === negotiationId);
  const roles = [...new Set(mine.map((m) => m.role))];
  const delegationActors = [
    ...new Set(mine.filter((m) => m.role === "delegation" && m.actorId).map((m) => m.actorId!)),
  ].sort();
  const isMediator = roles.includes("mediator");
  const isAdmin = me.user.isAdmin;
  return {
    isAdmin,
    roles,
    delegationActors,
    isMediator,
    canTable: isMediator || delegationActors.length > 0,
    canOpenRound: isMediator || isAdmin,
    canReadAudit: isAdmin || mine.length > 0,
    canVerifyChain: isAdmin,
    canManageMembers: isAdmin,
  };
}

/** "mediator; delegation of ua" — the roles as one line, for the header and lists. */
export function describeRoles(me: Me, negotiationId: number, actorLabel = (id: string) => id): string {
  const s = standingIn(me, negotiationId);
  const parts: string[] = [];
  for (const r of s.roles) {
    if (r === "delegation") parts.push(`delegation of ${s.delegationActors.map(actorLabel).join(", ")}`);
    else parts.push(r);
  }
  if (parts.length === 0 && s.isAdmin) parts.push("administrator");
  return parts.join("; ");
}
