/**
 * Errors in words: a failed request's issues name the scenario's issues and options, not the
 * request's array indices ("Ceiling on Ukraine's tanks · red line: …", not
 * "body.positions[10].redLine: …"). Locations in an uploaded file ("line 17, column 11 · …") stay,
 * because that is where the reader goes next.
 */
import type { Scenario } from "@entente/core";
import type { ApiIssue } from "../api/types.js";

/** What the words are taken from: the scenario the request was about and the body that was sent. */
export interface IssueContext {
  scenario?: Scenario | undefined;
  body?: unknown;
}

/** Field names of request bodies, as a person would say them. */
const FIELD_WORDS: Record<string, string> = {
  ideal: "ideal",
  salience: "salience",
  redLine: "red line",
  reject: "options rejected",
  atLeast: "lowest acceptable",
  atMost: "highest acceptable",
  note: "note",
  source: "source",
  confidence: "confidence",
  batna: "BATNA",
  score: "score",
  comment: "comment",
  package: "package",
  deadline: "deadline",
  title: "title",
  venue: "venue",
  password: "password",
  newPassword: "new password",
  currentPassword: "current password",
  name: "name",
};

function tokens(path: string): Array<string | number> {
  const out: Array<string | number> = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) out.push(m[2] !== undefined ? Number(m[2]) : m[1]!);
  return out;
}

function issueName(s: Scenario | undefined, id: unknown): string | null {
  if (typeof id !== "string") return null;
  return s?.issues.find((i) => i.id === id)?.name ?? null;
}

function optionLabel(s: Scenario | undefined, issueId: string, value: unknown): string | null {
  const issue = s?.issues.find((i) => i.id === issueId);
  if (!issue || issue.kind === "numeric") return null;
  return issue.options.find((o) => o.id === value)?.label ?? null;
}

/**
 * The place an API issue's `path` names, in words, or null when it cannot be said better than
 * the path itself. `body.positions[3].redLine` becomes the name of the issue that the third
 * position of the sent body is about, then "red line"; `body.package.<issue>` the issue's name.
 */
export function placeInWords(path: string, ctx: IssueContext = {}): string | null {
  const parts = tokens(path);
  if (parts[0] !== "body" && parts[0] !== "params" && parts[0] !== "query") return null;
  let node: unknown = ctx.body;
  const words: string[] = [];
  let issueId: string | null = null;
  for (let k = 1; k < parts.length; k++) {
    const p = parts[k]!;
    const next = node && typeof node === "object" ? (node as Record<string | number, unknown>)[p] : undefined;
    if (typeof p === "number") {
      // An element of a list: name it by the issue it is about when it has one.
      const about = next && typeof next === "object" ? (next as { issue?: unknown }).issue : undefined;
      const name = issueName(ctx.scenario, about);
      if (name) {
        words.push(name);
        issueId = about as string;
      } else if (issueId && typeof next === "string") {
        words.push(optionLabel(ctx.scenario, issueId, next) ?? `“${next}”`);
      } else words.push(`item ${p + 1}`);
    } else if (parts[k - 1] === "package" || (k === 1 && issueName(ctx.scenario, p))) {
      words.push(issueName(ctx.scenario, p) ?? p);
      issueId = p;
    } else if (!(p === "positions" && k === 1) && !(p === "package" && k < parts.length - 1))
      words.push(FIELD_WORDS[p] ?? p);
    node = next;
  }
  return words.length ? words.join(" · ") : null;
}

/**
 * One located problem as a line a person can act on: the file location first (where the reader
 * goes next), then the place in words, then the server's message.
 */
export function describeIssue(i: ApiIssue, ctx: IssueContext = {}): string {
  const where = i.line !== undefined ? `line ${i.line}, column ${i.column ?? 1} · ` : "";
  const place = placeInWords(i.path, ctx) ?? i.path;
  return `${where}${place}: ${i.message}`;
}
