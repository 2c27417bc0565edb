import { describe, expect, it } from "vitest";
import { activationFinding, type FindingInput } from "./findings.js";

const base: FindingInput = {
  mechanism: "unanimity including Russia",
  accused: "Russia",
  accusedVote: "votes",
  canActivate: false,
  accusedIsVeto: true,
  grandCoalitionWins: true,
  minBackers: null,
  others: 5,
  aloneNames: [],
  probability: 0,
  expectedHours: null,
  consultationHours: 72,
};

describe("one-sentence findings", () => {
  it("names a veto player as the issue's example sentence does", () => {
    expect(activationFinding(base)).toBe(
      "Under unanimity including Russia, no guarantee can be activated against Russia: it is a veto player.",
    );
  });
  it("says when any one guarantor can act, with probability and mean time", () => {
    const s = activationFinding({
      ...base,
      mechanism: "individual action (Article 5-like)",
      accusedVote: "abstains",
      canActivate: true,
      accusedIsVeto: false,
      minBackers: 1,
      aloneNames: ["A", "B", "C", "D", "E"],
      probability: 0.875,
      expectedHours: 18,
    });
    expect(s).toBe(
      "Under individual action (Article 5-like), any one guarantor can activate a guarantee against Russia; with the stated support it is activated with probability 87.5%, after 18 h of the 72 h consultation on average.",
    );
  });
  it("gives the number of backers needed and labels an estimate with its interval", () => {
    const s = activationFinding({
      ...base,
      canActivate: true,
      accusedIsVeto: false,
      minBackers: 4,
      probability: 0.25,
      interval: [0.24, 0.26],
      expectedHours: 50,
    });
    expect(s).toContain("needs at least 4 of the other 5 guarantors");
    expect(s).toContain("about 25.0% (95% interval 24.0%–26.0%, estimated)");
  });
});
