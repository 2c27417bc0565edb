import { DEFAULT_EXPANSION_LIMITS, type ExpansionLimits, parseScenario, type Scenario } from "@entente/core";
import { z } from "zod";
import { ApiError, type FieldIssue, validateInput } from "./api-error.js";
import { assertNestingDepth, parseJsonBody } from "./json-guard.js";
import { text } from "./schemas.js";

// What checking an uploaded scenario takes, in a module of its own so that a pool thread can run it
// (see jobs/pool-tasks.ts) without loading the HTTP app.

/** Largest scenario text an upload or a validation takes, in characters. */
export const MAX_SCENARIO = 1_000_000;

/** The body of `POST /api/scenarios` and `POST /api/scenarios/validate`. */
export const uploadBody = z.strictObject({
  text: text(MAX_SCENARIO).min(1),
  format: z.enum(["yaml", "json"]).default("yaml"),
  /** The name to store it under; the scenario's own `id` when omitted. */
  slug: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_-]{0,63}$/)
    .optional(),
});

/** Errors one answer lists at most; `errorCount` says how many there are in all. */
export const MAX_LISTED_ERRORS = 100;

/**
 * An upload is at most 1,000,000 characters, so without aliases its strings are too; twice that
 * leaves room for a few honest aliases and keeps a stored version's JSON small (issue 13: a 513 KiB
 * file aliasing one 400 KB string 1,000 times was stored as 401 MB and crashed every reader).
 */
export const UPLOAD_LIMITS: ExpansionLimits = {
  ...DEFAULT_EXPANSION_LIMITS,
  maxStringChars: 2 * MAX_SCENARIO,
};

/** One located error in a scenario file, as the API lists it. */
export interface ScenarioErrorOut {
  code: string;
  file: string;
  line: number;
  column: number;
  path: string;
  message: string;
}

export type CheckedScenario =
  | { ok: true; scenario: Scenario }
  | { ok: false; errors: ScenarioErrorOut[]; errorCount: number };

const oneError = (file: string, code: string, message: string): CheckedScenario => ({
  ok: false,
  errors: [{ code, file, line: 1, column: 1, path: "(root)", message }],
  errorCount: 1,
});

/**
 * Checks scenario text with the model's parser, in the calling thread (a pool thread: see
 * `checkScenarioText` in routes/scenario-routes.ts). Text nested deeper than 64 levels is refused
 * (400) before any parser sees it; anything the parser throws (a stack overflow on pathological
 * YAML, say) is still the caller's bad input: it becomes one "unreadable" error.
 */
export function checkScenarioTextHere(
  body: string,
  format: "yaml" | "json",
): RefusedRequest | CheckedScenario {
  const file = `upload.${format}`;
  try {
    assertNestingDepth(body, 64);
  } catch (e) {
    return refusal(e);
  }
  if (format === "json") {
    try {
      JSON.parse(body);
    } catch (err) {
      return oneError(
        file,
        "json_syntax",
        err instanceof SyntaxError ? err.message.slice(0, 200) : "unreadable JSON",
      );
    }
  }
  try {
    return parseScenario(body, file, { maxErrors: MAX_LISTED_ERRORS, limits: UPLOAD_LIMITS });
  } catch {
    return oneError(file, "unreadable", "the document could not be read");
  }
}

/** A request refused as a route's own checks would refuse it: the ApiError's parts, to cross threads. */
export interface RefusedRequest {
  refused: { code: "bad_request" | "validation"; message: string; issues: FieldIssue[] };
}

/**
 * A validation request's raw body, checked as the route would check a parsed one (JSON, nesting,
 * NUL, the upload schema), then the scenario in it: all of it in the calling thread, so that a
 * pool thread, not the event loop, decodes and parses the megabyte (issue 13).
 */
export function checkValidationRequest(bytes: Uint8Array): RefusedRequest | CheckedScenario {
  let body: z.infer<typeof uploadBody>;
  try {
    body = validateInput(uploadBody, parseJsonBody(new TextDecoder().decode(bytes)), "body");
  } catch (e) {
    return refusal(e);
  }
  return checkScenarioTextHere(body.text, body.format);
}

function refusal(e: unknown): RefusedRequest {
  if (e instanceof ApiError && (e.code === "bad_request" || e.code === "validation"))
    return { refused: { code: e.code, message: e.message, issues: e.issues } };
  throw e;
}

/** The ApiError a refused request stands for (on the thread that answers it). */
export function refusedError(r: RefusedRequest): ApiError {
  return new ApiError(r.refused.code, r.refused.message, r.refused.issues);
}
