import { describe, expect, it } from "vitest";
import { eventFromForm, formatOfFile, newEventId, routeFor, segments } from "./model.js";

describe("segments", () => {
  const slot = {
    status: "verified",
    history: [
      { at: 30, from: "due", to: "violated" },
      { at: 10, from: "pending", to: "due" },
      { at: 50, from: "violated", to: "verified" },
    ],
  };
  it("draws each state from its change to the next, in time order", () => {
    expect(segments(slot, 0, 100)).toEqual([
      { status: "pending", from: 0, to: 10 },
      { status: "due", from: 10, to: 30 },
      { status: "violated", from: 30, to: 50 },
      { status: "verified", from: 50, to: 100 },
    ]);
  });
  it("cuts the window and drops empty stretches", () => {
    expect(segments(slot, 20, 40)).toEqual([
      { status: "due", from: 20, to: 30 },
      { status: "violated", from: 30, to: 40 },
    ]);
    expect(segments({ status: "due", history: [] }, 0, 5)).toEqual([{ status: "due", from: 0, to: 5 }]);
  });
});

describe("eventFromForm", () => {
  it("leaves out empty fields and types numbers, check boxes and lists", () => {
    expect(
      eventFromForm({
        kind: "report",
        id: "r-1",
        count: "4",
        confidence: "0.9",
        area: " ",
        published: true,
        observersInvited: false,
        evidence: "a; b",
      }),
    ).toEqual({
      kind: "report",
      id: "r-1",
      count: 4,
      confidence: 0.9,
      published: true,
      evidence: ["a", "b"],
    });
  });
});

describe("routes and files", () => {
  it("posts each kind where its filer may file it", () => {
    expect(["report", "notification", "vote", "milestone", "referral"].map(routeFor)).toEqual([
      "reports",
      "notifications",
      "votes",
      "events",
      "events",
    ]);
    expect(["a.CSV", "b.json", "c.jsonl"].map(formatOfFile)).toEqual(["csv", "json", "jsonl"]);
    expect(newEventId("report", Date.UTC(2026, 11, 4, 23, 40), () => 0)).toBe("rep-20261204T234000-0000");
  });
});
