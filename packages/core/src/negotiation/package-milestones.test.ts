import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { evaluateCompliance } from "../compliance/evaluate.js";
import type { MonitoringEvent } from "../compliance/events.js";
import { parseScenario } from "../model/parse.js";
import { packageMilestones } from "./package-milestones.js";

const file = new URL("../../../../scenarios/ukraine-security-guarantees.yaml", import.meta.url);
const parsed = parseScenario(readFileSync(file, "utf8"), "ukraine-security-guarantees.yaml");
if (!parsed.ok) throw new Error("the default scenario must be valid");
const s = parsed.scenario;
/** A package of the default scenario: the first option of every issue, with overrides. */
const pkg = (over: Record<string, string | number>) =>
  Object.fromEntries(
    s.issues.map((i) => [i.id, over[i.id] ?? (i.kind === "numeric" ? i.max : i.options[0]!.id)]),
  ) as Record<string, string | number>;

describe("packageMilestones", () => {
  it("names the option milestones of the default template that a package picks, and no others", () => {
    expect(
      packageMilestones(s, pkg({ withdrawal: "contact-line-dmz", exercises: "guarantor-consent" })),
    ).toEqual(["withdrawal.contact-line-dmz", "exercises.guarantor-consent"]);
    // borders-1991 and unrestricted (the first options) imply no commitment of their own.
    expect(packageMilestones(s, pkg({}))).toEqual([]);
  });

  it("starts exactly the picked option's commitments when its milestones are set", () => {
    const p = pkg({ withdrawal: "ua-leaves-donbas" });
    const t = "2030-03-01T00:00Z";
    const events = ["ceasefire-start", ...packageMilestones(s, p)].map(
      (milestone, i): MonitoringEvent => ({
        kind: "milestone",
        id: `m${i}`,
        time: t,
        by: "x",
        milestone,
        published: false,
      }),
    );
    const r = evaluateCompliance(s.agreement!, events, Date.parse("2030-03-10T00:00Z"));
    const status = (c: string) => r.slots.find((x) => x.commitment === c)!.status;
    expect(status("withdrawal-from-donbas")).toBe("due");
    expect(status("withdrawal-to-2022-lines")).toBe("pending");
    expect(status("withdrawal-dmz-ru")).toBe("pending");
    expect(status("ceasefire-ru")).toBe("due");
  });

  it("returns nothing for a scenario without an agreement", () => {
    expect(
      packageMilestones({ ...s, agreement: undefined }, pkg({ withdrawal: "contact-line-dmz" })),
    ).toEqual([]);
  });
});
