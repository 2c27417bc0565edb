import {
  AnalysisOptionsError,
  DEFAULT_DISCLOSURE_BUDGET_BITS,
  engineOracle,
  NegotiationInputError,
  SweepError,
} from "@entente/core";
import { StoreError } from "@entente/store";
import { Hono } from "hono";
import { secureHeaders } from "hono/secure-headers";
import type { Logger } from "pino";
import { z } from "zod";
import { defaultAnalyses } from "./analyses.js";
import { ApiError } from "./api-error.js";
import { createAuthenticator, DEFAULT_PASSWORD_COST, socketAddress } from "./auth.js";
import type { AppDeps } from "./deps.js";
import { inProcessJobQueue } from "./jobs/setup.js";
import { openApiDocument } from "./openapi.js";
import { RateLimiter, SignInThrottle } from "./rate-limit.js";
import { requestLog } from "./request-log.js";
import { defineRoute, mountRoutes, type RouteDef } from "./route.js";
import { accountRoutes } from "./routes/account-routes.js";
import { analysisRoutes } from "./routes/analysis-routes.js";
import { auditRoutes } from "./routes/audit-routes.js";
import { authRoutes } from "./routes/auth-routes.js";
import { confidentialRoutes } from "./routes/confidential-routes.js";
import { exportRoutes } from "./routes/export-routes.js";
import { lifecycleRoutes } from "./routes/lifecycle-routes.js";
import { mediatorRoutes } from "./routes/mediator-routes.js";
import { monitoringRoutes } from "./routes/monitoring-routes.js";
import { MONITORING_STREAM_OPENAPI, mountMonitoringStream } from "./routes/monitoring-stream.js";
import { negotiationRoutes } from "./routes/negotiation-routes.js";
import {
  mountNegotiationAnnouncer,
  mountNegotiationStream,
  NEGOTIATION_STREAM_OPENAPI,
} from "./routes/negotiation-stream.js";
import { scenarioRoutes } from "./routes/scenario-routes.js";
import { mountWebUi } from "./routes/web-routes.js";
import { webhookRoutes } from "./routes/webhook-routes.js";
import { UserSlots } from "./user-slots.js";

export { defaultAnalyses } from "./analyses.js";

export const API_VERSION = "0.1.0";

export type CreateAppOptions = Pick<AppDeps, "store"> &
  Partial<Omit<AppDeps, "store">> & {
    /** Logs one JSON line per request with its id (pino); none by default (tests). */
    logger?: Logger;
  };

/**
 * Builds the HTTP API over a store. Every route is described once (see route.ts), and the same
 * list yields the OpenAPI 3.1 document served at /api/openapi.json.
 */
