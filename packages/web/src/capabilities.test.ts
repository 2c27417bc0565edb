import { describe, expect, it } from "vitest";
import type { Me, Member } from "./api/types.js";
import { describeRoles, standingIn } from "./capabilities.js";

const user = {
  id: 7,
  name: "u",
  isAdmin: false,
  mustChangePassword: false,
  createdAt: "2026-01-01T00:00:00Z",
};
const m = (negotiationId: number, role: Member["role"], actorId: string | null = null): Member => ({
  id: 1,
  negotiationId,
  userId: 7,
  userName: "u",
  role,
  actorId,
});
const me = (memberships: Member[], isAdmin = false): Me => ({ user: { ...user, isAdmin }, memberships });

// Expected values follow the server's access rules as stated in each route's `access` field
// (packages/server/src/routes/*.ts): proposals by delegations and the mediator, rounds by the
// mediator and admins, the negotiation's audit by members and admins, chain verification by admins.
describe("standingIn", () => {
  it("lets a delegation table and read the audit, not open rounds or verify", () => {
    const s = standingIn(me([m(1, "delegation", "ua")]), 1);
    expect(s).toMatchObject({
      delegationActors: ["ua"],
      isMediator: false,
      canTable: true,
      canOpenRound: false,
      canReadAudit: true,
      canVerifyChain: false,
    });
  });
  it("lets the mediator table and open rounds", () => {
    expect(standingIn(me([m(1, "mediator")]), 1)).toMatchObject({
      isMediator: true,
      canTable: true,
      canOpenRound: true,
    });
  });
  it("gives a monitor or observer read access only", () => {
    for (const role of ["monitor", "observer"] as const) {
      expect(standingIn(me([m(1, role)]), 1)).toMatchObject({
        canTable: false,
        canOpenRound: false,
        canReadAudit: true,
      });
    }
  });
  it("ignores roles in other negotiations", () => {
    expect(standingIn(me([m(2, "mediator")]), 1)).toMatchObject({
      roles: [],
      canTable: false,
      canReadAudit: false,
    });
  });
  it("gives an admin with no role management but not the delegations' or mediator's powers", () => {
    expect(standingIn(me([], true), 1)).toMatchObject({
      canTable: false,
      canOpenRound: true,
      canReadAudit: true,
      canVerifyChain: true,
      canManageMembers: true,
    });
  });
});

describe("describeRoles", () => {
  it("names the actors a delegation represents", () => {
    const names: Record<string, string> = { ua: "Ukraine" };
    expect(describeRoles(me([m(1, "delegation", "ua"), m(1, "observer")]), 1, (a) => names[a] ?? a)).toBe(
      "delegation of Ukraine; observer",
    );
  });
  it("says administrator for an admin without a role", () => {
    expect(describeRoles(me([], true), 1)).toBe("administrator");
  });
});
