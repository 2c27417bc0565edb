import type { Context, Hono } from "hono";
import { ApiError } from "../api-error.js";
import type { AuthUser } from "../auth.js";
import { idParam } from "../schemas.js";

/**
 * Mounts a server-sent-events route. Opening it may fail with an `ApiError` (not signed in, not a
 * member, bad id): that is answered as the API's usual JSON error, since no stream has started yet.
 */
export function mountStreamRoute(app: Hono, path: string, open: (c: Context) => Promise<Response>): void {
  app.get(path, async (c) => {
    try {
      return await open(c);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      return c.json({ error: { code: e.code, message: e.message } }, e.status as 400);
    }
  });
}

/** The signed-in user and the negotiation id of a stream request, or the error that says why not. */
export async function streamCaller(
  c: Context,
  authenticate: (c: Context) => Promise<AuthUser | null>,
): Promise<{ user: AuthUser; id: number }> {
  const user = await authenticate(c);
  if (!user) throw new ApiError("unauthenticated", "sign in first: send 'Authorization: Bearer <token>'");
  const parsed = idParam.safeParse(c.req.param("id"));
  if (!parsed.success) throw new ApiError("validation", "params.id: expected a negotiation id");
  return { user, id: parsed.data };
}
