import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { agreementSchema, checkAgreement } from "../model/agreement.js";
import { evaluateCompliance } from "./evaluate.js";
import { parseEventsCsv } from "./events-csv.js";
import { checkNotifications } from "./notifications.js";

// The Minsk II scenario's agreement block and its illustrative event log, replayed at chosen moments.
// Every expectation below was worked out by hand from the two files (Kyiv: UTC+2 until
// 29 Mar 2015 01:00Z, UTC+3 until 25 Oct 2015 01:00Z, then UTC+2 again).
const root = new URL("../../../../scenarios/", import.meta.url);
const agreement = agreementSchema.parse(
  (parse(readFileSync(new URL("minsk-ii.yaml", root), "utf8")) as { agreement: unknown }).agreement,
);
const log = parseEventsCsv(readFileSync(new URL("minsk-ii-events.csv", root), "utf8"), "minsk-ii-events.csv");
if (!log.ok) throw new Error(JSON.stringify(log.errors));
const events = log.events;

const at = (iso: string) => {
  const r = evaluateCompliance(agreement, events, Date.parse(iso));
  return (commitment: string, obligor: string) =>
    r.slots.find((s) => s.commitment === commitment && s.obligor === obligor)!.status;
};

describe("Minsk II, replayed from the illustrative log", () => {
  it("is a well-formed agreement and a valid log", () => {
    expect(checkAgreement(agreement)).toEqual([]);
    expect(events).toHaveLength(19);
  });

  it("starts the ceasefire at 00:00 Kyiv on 15 Feb 2015 (22:00Z on the 14th)", () => {
    expect(at("2015-02-14T21:59:59Z")("ceasefire", "ua")).toBe("pending");
    expect(at("2015-02-14T22:00Z")("ceasefire", "ua")).toBe("due");
  });

  it("records the first verified violations for each side, and not the low-confidence allegation", () => {
    // r-001 06:30 Kyiv = 04:30Z (cadlr), r-002 09:10 Kyiv = 07:10Z (ua).
    expect(at("2015-02-15T04:29Z")("ceasefire", "cadlr")).toBe("due");
    expect(at("2015-02-15T04:30Z")("ceasefire", "cadlr")).toBe("violated");
    expect(at("2015-02-15T07:09Z")("ceasefire", "ua")).toBe("due");
    expect(at("2015-02-15T07:10Z")("ceasefire", "ua")).toBe("violated");
  });

  it("starts the pullback on day 2 (17 Feb 00:00 Kyiv) and makes it overdue on 3 Mar 00:00 Kyiv (2 Mar 22:00Z)", () => {
    expect(at("2015-02-16T21:59Z")("pullback-mlrs-70km", "cadlr")).toBe("pending");
    expect(at("2015-02-16T22:00Z")("pullback-mlrs-70km", "cadlr")).toBe("due");
    expect(at("2015-03-02T21:59Z")("pullback-heavy-mlrs-140km", "ua")).toBe("due");
    expect(at("2015-03-02T22:00Z")("pullback-heavy-mlrs-140km", "ua")).toBe("overdue");
    // ua's 50 km pullback was verified at 14:00Z, before the deadline.
    expect(at("2015-03-02T22:00Z")("pullback-artillery-50km", "ua")).toBe("verified");
  });

  it("moves the cadlr 50 km pullback from claimed to unverifiable when access is denied", () => {
    expect(at("2015-02-24T10:00Z")("pullback-artillery-50km", "cadlr")).toBe("met");
    expect(at("2015-02-27T08:00Z")("pullback-artillery-50km", "cadlr")).toBe("unverifiable");
    expect(at("2015-02-27T08:00Z")("osce-access", "cadlr")).toBe("violated");
  });

  it("applies a correction only from when it was recorded (r-010 recorded 11:00Z supersedes r-009)", () => {
    const before = at("2015-03-05T10:00Z");
    expect(before("pullback-artillery-50km", "cadlr")).toBe("violated");
    expect(before("pullback-mlrs-70km", "cadlr")).toBe("overdue");
    const after = at("2015-03-05T11:00Z");
    expect(after("pullback-artillery-50km", "cadlr")).toBe("unverifiable");
    expect(after("pullback-mlrs-70km", "cadlr")).toBe("violated");
  });

  it("keeps a referred finding disputed until the Trilateral Contact Group rules (inconclusive)", () => {
    expect(at("2015-03-06T08:00Z")("pullback-mlrs-70km", "cadlr")).toBe("disputed");
    expect(at("2015-03-12T12:59Z")("pullback-mlrs-70km", "cadlr")).toBe("disputed");
    expect(at("2015-03-12T13:00Z")("pullback-mlrs-70km", "cadlr")).toBe("unverifiable");
  });

  it("dates the hostage-release deadline five Kyiv days after the pullback deadline (7 Mar 22:00Z)", () => {
    expect(at("2015-03-07T21:59Z")("hostage-release", "cadlr")).toBe("due");
    expect(at("2015-03-07T22:00Z")("hostage-release", "cadlr")).toBe("overdue");
    expect(at("2015-03-07T22:00Z")("hostage-release", "ua")).toBe("verified");
  });

  it("waits for the election dialogue until the whole 50 km pullback is verified, which never happens here", () => {
    expect(at("2015-12-31T00:00Z")("election-dialogue", "ua")).toBe("pending");
  });

  it("reads 03:30 Kyiv on 29 Mar 2015, a time skipped by DST, as 01:30Z", () => {
    expect(at("2015-03-29T01:29:59Z")("ceasefire", "ua")).toBe("violated");
    expect(at("2015-03-29T01:30Z")("ceasefire", "ua")).toBe("verified");
  });

  it("reads 03:30 Kyiv on 25 Oct 2015, a time that occurs twice, as the earlier 00:30Z", () => {
    expect(at("2015-10-25T00:29:59Z")("ceasefire", "ua")).toBe("verified");
    expect(at("2015-10-25T00:30Z")("ceasefire", "ua")).toBe("violated");
  });

  it("makes the constitutional reform overdue at 23:59:59 Kyiv on 31 Dec 2015 (21:59:59Z)", () => {
    expect(at("2015-12-31T21:59:58Z")("constitutional-reform", "ua")).toBe("due");
    expect(at("2015-12-31T21:59:59Z")("constitutional-reform", "ua")).toBe("overdue");
  });

  it("never unlocks the sanctions review: the ceasefire is never verified for both sides", () => {
    const r = evaluateCompliance(agreement, events, Date.parse("2016-01-01T00:00Z"));
    expect(r.benefits).toEqual([{ id: "eu-sanctions-review", status: "locked", history: [] }]);
    expect(r.warnings).toEqual([]);
  });

  it("finds the late, exceeded, uninvited and undeclared activities in the log", () => {
    // n-001 filed 1 Aug 06:00Z for a 31 Aug 21:00Z start: 30.6 days < 42; a-001 saw 13,200 troops
    // (declared 9,500; observation threshold 13,000, no observers invited); a-002: 10,000 troops and
    // 260 tanks with no declaration.
    const f = checkNotifications(agreement.notifications!, events, Date.parse("2016-01-01T00:00Z"));
    expect(f.map((x) => `${x.kind} ${x.party}`)).toEqual([
      "late ua",
      "exceeds-declared ua",
      "observers-not-invited ua",
      "undeclared ru",
    ]);
  });
});
