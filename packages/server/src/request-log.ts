import { randomUUID } from "node:crypto";
import type { Context, Next } from "hono";
import type { Logger } from "pino";

const ids = new WeakMap<Request, string>();

/** A caller's own request id is kept when it looks like one (so a trace crosses a proxy). */
const ACCEPTED = /^[A-Za-z0-9._:-]{1,128}$/;

/** The request id of a request: the caller's `X-Request-Id` when sane, else a fresh UUID. */
export function requestId(c: Context): string {
  let id = ids.get(c.req.raw);
  if (!id) {
    const given = c.req.header("x-request-id");
    id = given && ACCEPTED.test(given) ? given : randomUUID();
    ids.set(c.req.raw, id);
  }
  return id;
}

/**
 * Middleware: every response carries `X-Request-Id`, and with a logger every request is logged as
 * one JSON line (pino) with that id, the instance, the method, the path, the status and the time, so
 * one request can be followed across instances and into the jobs it started (`jobs.request_id`).
 */
export function requestLog(logger: Logger | undefined) {
  return async (c: Context, next: Next) => {
    const id = requestId(c);
    const t0 = performance.now();
    await next();
    c.res.headers.set("X-Request-Id", id);
    logger?.info(
      {
        reqId: id,
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        ms: Math.round((performance.now() - t0) * 10) / 10,
      },
      "request",
    );
  };
}