export function createApp(options: CreateAppOptions): { app: Hono; routes: RouteDef[]; deps: AppDeps } {
  const now = options.now ?? (() => new Date());
  const oracle = options.oracle ?? engineOracle;
  const analyses = options.analyses ?? defaultAnalyses(oracle);
  const deps: AppDeps = {
    store: options.store,
    oracle,
    now,
    passwordCost: options.passwordCost ?? DEFAULT_PASSWORD_COST,
    sessionTtlMs: options.sessionTtlMs ?? 12 * 3_600_000,
    disclosureBudgetBits: options.disclosureBudgetBits ?? DEFAULT_DISCLOSURE_BUDGET_BITS,
    mediatorLimiter: options.mediatorLimiter ?? new RateLimiter(20, 60, () => now().getTime()),
    signInThrottle: options.signInThrottle ?? new SignInThrottle(options.store, now),
    clientAddress: options.clientAddress ?? socketAddress,
    analyses,
    // On the embedded store (and in tests) jobs run in this process, behind the same interface.
    jobs: options.jobs ?? inProcessJobQueue(options.store.db, analyses),
    heavySlots: options.heavySlots ?? new UserSlots("heavy requests in progress", 2),
    streamSlots: options.streamSlots ?? new UserSlots("open event streams", 8),
    allowedHosts: options.allowedHosts,
    webhookAllowPrivate: options.webhookAllowPrivate ?? false,
    webhookResolver: options.webhookResolver,
  };
  const auth = createAuthenticator(deps.store, now);
  deps.forgetSession = auth.forget;
  deps.forgetUser = auth.forgetUser;
  const routes: RouteDef[] = [
    ...authRoutes(deps),
    ...accountRoutes(deps),
    ...scenarioRoutes(deps),
    ...negotiationRoutes(deps),
    ...confidentialRoutes(deps),
    ...mediatorRoutes(deps),
    ...lifecycleRoutes(deps),
    ...auditRoutes(deps),
    ...analysisRoutes(deps),
    ...monitoringRoutes(deps),
    ...webhookRoutes(deps),
    ...exportRoutes(deps),
  ];
  let doc: Record<string, unknown> | undefined;
  routes.push(
    defineRoute({
      method: "get",
      path: "/api/health",
      summary: "Liveness and the store in use",
      tag: "meta",
      auth: "public",
      access: "anyone",
      response: z.object({ ok: z.literal(true), store: z.enum(["pglite", "postgres"]), version: z.string() }),
      async handler() {
        return { ok: true as const, store: deps.store.db.kind, version: API_VERSION };
      },
    }),
    defineRoute({
      method: "get",
      path: "/api/ready",
      summary: "Readiness: 200 while the database answers, 503 while it does not (for a load balancer)",
      tag: "meta",
      auth: "public",
      access: "anyone",
      response: z.object({ ok: z.literal(true), store: z.enum(["pglite", "postgres"]), jobs: z.string() }),
      async handler() {
        let timer: ReturnType<typeof setTimeout> | undefined;
        const timeout = new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error("timeout")), 2000);
        });
        try {
          await Promise.race([deps.store.db.query("SELECT 1"), timeout]);
        } catch {
          throw new ApiError(
            "unavailable",
            "the database does not answer; try another instance or retry",
            [],
            5,
          );
        } finally {
          clearTimeout(timer);
        }
        return { ok: true as const, store: deps.store.db.kind, jobs: deps.jobs.deliveryName };
      },
    }),
    defineRoute({
      method: "get",
      path: "/api/openapi.json",
      summary: "This API's OpenAPI 3.1 description",
      tag: "meta",
      auth: "public",
      access: "anyone",
      response: z.record(z.string(), z.unknown()),
      async handler() {
        doc ??= withStream(
          openApiDocument(routes, { title: "Entente negotiation platform", version: API_VERSION }),
        );
        return doc;
      },
    }),
  );

  const app = new Hono();
  app.use("*", requestLog(options.logger));
  app.use("*", secureHeaders());
  app.use("*", async (c, next) => {
    if (deps.allowedHosts && !hostAllowed(c.req.header("host"), deps.allowedHosts))
      throw new ApiError("wrong_host", "this server does not answer for that host name");
    await next();
    // Every API answer is for one signed-in user (or about the platform): no cache may keep it.
    if (c.req.path.startsWith("/api/")) c.header("Cache-Control", "no-store");
  });
  // Before the routes: every successful write under a negotiation reaches its live streams.
  mountNegotiationAnnouncer(app, deps);
  mountRoutes(app, routes, (c) => auth.authenticate(c), deps.heavySlots);
  // Not a RouteDef: it answers with an event stream, not one JSON value (see withStream).
  mountMonitoringStream(app, deps, (c) => auth.authenticate(c));
  mountNegotiationStream(app, deps, (c) => auth.authenticate(c));
  mountWebUi(app);
  app.notFound((c) =>
    c.json({ error: { code: "not_found", message: `no route ${c.req.method} ${c.req.path}` } }, 404),
  );
  app.onError((err, c) => {
    const e = toApiError(err);
    if (e.code === "internal") console.error(`[entente] ${c.req.method} ${c.req.path}:`, err);
    if (e.retryAfterSeconds) c.header("Retry-After", String(e.retryAfterSeconds));
    // The body was not read to its end, so the connection cannot carry another request: say so.
    if (e.status === 413) c.header("Connection", "close");
    const body = { code: e.code, message: e.message, ...(e.issues.length ? { issues: e.issues } : {}) };
    return c.json({ error: body }, e.status as 400);
  });
  return { app, routes, deps };
}

/** Whether a Host header names one of `allowed` (compared without the port, case-insensitively). */
export function hostAllowed(host: string | undefined, allowed: readonly string[]): boolean {
  if (!host) return false;
  const h = host.trim().toLowerCase();
  const name = h.startsWith("[") ? h.slice(0, h.indexOf("]") + 1) : (h.split(":")[0] ?? "");
  return allowed.some((a) => a.toLowerCase() === name);
}

/** Adds the event streams, which are mounted outside the route list, to the OpenAPI document. */
function withStream(doc: Record<string, unknown>): Record<string, unknown> {
  const paths = doc.paths as Record<string, unknown>;
  return { ...doc, paths: { ...paths, ...MONITORING_STREAM_OPENAPI, ...NEGOTIATION_STREAM_OPENAPI } };
}

/** Maps any thrown value to an ApiError; unknown failures become a 500 that says nothing more. */
export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  if (err instanceof NegotiationInputError) return new ApiError("validation", err.message, err.issues);
  if (err instanceof SweepError)
    return new ApiError("validation", `invalid sweep: ${err.message}`, [
      { path: `body.${err.path}`, message: err.message },
    ]);
  if (err instanceof AnalysisOptionsError)
    return new ApiError("validation", `invalid options: ${err.message}`, [
      { path: `body.options.${err.path}`, message: err.message },
    ]);
  if (err instanceof StoreError) {
    if (err.code === "unavailable") return new ApiError("unavailable", err.message, [], 5);
    return new ApiError(err.code === "invalid" ? "validation" : err.code, err.message);
  }
  const pgCode = (err as { code?: unknown } | null)?.code;
  if (pgCode === "23505") return new ApiError("conflict", "that already exists");
  if (pgCode === "23503") return new ApiError("validation", "it refers to something that does not exist");
  if (err instanceof Error && err.name === "BodyLimitError")
    return new ApiError("too_large", "the request body is too large");
  return new ApiError("internal", "internal error; the server log has the details");
}
