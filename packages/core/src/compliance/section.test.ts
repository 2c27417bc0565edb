import { describe, expect, it } from "vitest";
import type { Scenario } from "../model/scenario.js";
import { testAgreement } from "./fixtures/test-agreement.js";
import { complianceSection } from "./section.js";

const scenario = {
  mechanisms: [
    {
      id: "coalition",
      name: "Coalition",
      guarantors: ["ru", "us", "fr"],
      rule: { type: "unanimity" },
      accusedVote: "votes",
      consultationHours: 72,
      responses: [],
      support: [],
    },
  ],
  agreement: testAgreement,
} as unknown as Scenario;

describe("complianceSection", () => {
  it("resolves the schedule without events: pullback from 16 Feb 22:00Z to 2 Mar 22:00Z", () => {
    const s = complianceSection(scenario)!.data;
    expect(s.commitments.find((c) => c.id === "pullback")).toMatchObject({
      start: "2015-02-16T22:00:00Z",
      deadline: "2015-03-02T22:00:00Z",
      unlocks: ["relief"],
    });
  });

  it("says a breach by a guarantor with a veto cannot activate the mechanism, and one by another party can", () => {
    const t = complianceSection(scenario)!.data.commitments.find((c) => c.id === "ceasefire")!.trigger!;
    expect(t.find((x) => x.obligor === "ru")).toMatchObject({ canActivate: false });
    expect(t.find((x) => x.obligor === "ru")!.summary).toContain("ru is a veto player");
    // ua is not a guarantor: unanimity of ru, us, fr is reachable, but only with ru's yes.
    expect(t.find((x) => x.obligor === "ua")).toMatchObject({
      canActivate: true,
      vetoPlayers: ["ru", "us", "fr"],
    });
  });

  it("is absent for a scenario without an agreement", () => {
    expect(complianceSection({ ...scenario, agreement: undefined })).toBeUndefined();
  });
});
