/// <reference lib="dom" />
import type { ApiIssue } from "./api-types.js";

/**
 * A failed API call, carrying the server's stable error `code` and, for validation failures, every
 * located issue ({ path, message, line?, column? }) so the UI can list them all.
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

export function setToken(t: string | null): void {
  if (t) sessionStorage.setItem(TOKEN_KEY, t);
  else sessionStorage.removeItem(TOKEN_KEY);
}

/** Calls the JSON API; resolves to the parsed body, or rejects with an {@link ApiFailure}. */
export async function api<T>(method: "GET" | "POST", path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json" };
  const t = token();
  if (t) headers.authorization = `Bearer ${t}`;
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
  if (!res.ok) {
    const err = (json as { error?: { code?: string; message?: string; issues?: ApiIssue[] } })?.error;
    if (res.status === 401 && path !== "/api/login") setToken(null);
    throw new ApiFailure(
      res.status,
      err?.code ?? "http",
      err?.message ?? `the server answered ${res.status}`,
      err?.issues ?? [],
    );
  }
  return json as T;
}
