import { describe, expect, it } from "vitest";
import { AUDIT_PHRASES_EN, auditInWords, auditPhrase } from "./audit-words.js";

const entry = (
  action: string,
  details: Record<string, unknown>,
  subject = "negotiation:1",
  userName = "olena",
) => ({
  seq: 7,
  userName,
  action,
  subject,
  payload: JSON.stringify(details),
});
const names = {
  actor: (id: string) => ({ ua: "Ukraine", ru: "Russia", osce: "OSCE" })[id],
  user: (id: number) => ({ 3: "olena", 4: "ivan" })[id],
};

describe("the audit log in words", () => {
  it("names the delegation and the version of private positions, as the issue's example", () => {
    const e = entry("private.put", { actorId: "ua", version: 3, commitment: "ab12" });
    expect(auditInWords(e, names)).toBe("Ukraine lodged private positions, version 3");
  });

  it("never shows a commitment, a salt or a package", () => {
    const e = entry("score.put", { actorId: "ru", scoreId: 9, commitment: "c0ffee" }, "proposal:12");
    const s = auditInWords(e, names);
    expect(s).toBe("Russia scored proposal 12 (privately)");
    const p = entry(
      "proposal.create",
      { round: 2, parentId: null, package: { troops: "none" }, authorActor: "ua", note: "x" },
      "proposal:5",
    );
    expect(auditInWords(p, names)).toBe("Ukraine tabled proposal 5 in round 2");
    expect(auditInWords(p, names)).not.toContain("none");
  });

  it("says who joined or left which delegation, by user name", () => {
    expect(auditInWords(entry("member.add", { userId: 4, role: "delegation", actorId: "ru" }), names)).toBe(
      "olena added ivan to the delegation of Russia",
    );
    expect(auditInWords(entry("member.remove", { userId: 4, role: "observer", actorId: null }), names)).toBe(
      "olena removed ivan from the role of observer",
    );
    expect(auditInWords(entry("member.add", { userId: 99, role: "monitor", actorId: null }), names)).toBe(
      "olena gave user 99 the role of monitor",
    );
  });

  it("keeps a sealed acceptance anonymous and lists monitoring filings", () => {
    expect(
      auditInWords(entry("acceptance.seal", { acceptanceId: 1, commitment: "x" }, "negotiation:1", "sealed")),
    ).toBe("A delegation sealed an acceptance (who, and of what, stays hidden until all accept)");
    const m = entry(
      "monitoring.file",
      { events: [{ id: "r-1", kind: "report", by: "osce" }], sha256: "x" },
      "negotiation:1/monitoring",
      "monitor1",
    );
    expect(auditInWords(m, names)).toBe("monitor1 filed 1 monitoring events: report r-1 (OSCE)");
  });

  it("gives every action a template, and unknown actions a plain sentence", () => {
    const actions = [
      ["user.create", { name: "a", isAdmin: false }],
      ["user.password_reset", { userId: 3, name: "olena" }],
      ["user.deactivate", { userId: 3, name: "olena" }],
      ["user.reactivate", { userId: 3, name: "olena" }],
      ["scenario.version", { slug: "s", version: 2 }],
      ["scenario.quarantine", { version: 2, reason: "bad" }],
      ["negotiation.create", { title: "T", venue: "V", scenarioVersion: 1 }],
      ["round.open", { number: 1, label: "R", deadline: "2026-12-01T00:00:00.000Z" }],
      ["round.close", { number: 1 }],
      ["negotiation.concluded", { proposalId: 4 }],
      ["mediator.query", { query: "zone", bits: 1, spent: 3, budget: 24 }],
      ["webhook.create", { webhookId: 1, host: "relay.example" }],
      ["text.adopt", { version: 2, proposalId: 7 }],
      ["agreement.record", { version: 1, proposalId: 7, digest: "x" }],
      ["webhook.disable", { webhookId: 1 }],
    ] as const;
    for (const [action, d] of actions) {
      const { key, params } = auditPhrase(entry(action, d), names);
      expect(key).not.toBe("audit.other");
      for (const m of AUDIT_PHRASES_EN[key].matchAll(/\{(\w+)\}/g))
        expect(params, `${action} ${m[1]}`).toHaveProperty(m[1]!);
    }
    expect(auditInWords(entry("thing.new", {}))).toBe("olena: thing.new on negotiation:1");
  });
});
