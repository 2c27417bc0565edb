import { describe, expect, it } from "vitest";
import { scenarioDiffInWords } from "./scenario-diff-words.js";

// Two versions of a small scenario and the changes the store's jsonDiff reports between them
// (keyed lists by id, positions by index), written out by hand.
const v1 = {
  title: "Talks",
  actors: [
    { id: "ua", name: "Ukraine", capability: { value: 1 } },
    { id: "ru", name: "Russia", capability: { value: 1 } },
  ],
  issues: [
    {
      id: "troops",
      name: "Foreign troops",
      kind: "ordinal",
      options: [
        { id: "none", label: "None" },
        { id: "brigade", label: "Brigade" },
      ],
    },
  ],
  positions: [{ actor: "ua", issue: "troops", ideal: "brigade", salience: 0.5 }],
  mechanisms: [{ id: "coalition", name: "Coalition", consultationHours: 72 }],
  agreement: { commitments: [{ id: "ceasefire", title: "Ceasefire", deadline: null }] },
};
const v2 = {
  ...v1,
  actors: [...v1.actors, { id: "de", name: "Germany", capability: { value: 2 } }],
  positions: [{ actor: "ua", issue: "troops", ideal: "none", salience: 0.7 }],
};

describe("the scenario diff in words", () => {
  it("names actors, issues, options and positions instead of JSON pointers", () => {
    const words = scenarioDiffInWords(
      [
        { path: "/actors/ru/capability/value", op: "changed", before: 1, after: 0.8 },
        { path: "/actors/de", op: "added", after: v2.actors[2] },
        { path: "/positions/0/ideal", op: "changed", before: "brigade", after: "none" },
        { path: "/positions/0/salience", op: "changed", before: 0.5, after: 0.7 },
        { path: "/issues/troops/options/none/label", op: "changed", before: "Nil", after: "None" },
        { path: "/mechanisms/coalition/consultationHours", op: "changed", before: 72, after: 48 },
        { path: "/agreement/commitments/ceasefire/deadline", op: "added", after: "2027-01-01" },
        { path: "/title", op: "changed", before: "Talks", after: "Talks II" },
        {
          path: "/issues/troops/options/brigade",
          op: "removed",
          before: { id: "brigade", label: "Brigade" },
        },
      ],
      v1,
      v2,
    );
    expect(words).toEqual([
      "Russia: capability value changed from 1 to 0.8",
      "Germany: added (“Germany”)",
      "Ukraine's position on “Foreign troops”: ideal changed from “Brigade” to “None”",
      "Ukraine's position on “Foreign troops”: salience changed from 0.5 to 0.7",
      "Option “None” of “Foreign troops”: label changed from “Nil” to “None”",
      "Mechanism “Coalition”: consultation hours changed from 72 to 48",
      "Commitment “Ceasefire” of the agreement: deadline set to “2027-01-01”",
      "The scenario: title changed from “Talks” to “Talks II”",
      "Option “Brigade” of “Foreign troops”: removed (“Brigade”)",
    ]);
    for (const w of words) expect(w).not.toMatch(/\/\w+\//);
  });
});
