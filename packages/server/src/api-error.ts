import type { z } from "zod";

/** Stable error codes of the HTTP API; each maps to one status. */
export type ApiErrorCode =
  | "bad_request"
  | "validation"
  | "too_large"
  | "unauthenticated"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "rate_limited"
  | "unsupported_media_type"
  | "password_change_required"
  | "wrong_host"
  | "unavailable"
  | "internal";

const STATUS: Record<ApiErrorCode, 400 | 401 | 403 | 404 | 409 | 413 | 415 | 421 | 429 | 500 | 503> = {
  bad_request: 400,
  validation: 400,
  too_large: 413,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  unsupported_media_type: 415,
  password_change_required: 403,
  wrong_host: 421,
  unavailable: 503,
  internal: 500,
};

/** One located problem in a request: `path` is the field path ("positions[0].salience"). */
export interface FieldIssue {
  path: string;
  message: string;
  line?: number;
  column?: number;
}

/**
 * The one error type the routes throw; the app's error handler turns it into
 * `{ error: { code, message, issues? } }` with the matching status. Messages must be safe to show
 * to the caller: they never carry another delegation's data or a stack trace.
 */
export class ApiError extends Error {
  readonly status: number;
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly issues: FieldIssue[] = [],
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = "ApiError";
    this.status = STATUS[code];
  }
}

/** Formats a zod-style path array as `positions[0].salience`. */
export function formatIssuePath(path: ReadonlyArray<PropertyKey>): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out || "(root)";
}

/**
 * `value` checked against a zod schema: its parsed value, or a 400 "validation" ApiError listing the
 * first 20 problems, each at its path under `where` ("body", "query", "params").
 */
export function validateInput<T>(schema: z.ZodType<T>, value: unknown, where: string): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issues = r.error.issues.slice(0, 20).map((i) => ({
    path: formatIssuePath([where, ...i.path]),
    message: i.message,
  }));
  throw new ApiError("validation", `invalid ${where}: ${issues[0]!.path}: ${issues[0]!.message}`, issues);
}
