import { describe, expect, it } from "vitest";
import { describeRule } from "./describe-rule.js";

const name = (id: string) => id.toUpperCase();

describe("rules in words", () => {
  it("describes the Security Council rule", () => {
    expect(
      describeRule(
        {
          type: "and",
          rules: [
            { type: "veto-set", members: ["us", "ru"] },
            { type: "k-of-n", k: 9 },
          ],
        },
        name,
        15,
      ),
    ).toBe("the consent of each of US and RU and 9 of 15 guarantors");
  });

  it("describes a double majority with its blocking minority", () => {
    expect(
      describeRule(
        { type: "double-majority", memberShare: 0.55, weights: {}, weightShare: 0.65, blockingMinority: 4 },
        name,
        27,
      ),
    ).toBe("55% of members representing 65% of the weight, a blocking minority needing 4 members");
  });
});
