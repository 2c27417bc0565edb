/**
 * A scenario diff in words: each change as one sentence naming the actor, issue, option, position,
 * mechanism or commitment it touches, not a JSON pointer ("Ukraine's position on “Foreign troops”:
 * salience changed from 0.5 to 0.7"). Pure. Input: the structural diff the store computes
 * (`jsonDiff`: keyed lists matched by `id`, others by index) and the two versions' parsed JSON.
 */

/** One structural change (the store's `JsonChange`). */
export interface DiffChange {
  path: string;
  op: "added" | "removed" | "changed";
  before?: unknown;
  after?: unknown;
}

/** A sentence as a message key and parameters, for translation; see {@link DIFF_PHRASES_EN}. */
export interface DiffPhrase {
  key: keyof typeof DIFF_PHRASES_EN;
  params: Record<string, string>;
}

export const DIFF_PHRASES_EN = {
  "diff.added": "{where}: added{value}",
  "diff.removed": "{where}: removed{value}",
  "diff.fieldAdded": "{where}: {field} set to {after}",
  "diff.fieldRemoved": "{where}: {field} removed (was {before})",
  "diff.changed": "{where}: {field} changed from {before} to {after}",
} as const;

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => x !== null && typeof x === "object" && !Array.isArray(x);
const list = (s: unknown, key: string): Obj[] =>
  isObj(s) && Array.isArray(s[key]) ? (s[key] as unknown[]).filter(isObj) : [];
const byId = (xs: Obj[], id: string) => xs.find((x) => x.id === id);

/** "redLine" → "red line", "consultationHours" → "consultation hours". */
function words(segment: string): string {
  return segment.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase();
}

/** A value, short: strings quoted, lists and objects summarised, at most 80 characters. */
export function shortValue(v: unknown): string {
  let s: string;
  if (typeof v === "string") s = `“${v}”`;
  else if (typeof v === "number" || typeof v === "boolean") s = String(v);
  else if (v === null || v === undefined) s = "nothing";
  else if (Array.isArray(v))
    s = `[${v.map((x) => (isObj(x) ? String(x.name ?? x.id ?? "…") : shortValue(x))).join(", ")}]`;
  else
    s = `{${Object.entries(v as Obj)
      .map(([k, x]) => `${words(k)}: ${isObj(x) || Array.isArray(x) ? "…" : shortValue(x)}`)
      .join(", ")}}`;
  return s.length > 80 ? `${s.slice(0, 79)}…` : s;
}

/** The phrases of a diff between two scenario versions (`before`, `after`: their parsed JSON). */
export function scenarioDiffPhrases(
  changes: readonly DiffChange[],
  before: unknown,
  after: unknown,
): DiffPhrase[] {
  const actors = [...list(after, "actors"), ...list(before, "actors")];
  const issues = [...list(after, "issues"), ...list(before, "issues")];
  const actorName = (id: unknown) => String(byId(actors, String(id))?.name ?? id);
  const issueOf = (id: unknown) => byId(issues, String(id));
  const issueName = (id: unknown) => `“${String(issueOf(id)?.name ?? id)}”`;
  const optionLabel = (issue: unknown, v: unknown) => {
    const o = list(issueOf(issue), "options").find((x) => x.id === v);
    return o ? `“${String(o.label ?? o.id)}”` : undefined;
  };
  return changes.map((c) => {
    const seg = c.path.split("/").filter(Boolean);
    let where = "The scenario";
    let rest = seg;
    let valueFor: ((v: unknown) => string) | undefined;
    const [top, key, ...tail] = seg;
    const named = (xs: Obj[], id: string | undefined, field: string) =>
      String(byId(xs, String(id))?.[field] ?? byId(xs, String(id))?.id ?? id);
    if (top === "actors" && key !== undefined) {
      where = actorName(key);
      rest = tail;
    } else if (top === "issues" && key !== undefined) {
      where = `Issue ${issueName(key)}`;
      rest = tail;
      if (tail[0] === "options" && tail[1] !== undefined) {
        where = `Option ${optionLabel(key, tail[1]) ?? `“${tail[1]}”`} of ${issueName(key)}`;
        rest = tail.slice(2);
      }
    } else if (top === "positions" && key !== undefined) {
      const pos = (list(after, "positions")[Number(key)] ?? list(before, "positions")[Number(key)]) as
        | Obj
        | undefined;
      // A position changed under the same index may be another actor's: name both versions'.
      const was = list(before, "positions")[Number(key)];
      const p = c.op === "removed" ? (was ?? pos) : pos;
      where = p ? `${actorName(p.actor)}'s position on ${issueName(p.issue)}` : `Position ${Number(key) + 1}`;
      rest = tail;
      if (p) valueFor = (v) => optionLabel(p.issue, v) ?? shortValue(v);
    } else if (top === "mechanisms" && key !== undefined) {
      where = `Mechanism “${named([...list(after, "mechanisms"), ...list(before, "mechanisms")], key, "name")}”`;
      rest = tail;
    } else if (top === "agreement") {
      const ag = [after, before].map((s) => (isObj(s) && isObj(s.agreement) ? s.agreement : undefined));
      const kinds: Record<string, [string, string]> = {
        commitments: ["Commitment", "title"],
        milestones: ["Milestone", "name"],
        benefits: ["Benefit", "name"],
      };
      const kind = key !== undefined ? kinds[key] : undefined;
      if (kind && tail[0] !== undefined) {
        const xs = [...list(ag[0], key!), ...list(ag[1], key!)];
        where = `${kind[0]} “${named(xs, tail[0], kind[1])}” of the agreement`;
        rest = tail.slice(1);
      } else {
        where = "The agreement";
        rest = seg.slice(1);
      }
    }
    const show = (v: unknown) => (valueFor ? valueFor(v) : shortValue(v));
    const field =
      rest
        .filter((s) => !/^\d+$/.test(s))
        .map(words)
        .join(" ") || "value";
    if (rest.length === 0) {
      const value = c.op === "added" ? c.after : c.before;
      const label = isObj(value) && (value.name ?? value.title ?? value.label);
      const params = { where, value: label ? ` (${shortValue(label)})` : "" };
      return { key: c.op === "removed" ? "diff.removed" : "diff.added", params } as DiffPhrase;
    }
    if (c.op === "added") return { key: "diff.fieldAdded", params: { where, field, after: show(c.after) } };
    if (c.op === "removed")
      return { key: "diff.fieldRemoved", params: { where, field, before: show(c.before) } };
    return { key: "diff.changed", params: { where, field, before: show(c.before), after: show(c.after) } };
  });
}

/** The diff as English sentences, one per change. */
export function scenarioDiffInWords(
  changes: readonly DiffChange[],
  before: unknown,
  after: unknown,
): string[] {
  return scenarioDiffPhrases(changes, before, after).map(({ key, params }) =>
    DIFF_PHRASES_EN[key].replace(/\{(\w+)\}/g, (m, k: string) => params[k] ?? m),
  );
}
