import type { IssueValue } from "../model/issue.js";
import type { ZoneSummary } from "./zone.js";

/** Below this many acceptable packages, no package is shown to the mediator (see docs/platform.md). */
export const MIN_ZONE_TO_SHOW_PACKAGES = 10;

/** What the mediator is actually told about the zone of agreement. */
export interface ZoneDisclosure {
  exists: boolean;
  /** The count as a decade: at least `atLeast` and fewer than `below` packages (0 and 1 when none). */
  count: { atLeast: number; below: number };
  total: number;
  nash: Record<string, IssueValue> | null;
  suggestions: { kind: string; package: Record<string, IssueValue> }[];
  /** Why packages were withheld, when they were. */
  withheld?: string;
}

const decadeFloor = (n: number) => (n < 1 ? 0 : 10 ** Math.floor(Math.log10(n)));
const decadeCeil = (n: number) => (n < 1 ? 1 : 10 ** (Math.floor(Math.log10(n)) + 1));

/**
 * Coarsens the engine's exact answer before the mediator sees it. An exact count moves by one
 * whenever any delegation's cut-off moves by one option, so it is reported by decade only; and
 * when the zone is small, every package in it sits on some delegation's red line, so showing the
 * Nash package would show that red line — below {@link MIN_ZONE_TO_SHOW_PACKAGES} packages are
 * withheld and the mediator learns only that a zone exists and its decade.
 */
export function discloseZone(z: ZoneSummary): ZoneDisclosure {
  const lower = z.exists ? Math.max(1, z.count.lower) : 0;
  const upper = Math.max(lower, z.count.upper);
  const count =
    lower === 0 && upper === 0
      ? { atLeast: 0, below: 1 }
      : { atLeast: decadeFloor(lower), below: decadeCeil(upper) };
  if (!z.exists) return { exists: false, count, total: z.total, nash: null, suggestions: [] };
  if (z.count.lower < MIN_ZONE_TO_SHOW_PACKAGES) {
    return {
      exists: true,
      count,
      total: z.total,
      nash: null,
      suggestions: [],
      withheld: `fewer than ${MIN_ZONE_TO_SHOW_PACKAGES} packages are acceptable to all; showing one would expose a delegation's red line`,
    };
  }
  return { exists: true, count, total: z.total, nash: z.nash, suggestions: z.suggestions };
}
