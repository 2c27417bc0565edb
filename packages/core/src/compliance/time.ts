/**
 * Instants and IANA time zones without dependencies. Engines work in epoch milliseconds (UTC);
 * agreements state local wall-clock times with a zone ("00:00 Kyiv time"), which only Intl knows
 * how to map, because offsets change with daylight saving and with history.
 */

/** A typed time error: `code` is stable, `message` says how to fix the input. */
export class TimeError extends Error {
  constructor(
    readonly code: "invalid_time" | "invalid_zone",
    message: string,
  ) {
    super(message);
    this.name = "TimeError";
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat("en-US", {
        timeZone: zone,
        hourCycle: "h23",
        year: "numeric",
        month: "2-digit",
        day: "2-digit",
        hour: "2-digit",
        minute: "2-digit",
        second: "2-digit",
      });
    } catch {
      throw new TimeError("invalid_zone", `unknown IANA time zone "${zone}" (e.g. "Europe/Kyiv", "UTC")`);
    }
    formatters.set(zone, f);
  }
  return f;
}

/** True when Intl knows `zone` as an IANA time zone. */
export function isValidZone(zone: string): boolean {
  try {
    formatter(zone);
    return true;
  } catch {
    return false;
  }
}

/** Offset of `zone` from UTC at instant `ms`, in milliseconds (EET → +7,200,000). */
export function zoneOffsetMs(zone: string, ms: number): number {
  const parts = formatter(zone).formatToParts(new Date(ms));
  const get = (t: string): number => Number(parts.find((p) => p.type === t)?.value ?? 0);
  const wall = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  // formatToParts drops milliseconds, so compare against the instant truncated to the second.
  return wall - (ms - (((ms % 1000) + 1000) % 1000));
}

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?)?$/;
const OFFSET = /(Z|[+-]\d{2}:?\d{2})$/i;

/**
 * The instant of a local wall-clock time in `zone`. A time that does not exist (the hour skipped
 * when clocks go forward) is moved forward by the gap; a time that occurs twice (clocks go back)
 * takes the earlier instant — the "compatible" disambiguation of RFC 5545 and TC39 Temporal.
 */
export function zonedToInstant(local: string, zone: string): number {
  const m = LOCAL.exec(local.trim());
  if (!m) {
    throw new TimeError("invalid_time", `"${local}" is not a local date-time like 2015-02-15T00:00`);
  }
  const [, y, mo, d, h = "0", mi = "0", s = "0", frac = "0"] = m;
  const wall = Date.UTC(+y!, +mo! - 1, +d!, +h, +mi, +s, +frac.padEnd(3, "0"));
  const check = new Date(wall);
  if (check.getUTCMonth() !== +mo! - 1 || check.getUTCDate() !== +d! || +h > 23 || +mi > 59 || +s > 59) {
    throw new TimeError("invalid_time", `"${local}" is not a valid calendar date-time`);
  }
  // Candidate instants use the offsets in force a day either side; at most two of them round-trip.
  const before = zoneOffsetMs(zone, wall - 86_400_000);
  const after = zoneOffsetMs(zone, wall + 86_400_000);
  const candidates = [...new Set([before, after])]
    .map((off) => wall - off)
    .filter((t) => zoneOffsetMs(zone, t) === wall - t)
    .sort((a, b) => a - b);
  if (candidates.length > 0) return candidates[0]!;
  // In a gap: read the wall clock with the offset from before the transition, which lands after it.
  return wall - before;
}

/**
 * Parses a time stated in an agreement or an event: an ISO instant with `Z` or an offset, or a
 * local date-time read in `zone` (required then). Returns epoch milliseconds.
 */
