import { alertsFromChanges } from "@entente/core";
import type { Context, Hono } from "hono";
import { streamSSE } from "hono/streaming";
import { standing } from "../access.js";
import { ApiError } from "../api-error.js";
import { type AuthUser, createAuthenticator } from "../auth.js";
import type { AppDeps } from "../deps.js";
import { hubFor } from "../monitoring-hub.js";
import { negotiationScenario } from "../negotiation-scenario.js";
import { monitoredAgreement } from "./lifecycle-routes.js";
import { dashboardReader, monitoringCaller } from "./monitoring-routes.js";
import { mountStreamRoute, streamCaller } from "./stream-route.js";

/** Alerts about moments older than this many days are not pushed (the dashboard still lists them). */
const ALERT_DAYS = 7;

export const MONITORING_STREAM_PATH = "/api/negotiations/:id/monitoring/stream";

const errorRef = (description: string) => ({
  description,
  content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
});

/** The stream's OpenAPI 3.1 path item, for the document the app serves (it is not a JSON route). */
export const MONITORING_STREAM_OPENAPI: Record<string, unknown> = {
  "/api/negotiations/{id}/monitoring/stream": {
    get: {
      summary:
        "Server-sent events: a `change` event whenever the compliance state changes, and an `alert` event for each alert it brings the caller",
      description:
        "Who may call it: parties, guarantors, monitors and the mediator (not observers, since changes derive from unpublished reports too).",
      tags: ["monitoring"],
      operationId: "getApiNegotiationsIdMonitoringStream",
      parameters: [
        {
          name: "id",
          in: "path",
          required: true,
          schema: { type: "integer", minimum: 1, maximum: 2_147_483_647 },
        },
      ],
      security: [{ bearer: [] }],
      responses: {
        "200": {
          description:
            "an event stream: `ready`, then `filed` events (`{ events: [ids] }`, for every filing), `change` events (a JSON array of timeline entries) and `alert` events (one alert as GET …/monitoring/alerts gives it: a breach, a consultation awaiting the caller's vote, the caller's commitment overdue or in force)",
          content: { "text/event-stream": {} },
        },
        "400": errorRef("invalid negotiation id"),
        "401": errorRef("no valid session"),
        "403": errorRef("signed in, but this role may not follow the stream"),
        "404": errorRef("not found"),
        "409": errorRef("the negotiation's scenario has no agreement"),
      },
    },
  },
};

/**
 * Server-sent events: one `change` event (a JSON array of timeline entries) whenever a commitment
 * changes state, a consultation opens or closes, or a benefit unlocks or snaps back — whether a
 * filing caused it or the scheduler's clock passed a deadline. Members other than observers only,
 * since the stream is derived from unpublished reports too.
 */
export function mountMonitoringStream(
  app: Hono,
  d: AppDeps,
  authenticate?: (c: Context) => Promise<AuthUser | null>,
): void {
  // The app passes its own authenticator so a signed-out token is refused here as everywhere else.
  const auth = authenticate ?? createAuthenticator(d.store, d.now).authenticate;
  mountStreamRoute(app, MONITORING_STREAM_PATH, open);

  async function open(c: Context) {
    const { user, id } = await streamCaller(c, auth);
    const s = await standing(d.store, user, id);
    const scenario = await negotiationScenario(d.store, await d.store.negotiation(id));
    const agreement = await monitoredAgreement(d.store, id, scenario);
    if (!agreement)
      throw new ApiError("conflict", "this negotiation's scenario has no agreement block to monitor");
    const caller = monitoringCaller(s, scenario);
    if (!(caller.mediator || caller.parties.size || caller.monitors.size || caller.guarantors.size))
      throw new ApiError(
        "forbidden",
        "observers read published findings at /monitoring/events, not the live stream",
      );
    if (user.mustChangePassword)
      throw new ApiError(
        "password_change_required",
        "choose your own password at POST /api/me/password first",
      );
    const reader = dashboardReader(caller);
    const names = new Map(scenario.actors.map((a) => [a.id, a.name]));
    const release = d.streamSlots.acquire(user.id);
    const hub = hubFor(d.store, d.now);
    return streamSSE(c, async (stream) => {
      let unsubscribe: () => void;
      try {
        unsubscribe = await hub.subscribe(id, agreement, scenario.mechanisms, (changes, filed) => {
          // Every filing is news to every member who follows, even one that changes no state (a vote).
          if (filed.length) void stream.writeSSE({ event: "filed", data: JSON.stringify({ events: filed }) });
          if (changes.length === 0) return;
          void stream.writeSSE({ event: "change", data: JSON.stringify(changes) });
          // An alert is news only if it is recent: importing last year's log alerts nobody.
          const recent = d.now().getTime() - ALERT_DAYS * 86_400_000;
          for (const alert of alertsFromChanges(agreement, scenario.mechanisms, changes, reader, names))
            if (alert.at >= recent) void stream.writeSSE({ event: "alert", data: JSON.stringify(alert) });
        });
      } catch (e) {
        release();
        throw e;
      }
      await stream.writeSSE({ event: "ready", data: JSON.stringify({ negotiationId: id }) });
      // Ends as soon as the client leaves (no sleep left pending); a comment every 15 s keeps
      // proxies from closing an idle stream, on a timer that does not hold the process open.
      await new Promise<void>((resolve) => {
        const keepAlive = setInterval(() => void stream.write(": keep-alive\n\n"), 15_000);
        keepAlive.unref?.();
        const done = () => {
          release();
          clearInterval(keepAlive);
          unsubscribe();
          forget();
          resolve();
        };
        // On shutdown the stream ends, and the client reconnects (to another instance, maybe).
        const forget = hub.onShutdown(done);
        if (stream.aborted) done();
        else stream.onAbort(done);
      });
    });
  }
}
