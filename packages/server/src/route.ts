import { AsyncLocalStorage } from "node:async_hooks";
import type { Actor, AuditReceipt } from "@entente/store";
import type { Context, Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { z } from "zod";
import { ApiError, validateInput } from "./api-error.js";
import type { AuthUser } from "./auth.js";
import { parseJsonBody } from "./json-guard.js";
import type { UserSlots } from "./user-slots.js";

/** What a handler receives: validated params, query and body, and the caller (null when public). */
export interface RouteInput<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  user: AuthUser;
  c: Context;
  /** The body's bytes, unparsed, for a route with `rawBody` (its `body` is then undefined). */
  raw?: Uint8Array;
}

/**
 * One API route, described once: the same zod schemas validate the request, check the response
 * and generate the OpenAPI document, so the description cannot drift from the behaviour.
 */
export interface RouteDef<
  P extends z.ZodType = z.ZodType,
  Q extends z.ZodType = z.ZodType,
  B extends z.ZodType = z.ZodType,
  R extends z.ZodType = z.ZodType,
> {
  method: "get" | "post";
  /** OpenAPI-style path, e.g. "/api/scenarios/{id}". */
  path: string;
  summary: string;
  tag: string;
  /** "public" routes run without a session; all others need one (401 without). */
  auth: "public" | "user";
  /** Who may call it, in words, for the OpenAPI description and docs/platform.md. */
  access: string;
  params?: P;
  query?: Q;
  body?: B;
  /** Largest accepted body in bytes. @default 65536 */
  maxBody?: number;
  /**
   * CPU-heavy: the caller must hold one of their heavy-request slots (see UserSlots), taken before
   * the body is even read, so a burst of large requests from one account is refused cheaply.
   */
  heavy?: boolean;
  /**
   * The handler gets the body's bytes (`raw`), not decoded, parsed or checked against `body` here:
   * it has them checked elsewhere, e.g. on a pool thread, as a megabyte of JSON held the event loop
   * for several milliseconds (issue 13). `body` still describes it in the OpenAPI document; the
   * Content-Type is still checked here.
   */
  rawBody?: boolean;
  status?: 200 | 201 | 202;
  response: R;
  handler(input: RouteInput<z.infer<P>, z.infer<Q>, z.infer<B>>): Promise<z.infer<R>>;
}

/** The receipts of the writes made while handling the current request. */
const receiptSink = new AsyncLocalStorage<AuditReceipt[]>();

/** Response header carrying the signed receipts of a request's writes: base64url of a JSON array. */
export const RECEIPT_HEADER = "Audit-Receipts";

/**
 * The store actor for a signed-in user; the store hands the signed receipt of each write it makes
 * for this actor to the current request, which returns it in the {@link RECEIPT_HEADER} header.
 */
export function actorOf(user: { id: number; name: string }): Actor {
  const receipts = receiptSink.getStore();
  return { userId: user.id, userName: user.name, ...(receipts ? { receipts } : {}) };
}

/** Identity helper that keeps each route's schema types for its handler. */
export function defineRoute<
  P extends z.ZodType,
  Q extends z.ZodType,
  B extends z.ZodType,
  R extends z.ZodType,
>(def: RouteDef<P, Q, B, R>): RouteDef {
  return def as unknown as RouteDef;
}

/** Routes a user holding a one-time password may call: changing it, reading who they are, signing out. */
const BEFORE_PASSWORD_CHANGE = new Set(["/api/me/password", "/api/me", "/api/logout"]);

/**
 * Whether a Content-Type names JSON: the media type (before any parameter) must be exactly
 * `application/json`, and the only parameter allowed is `charset=utf-8`. A lenient substring test
 * took `text/plain; application/json` for JSON (a form can send that cross-site without a preflight).
 */
export function isJsonContentType(header: string | undefined): boolean {
  if (!header) return false;
  const [type = "", ...params] = header.split(";").map((p) => p.trim().toLowerCase());
  if (type !== "application/json") return false;
  return params.every(
    (p) => p === "" || p.replace(/\s+/g, "") === "charset=utf-8" || p === 'charset="utf-8"',
  );
}

const validate = <T>(schema: z.ZodType<T> | undefined, value: unknown, where: string): T =>
  schema ? validateInput(schema, value, where) : (undefined as T);

/** Registers routes on a Hono app; `authenticate` resolves the caller from the request. */
export function mountRoutes(
  app: Hono,
  routes: RouteDef[],
  authenticate: (c: Context) => Promise<AuthUser | null>,
  heavySlots?: UserSlots,
): void {
  for (const def of routes) {
    const honoPath = def.path.replace(/\{(\w+)\}/g, ":$1");
    const max = def.maxBody ?? 65_536;
    const limit = bodyLimit({
      maxSize: max,
      onError: () => {
        throw new ApiError("too_large", `the request body is larger than ${max} bytes`);
      },
    });
    app.on(def.method.toUpperCase(), honoPath, limit, async (c) => {
      let user: AuthUser | null = null;
      if (def.auth !== "public") {
        user = await authenticate(c);
        if (!user)
          throw new ApiError("unauthenticated", "sign in first: send 'Authorization: Bearer <token>'");
        if (user.mustChangePassword && !BEFORE_PASSWORD_CHANGE.has(def.path))
          throw new ApiError(
            "password_change_required",
            "you signed in with a one-time password: choose your own at POST /api/me/password first",
          );
      }
      let release: (() => void) | undefined;
      if (def.heavy && user && heavySlots) {
        try {
          release = heavySlots.acquire(user.id);
        } catch (e) {
          // The body is left unread, so this connection cannot carry another request: say so.
          c.header("Connection", "close");
          throw e;
        }
      }
      try {
        const params = validate(def.params, c.req.param(), "params");
        const query = validate(def.query, c.req.query(), "query");
        let body: unknown;
        let raw: Uint8Array | undefined;
        if (def.body) {
          if (!isJsonContentType(c.req.header("content-type"))) {
            throw new ApiError(
              "unsupported_media_type",
              "send the body as JSON with 'Content-Type: application/json'",
            );
          }
          if (def.rawBody) raw = new Uint8Array(await c.req.arrayBuffer());
          else body = validate(def.body, parseJsonBody(await c.req.text()), "body");
        }
        const receipts: AuditReceipt[] = [];
        const out = await receiptSink.run(receipts, () =>
          def.handler({ params, query, body, user: user as AuthUser, c, ...(raw ? { raw } : {}) }),
        );
        if (receipts.length)
          c.header(RECEIPT_HEADER, Buffer.from(JSON.stringify(receipts)).toString("base64url"));
        const checked = def.response.safeParse(out);
        if (!checked.success) {
          throw new ApiError("internal", "the server produced a response that does not match its schema");
        }
        return c.json(checked.data as object, def.status ?? 200);
      } finally {
        release?.();
      }
    });
  }
}
