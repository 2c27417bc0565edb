import type { Issue, Scenario } from "@entente/core";
import type { ApiIssue, PrivateBody, PrivatePosition } from "./api/types.js";

/** The editable state of one issue's private position, as the form's raw strings. */
export interface PositionDraft {
  issue: string;
  /** Whether the delegation lodges a private position on this issue (else the public one stands). */
  include: boolean;
  ideal: string;
  salience: string;
  confidence: string;
  source: string;
  /** Options the delegation will not accept (issues with options). */
  reject: string[];
  /** Acceptable range (numeric issues); empty means unbounded. */
  atLeast: string;
  atMost: string;
  /** Fields the form does not edit (utility shape, risk attitude, …), kept as lodged. */
  rest: Record<string, unknown>;
}

export interface PrivateDraft {
  positions: PositionDraft[];
  batna: string;
}

const DEFAULT_SOURCE = "delegation's private assessment";

/** Options excluded by an ordinal red line's atLeast/atMost, as a reject list (same meaning, in option order). */
function rejectedOptions(issue: Issue, p: PrivatePosition | undefined): string[] {
  if (!p?.redLine || issue.kind === "numeric") return [];
  const ids = issue.options.map((o) => o.id);
  const out = new Set(p.redLine.reject ?? []);
  const lo = p.redLine.atLeast !== undefined ? ids.indexOf(String(p.redLine.atLeast)) : -1;
  const hi = p.redLine.atMost !== undefined ? ids.indexOf(String(p.redLine.atMost)) : -1;
  ids.forEach((id, k) => {
    if ((lo >= 0 && k < lo) || (hi >= 0 && k > hi)) out.add(id);
  });
  return ids.filter((id) => out.has(id));
}

/**
 * The form's starting state: the delegation's lodged private positions if any, else its actor's
 * public positions from the scenario (so it edits from what the world already knows).
 */
export function privateDraft(s: Scenario, actor: string, lodged: PrivateBody | null): PrivateDraft {
  const source: PrivatePosition[] = lodged
    ? lodged.positions
    : (s.positions.filter((p) => p.actor === actor) as unknown as PrivatePosition[]);
  const positions = s.issues.map((issue): PositionDraft => {
    const p = source.find((x) => x.issue === issue.id);
    const {
      issue: _i,
      ideal,
      salience,
      confidence,
      source: src,
      redLine,
      actor: _a,
      ...rest
    } = (p ?? {}) as PrivatePosition & { actor?: string };
    const first = issue.kind === "numeric" ? String(issue.min) : issue.options[0]!.id;
    return {
      issue: issue.id,
      include: p !== undefined,
      ideal: ideal !== undefined ? String(ideal) : first,
      salience: salience !== undefined ? String(salience) : "0.5",
      confidence: confidence !== undefined ? String(confidence) : "1",
      source: src ?? DEFAULT_SOURCE,
      reject: rejectedOptions(issue, p),
      atLeast: issue.kind === "numeric" && redLine?.atLeast !== undefined ? String(redLine.atLeast) : "",
      atMost: issue.kind === "numeric" && redLine?.atMost !== undefined ? String(redLine.atMost) : "",
      rest: redLine?.note ? { ...rest, redLineNote: redLine.note } : rest,
    };
  });
  const batna = lodged?.batna;
  return { positions, batna: batna !== undefined ? String(batna) : "" };
}

function unit(v: string, path: string, what: string, errors: ApiIssue[]): number | undefined {
  const x = Number(v);
  if (v.trim() === "" || !Number.isFinite(x) || x < 0 || x > 1) {
    errors.push({ path, message: `${what}: expected a number from 0 to 1` });
    return undefined;
  }
  return x;
}

/**
 * Builds the body of POST /api/negotiations/{id}/private/{actor} from the form, checking ranges
 * locally; the server re-validates against the scenario. Paths match the server's
 * ("body.positions[0].salience"), counting only the included issues, as the body does.
 */
export function privateBody(
  s: Scenario,
  draft: PrivateDraft,
): { ok: true; body: PrivateBody } | { ok: false; errors: ApiIssue[] } {
  const errors: ApiIssue[] = [];
  const positions: PrivatePosition[] = [];
  for (const d of draft.positions) {
    if (!d.include) continue;
    const issue = s.issues.find((i) => i.id === d.issue);
    if (!issue) continue;
    const path = `body.positions[${positions.length}]`;
    const salience = unit(d.salience, `${path}.salience`, "salience", errors);
    const confidence = unit(d.confidence, `${path}.confidence`, "confidence", errors);
    if (d.source.trim().length < 3)
      errors.push({ path: `${path}.source`, message: "say where this comes from (3 characters or more)" });
    let ideal: string | number = d.ideal;
    const redLine: NonNullable<PrivatePosition["redLine"]> = {};
    if (issue.kind === "numeric") {
      ideal = Number(d.ideal);
      if (d.ideal.trim() === "" || !Number.isFinite(ideal) || ideal < issue.min || ideal > issue.max)
        errors.push({
          path: `${path}.ideal`,
          message: `expected a number from ${issue.min} to ${issue.max}`,
        });
      for (const k of ["atLeast", "atMost"] as const) {
        if (d[k].trim() === "") continue;
        const x = Number(d[k]);
        if (!Number.isFinite(x)) errors.push({ path: `${path}.redLine.${k}`, message: "expected a number" });
        else redLine[k] = x;
      }
      if (
        typeof redLine.atLeast === "number" &&
        typeof redLine.atMost === "number" &&
        redLine.atLeast > redLine.atMost
      )
        errors.push({ path: `${path}.redLine`, message: "the lowest acceptable value is above the highest" });
    } else {
      if (!issue.options.some((o) => o.id === d.ideal))
        errors.push({ path: `${path}.ideal`, message: "choose one of the options" });
      if (d.reject.includes(d.ideal))
        errors.push({
          path: `${path}.redLine.reject`,
          message: "the ideal cannot be an option the delegation rejects",
        });
      if (d.reject.length) redLine.reject = [...d.reject];
    }
    const { redLineNote, ...rest } = d.rest;
    if (typeof redLineNote === "string" && Object.keys(redLine).length) redLine.note = redLineNote;
    positions.push({
      ...rest,
      issue: d.issue,
      ideal,
      salience: salience ?? 0,
      confidence: confidence ?? 0,
      source: d.source.trim(),
      ...(Object.keys(redLine).length ? { redLine } : {}),
    });
  }
  const body: PrivateBody = { positions };
  if (draft.batna.trim() !== "") {
    const b = unit(draft.batna, "body.batna", "BATNA", errors);
    if (b !== undefined) body.batna = b;
  }
  return errors.length ? { ok: false, errors } : { ok: true, body };
}