export function parseInstant(text: string, zone?: string): number {
  // Fast path for the common case, a UTC instant such as 2015-02-14T22:00:00Z: logs hold millions.
  if (text.length >= 17 && text.charCodeAt(text.length - 1) === 90 && text.charCodeAt(10) === 84) {
    const ms = fastUtc(text);
    if (ms !== undefined) return ms;
  }
  const t = text.trim();
  if (OFFSET.test(t) && /\d{2}:\d{2}/.test(t)) {
    const ms = Date.parse(t);
    const ymd = /^(\d{4})-(\d{2})-(\d{2})/.exec(t);
    const day = ymd ? new Date(Date.UTC(+ymd[1]!, +ymd[2]! - 1, +ymd[3]!)) : undefined;
    // Date.parse rolls 30 February over into March; a log must not.
    if (Number.isNaN(ms) || (day && (day.getUTCDate() !== +ymd![3]! || day.getUTCMonth() !== +ymd![2]! - 1)))
      throw new TimeError("invalid_time", `"${text}" is not a valid ISO 8601 instant`);
    return ms;
  }
  if (!zone) {
    throw new TimeError(
      "invalid_time",
      `"${text}" has no offset: write it as 2015-02-14T22:00Z or give a time zone such as Europe/Kyiv`,
    );
  }
  return zonedToInstant(t, zone);
}

function digits(t: string, from: number, n: number): number {
  let v = 0;
  for (let i = from; i < from + n; i++) {
    const d = t.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

/** YYYY-MM-DDTHH:MM[:SS[.sss]]Z read without Date.parse; undefined for anything else. */
function fastUtc(t: string): number | undefined {
  const n = t.length;
  if (t.charCodeAt(4) !== 45 || t.charCodeAt(7) !== 45 || t.charCodeAt(13) !== 58) return undefined;
  const y = digits(t, 0, 4);
  const mo = digits(t, 5, 2);
  const d = digits(t, 8, 2);
  const h = digits(t, 11, 2);
  const mi = digits(t, 14, 2);
  let s = 0;
  let ms = 0;
  if (n === 17) {
    // 2015-02-14T22:00Z
  } else if (n >= 20 && t.charCodeAt(16) === 58) {
    s = digits(t, 17, 2);
    if (n === 24 && t.charCodeAt(19) === 46) ms = digits(t, 20, 3);
    else if (n !== 20) return undefined;
  } else return undefined;
  if (
    y < 0 ||
    mo < 1 ||
    mo > 12 ||
    d < 1 ||
    h < 0 ||
    h > 23 ||
    mi < 0 ||
    mi > 59 ||
    s < 0 ||
    s > 59 ||
    ms < 0
  )
    return undefined;
  const v = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  return new Date(v).getUTCDate() === d ? v : undefined;
}

/** ISO 8601 text of an instant in UTC, without milliseconds when they are zero. */
export function formatInstant(ms: number): string {
  const iso = new Date(ms).toISOString();
  return iso.endsWith(".000Z") ? `${iso.slice(0, -5)}Z` : iso;
}

/**
 * ISO 8601 text of an instant on `zone`'s wall clock with its offset, to the minute
 * (e.g. "2015-02-15T06:30+02:00"); the UTC form when no zone is given.
 */
export function formatLocalInstant(ms: number, zone: string | undefined): string {
  if (!zone) return formatInstant(ms);
  const off = zoneOffsetMs(zone, ms);
  const wall = new Date(ms + off).toISOString().slice(0, 16);
  if (off === 0) return `${wall}Z`;
  const m = Math.abs(off) / 60_000;
  const hh = String(Math.floor(m / 60)).padStart(2, "0");
  const mm = String(m % 60).padStart(2, "0");
  return `${wall}${off < 0 ? "-" : "+"}${hh}:${mm}`;
}

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/**
 * `ms` moved by whole calendar days and hours. With a zone the days are counted on the local wall
 * clock, so "two days after 00:00 Kyiv time" is 00:00 Kyiv time again even across a DST change.
 */
export function addDuration(ms: number, days: number, hours: number, zone?: string): number {
  if (!zone || days === 0) return ms + days * DAY_MS + hours * HOUR_MS;
  const wall = ms + zoneOffsetMs(zone, ms) + days * DAY_MS;
  const local = new Date(wall).toISOString().slice(0, 23);
  return zonedToInstant(local, zone) + hours * HOUR_MS;
}
