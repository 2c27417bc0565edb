/// <reference lib="dom" />
/**
 * The typed API client: openapi-fetch over the generated path types (openapi.gen.ts), with the
 * session's bearer token on every request and every failure turned into an {@link ApiFailure}.
 *
 *     const me = await call(client.GET("/api/me"));
 *     const p = await call(client.POST("/api/negotiations/{id}/proposals", { params: { path: { id } }, body }));
 */
import createClient from "openapi-fetch";
import type { paths } from "./openapi.gen.js";
import type { ApiIssue } from "./types.js";

/**
 * A failed API call, carrying the server's stable error `code` and, for validation failures, every
 * located issue ({ path, message, line?, column? }) so the UI can list them all (in words: see
 * ../ui/errors.ts).
 */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: ApiIssue[] = [],
  ) {
    super(message);
    this.name = "ApiFailure";
  }
}

const TOKEN_KEY = "entente.token";

/** The session token lives in sessionStorage: it dies with the tab, and no cookie means no CSRF. */
export function token(): string | null {
  return sessionStorage.getItem(TOKEN_KEY);
}

/** Keeps (or, with null, forgets) the session token for this tab. */
export function setToken(t: string | null): void {
  if (t) sessionStorage.setItem(TOKEN_KEY, t);
  else sessionStorage.removeItem(TOKEN_KEY);
}

/** The authorisation header for the current session (empty when signed out). */
export function authHeaders(): Record<string, string> {
  const t = token();
  return t ? { authorization: `Bearer ${t}` } : {};
}

/** Called when the server says the session is gone (401): the shell shows the sign-in form. */
let onSignedOut: () => void = () => undefined;
/** Sets what happens when a request finds the session gone (the shell's sign-in screen). */
export function whenSignedOut(f: () => void): void {
  onSignedOut = f;
}

/** The openapi-fetch client: paths, parameters and bodies are checked against the server's document. */
export const client = createClient<paths>({
  // Relative to the page, so the same bundle works behind any origin (and in tests' pages).
  baseUrl: typeof location === "undefined" ? "http://localhost" : location.origin,
  headers: { accept: "application/json" },
});
client.use({
  onRequest({ request }) {
    const t = token();
    if (t) request.headers.set("authorization", `Bearer ${t}`);
    return request;
  },
});

/** Turns an error body and status into an {@link ApiFailure}. */
export function failureOf(status: number, body: unknown, path: string): ApiFailure {
  const err = (body as { error?: { code?: string; message?: string; issues?: ApiIssue[] } } | null)?.error;
  if (status === 401 && !path.endsWith("/api/login")) {
    setToken(null);
    onSignedOut();
  }
  return new ApiFailure(
    status,
    err?.code ?? "http",
    err?.message ?? `the server answered ${status}`,
    err?.issues ?? [],
  );
}

/**
 * Awaits an openapi-fetch call and returns its data, or throws an {@link ApiFailure} (status 0 when
 * the server cannot be reached).
 */
export async function call<T>(
  pending: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<NonNullable<T>> {
  let r: { data?: T; error?: unknown; response: Response };
  try {
    r = await pending;
  } catch {
    throw new ApiFailure(0, "network", "the server cannot be reached; check that it is running");
  }
  if (!r.response.ok)
    throw failureOf(r.response.status, r.error, new URL(r.response.url || "http://x/").pathname);
  return r.data as NonNullable<T>;
}

/**
 * An untyped call by path, for code not yet moved to {@link client} (the path is checked at run
 * time only). Resolves to the parsed body or rejects with an {@link ApiFailure}.
 */
export async function api<T>(method: "GET" | "POST", path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json", ...authHeaders() };
  if (body !== undefined) headers["content-type"] = "application/json";
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  } catch {
    throw new ApiFailure(0, "network", "the server cannot be reached; check that it is running");
  }
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  if (!res.ok) throw failureOf(res.status, json, path);
  return json as T;
}
