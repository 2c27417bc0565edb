import type { Context, Hono } from "hono";
import { streamSSE } from "hono/streaming";
import { standing } from "../access.js";
import { ApiError } from "../api-error.js";
import { createAuthenticator } from "../auth.js";
import type { AppDeps } from "../deps.js";
import { hubFor } from "../monitoring-hub.js";
import { negotiationScenario } from "../negotiation-scenario.js";
import { idParam } from "../schemas.js";
import { monitoringCaller } from "./monitoring-routes.js";

export const MONITORING_STREAM_PATH = "/api/negotiations/:id/monitoring/stream";

/**
 * Server-sent events: one `change` event (a JSON array of timeline entries) whenever a commitment
 * changes state, a consultation opens or closes, or a benefit unlocks or snaps back — whether a
 * filing caused it or the scheduler's clock passed a deadline. Members other than observers only,
 * since the stream is derived from unpublished reports too.
 */
export function mountMonitoringStream(app: Hono, d: AppDeps): void {
  app.get(MONITORING_STREAM_PATH, async (c) => {
    try {
      return await open(c);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      return c.json({ error: { code: e.code, message: e.message } }, e.status as 400);
    }
  });

  async function open(c: Context) {
    const user = await createAuthenticator(d.store, d.now).authenticate(c);
    if (!user) throw new ApiError("unauthenticated", "sign in first: send 'Authorization: Bearer <token>'");
    const parsed = idParam.safeParse(c.req.param("id"));
    if (!parsed.success) throw new ApiError("validation", "params.id: expected a negotiation id");
    const id = parsed.data;
    const s = await standing(d.store, user, id);
    const scenario = await negotiationScenario(d.store, await d.store.negotiation(id));
    const agreement = scenario.agreement;
    if (!agreement)
      throw new ApiError("conflict", "this negotiation's scenario has no agreement block to monitor");
    const caller = monitoringCaller(s, scenario);
    if (!(caller.mediator || caller.parties.size || caller.monitors.size || caller.guarantors.size))
      throw new ApiError(
        "forbidden",
        "observers read published findings at /monitoring/events, not the live stream",
      );
    const hub = hubFor(d.store.db, d.now);
    return streamSSE(c, async (stream) => {
      const unsubscribe = await hub.subscribe(id, agreement, scenario.mechanisms, (changes) => {
        void stream.writeSSE({ event: "change", data: JSON.stringify(changes) });
      });
      stream.onAbort(unsubscribe);
      await stream.writeSSE({ event: "ready", data: JSON.stringify({ negotiationId: id }) });
      while (!stream.aborted && !stream.closed) await stream.sleep(15_000);
      unsubscribe();
    });
  }
}
