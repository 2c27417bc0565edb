import { describe, expect, it } from "vitest";
import { en } from "./en.js";
import { format } from "./index.js";
import { ru } from "./ru.js";
import { uk } from "./uk.js";

describe("the message catalogue", () => {
  it("fills placeholders and writes numbers in the language's style", () => {
    expect(format("Signed in as {name}", { name: "ua-delegate" })).toBe("Signed in as ua-delegate");
    expect(format("{n} draws", { n: 12000 }, "en")).toBe("12,000 draws");
    // Russian groups thousands with a no-break space (CLDR), not a comma.
    expect(format("{n}", { n: 12000 }, "ru")).toBe("12\u00a0000");
  });

  it("chooses plural forms by the language's rules (Russian: 1 one, 3 few, 5 many, 21 one)", () => {
    const forms = {
      one: "{count} предложение",
      few: "{count} предложения",
      many: "{count} предложений",
      other: "{count} предложения",
    };
    expect([1, 3, 5, 21].map((count) => format(forms, { count }, "ru"))).toEqual([
      "1 предложение",
      "3 предложения",
      "5 предложений",
      "21 предложение",
    ]);
  });

  it("leaves an unknown placeholder visible rather than blank", () => {
    expect(format("{who} left", {})).toBe("{who} left");
  });

  it("has translations only for keys the English catalogue has", () => {
    for (const cat of [ru, uk]) for (const k of Object.keys(cat)) expect(Object.hasOwn(en, k), k).toBe(true);
  });
});
