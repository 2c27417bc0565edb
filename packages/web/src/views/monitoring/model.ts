/**
 * The monitoring screen's pure parts: a commitment's history as segments of a timeline, the
 * filing form's values as an event, and which kinds a member may file. No DOM, so unit-tested.
 */

export interface SlotLike {
  status: string;
  history: ReadonlyArray<{ at: number; from: string; to: string }>;
}

/** One stretch of a slot's timeline: the state it was in from `from` to `to` (epoch ms). */
export interface Segment {
  status: string;
  from: number;
  to: number;
}

/**
 * The slot's states over [from, to]: the state before its first change, then each change until
 * the next one; stretches outside the window are cut, empty ones left out.
 */
export function segments(slot: SlotLike, from: number, to: number): Segment[] {
  const out: Segment[] = [];
  const changes = [...slot.history].sort((a, b) => a.at - b.at);
  let status = changes[0]?.from ?? slot.status;
  let at = from;
  for (const c of changes) {
    const end = Math.min(Math.max(c.at, from), to);
    if (end > at) out.push({ status, from: at, to: end });
    at = Math.max(at, end);
    status = c.to;
  }
  if (to > at) out.push({ status, from: at, to });
  return out;
}

/** Event kinds by who files them (the server's `authorizeFiling` rules, docs/compliance.md). */
export const FILED_BY = {
  monitor: ["report", "inspection", "activity", "referral", "ruling"],
  party: ["notification", "declaration", "referral"],
  mediator: ["milestone"],
} as const;

export type FormKind =
  | (typeof FILED_BY)["monitor"][number]
  | (typeof FILED_BY)["party"][number]
  | (typeof FILED_BY)["mediator"][number];

/** The route an event of `kind` is posted to. */
export function routeFor(kind: string): "reports" | "notifications" | "votes" | "events" {
  if (["report", "inspection", "activity", "ruling"].includes(kind)) return "reports";
  if (["notification", "declaration"].includes(kind)) return "notifications";
  if (kind === "vote") return "votes";
  return "events";
}

const NUMBERS = new Set(["count", "confidence", "troops", "tanks", "acv", "artillery", "lat", "lon"]);
const BOOLEANS = new Set(["published", "observersInvited"]);
const LISTS = new Set(["evidence", "refs"]);

/**
 * The event a filing form describes: empty fields left out, numbers as numbers, check boxes as
 * booleans, lists split on ";" (as in the CSV format). The server checks the rest.
 */
export function eventFromForm(values: Readonly<Record<string, string | boolean>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, raw] of Object.entries(values)) {
    if (BOOLEANS.has(k)) {
      if (raw === true || raw === "on" || raw === "true") out[k] = true;
      continue;
    }
    if (typeof raw !== "string") continue;
    const v = raw.trim();
    if (v === "") continue;
    if (NUMBERS.has(k)) out[k] = Number(v);
    else if (LISTS.has(k))
      out[k] = v
        .split(";")
        .map((x) => x.trim())
        .filter(Boolean);
    else out[k] = v;
  }
  return out;
}

/** The import format of a file by its name (as `entente events` decides it). */
export function formatOfFile(name: string): "csv" | "json" | "jsonl" {
  const n = name.toLowerCase();
  if (n.endsWith(".json")) return "json";
  if (n.endsWith(".jsonl") || n.endsWith(".ndjson")) return "jsonl";
  return "csv";
}

/** A fresh event id: the kind's prefix, the moment, and a random tail (ids must be unique per log). */
export function newEventId(kind: string, now: number, random: () => number = Math.random): string {
  const stamp = new Date(now).toISOString().replace(/[-:]/g, "").slice(0, 15);
  return `${kind.slice(0, 3)}-${stamp}-${Math.floor(random() * 36 ** 4)
    .toString(36)
    .padStart(4, "0")}`;
}
