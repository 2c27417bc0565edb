/// <reference lib="dom" />
/**
 * The message catalogue: every string the UI shows goes through `t("key", params)`. English
 * (en.ts) is the source and the type of the keys; ru.ts and uk.ts hold translations (a missing key
 * falls back to English) and are loaded only when chosen. The language is chosen per user (kept in
 * this browser under the user's id) and defaults to the browser's preferred language.
 *
 *     t("proposals.count", { count: 3 })   // "3 proposals"; plural forms by Intl.PluralRules
 *     t("nav.signedInAs", { name })        // "Signed in as {name}"
 */
import { signal } from "@preact/signals";
import { en, type Message, type MessageKey } from "./en.js";

export type { Message, MessageKey } from "./en.js";

/** The languages the UI offers, each named in itself. */
export const LOCALES = [
  { id: "en", name: "English" },
  { id: "ru", name: "Русский" },
  { id: "uk", name: "Українська" },
] as const;
export type Locale = (typeof LOCALES)[number]["id"];

/** A catalogue: some or all of the English keys, translated. */
export type Catalogue = Partial<Record<MessageKey, Message>>;

const loaders: Record<Exclude<Locale, "en">, () => Promise<Catalogue>> = {
  ru: () => import("./ru.js").then((m) => m.ru),
  uk: () => import("./uk.js").then((m) => m.uk),
};

/** The current language; components that call t() re-render when it changes. */
export const locale = signal<Locale>("en");
const catalogue = signal<Catalogue>({});

function isLocale(x: unknown): x is Locale {
  return LOCALES.some((l) => l.id === x);
}

/** The browser's first preferred language that the UI has, else English. */
export function browserLocale(): Locale {
  const langs = typeof navigator === "undefined" ? [] : navigator.languages;
  for (const l of langs) {
    const base = l.toLowerCase().split("-")[0];
    if (isLocale(base)) return base;
  }
  return "en";
}

/** Switches the language (loading its catalogue first), and remembers it for `userId`. */
export async function setLocale(next: Locale, userId?: number): Promise<void> {
  const cat = next === "en" ? {} : await loaders[next]();
  catalogue.value = cat;
  locale.value = next;
  if (typeof document !== "undefined") document.documentElement.lang = next;
  if (userId !== undefined && typeof localStorage !== "undefined")
    localStorage.setItem(`entente.locale.${userId}`, next);
}

/** The language this user chose before on this browser, else the browser's. */
export function savedLocale(userId: number): Locale {
  const saved = typeof localStorage === "undefined" ? null : localStorage.getItem(`entente.locale.${userId}`);
  return isLocale(saved) ? saved : browserLocale();
}

const pluralRules = new Map<string, Intl.PluralRules>();

/** Fills `{name}` placeholders; numbers are written in the current language's style. */
export function format(template: Message, params: Record<string, unknown> = {}, lang: Locale = "en"): string {
  let text: string;
  if (typeof template === "string") text = template;
  else {
    const count = Number(params.count ?? 0);
    const rules = pluralRules.get(lang) ?? new Intl.PluralRules(lang);
    pluralRules.set(lang, rules);
    text = template[rules.select(count)] ?? template.other;
  }
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = params[name];
    if (v === undefined || v === null) return whole;
    return typeof v === "number" ? v.toLocaleString(lang) : String(v);
  });
}

/** The message `key` in the current language (English when not translated), with `params` filled in. */
export function t(key: MessageKey, params?: Record<string, unknown>): string {
  const lang = locale.value;
  return format(catalogue.value[key] ?? en[key], params, lang);
}
