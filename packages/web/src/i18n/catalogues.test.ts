import { describe, expect, it } from "vitest";
import { en, type Message } from "./en.js";
import { ru } from "./ru.js";
import { uk } from "./uk.js";

/**
 * The Russian and Ukrainian catalogues are complete: every English key, no other key, the same
 * placeholders, and plural messages with every form the language's plural rules select (CLDR:
 * one, few, many for both). Adding an English key without its translations fails here.
 */
const placeholders = (m: Message) =>
  [
    ...new Set(
      (typeof m === "string" ? [m] : Object.values(m)).flatMap((s) =>
        [...(s ?? "").matchAll(/\{(\w+)\}/g)].map((x) => x[1]),
      ),
    ),
  ].sort();

for (const [lang, cat] of [
  ["ru", ru],
  ["uk", uk],
] as const)
  describe(`the ${lang} catalogue`, () => {
    it("has every English key", () => {
      expect(Object.keys(en).filter((k) => !(k in cat))).toEqual([]);
    });
    it("has no key English lacks", () => {
      expect(Object.keys(cat).filter((k) => !(k in en))).toEqual([]);
    });
    it("keeps each message's placeholders", () => {
      const wrong = Object.entries(en)
        .filter(([k]) => k in cat)
        .filter(([k, m]) => {
          const mine = placeholders(cat[k as keyof typeof en]!);
          // A translation may leave {count} to the plural form it picks, but never add a name.
          return mine.some((p) => !placeholders(m).includes(p));
        })
        .map(([k]) => k);
      expect(wrong).toEqual([]);
    });
    it("gives plural messages every form the language needs", () => {
      const rules = new Intl.PluralRules(lang);
      const needed = [...new Set([0, 1, 2, 5, 11, 21, 22, 25, 1.5].map((n) => rules.select(n)))];
      const short = Object.entries(cat)
        .filter(([, m]) => typeof m === "object")
        .filter(([, m]) => needed.some((f) => !(f in (m as object))))
        .map(([k]) => k);
      expect(short).toEqual([]);
    });
  });
