import { WebhookOutbox } from "@entente/store";
import { z } from "zod";
import { requireAdmin, standing } from "../access.js";
import { ApiError } from "../api-error.js";
import type { AppDeps } from "../deps.js";
import { actorOf, defineRoute, type RouteDef } from "../route.js";
import { idParam } from "../schemas.js";
import { resolveWebhookTarget, WebhookUrlError } from "../webhooks/address-guard.js";
import { WEBHOOK_EVENTS } from "../webhooks/events.js";
import { newWebhookSecret } from "../webhooks/signature.js";

const webhookOut = z.object({
  id: z.number(),
  negotiationId: z.number(),
  url: z.string(),
  events: z.array(z.string()),
  createdAt: z.string(),
  createdBy: z.number().nullable(),
  disabledAt: z.string().nullable(),
});
const deliveryOut = z.object({
  deliveryId: z.string(),
  event: z.string(),
  createdAt: z.string(),
  status: z.enum(["pending", "delivered", "failed", "cancelled"]),
  attempts: z.number(),
  nextAttemptAt: z.string(),
  lastStatus: z.number().nullable(),
  lastError: z.string().nullable(),
  deliveredAt: z.string().nullable(),
});

/**
 * Webhooks per negotiation: an admin points one at a mail or chat relay; the server signs and
 * delivers public events to it (see webhooks/dispatcher.ts and docs/platform.md, "Webhooks").
 */
export function webhookRoutes(d: AppDeps): RouteDef[] {
  const params = z.object({ id: idParam });
  const hookParams = z.object({ id: idParam, hook: idParam });
  const outbox = new WebhookOutbox(d.store.db);
  const own = async (negotiationId: number, hook: number) => {
    const h = (await d.store.webhooks(negotiationId)).find((w) => w.id === hook);
    if (!h) throw new ApiError("not_found", `webhook ${hook} does not exist in this negotiation`);
    return h;
  };
  return [
    defineRoute({
      method: "post",
      path: "/api/negotiations/{id}/webhooks",
      summary: `Add a webhook: the server POSTs signed JSON (ids, a public summary, a link) to the URL for each chosen event (${WEBHOOK_EVENTS.join(", ")}). The signing secret is returned once. Loopback, private and link-local addresses are refused unless the operator allows them`,
      tag: "webhooks",
      auth: "user",
      access: "admin",
      status: 201,
      params,
      body: z.strictObject({
        url: z.string().min(1).max(2000),
        events: z
          .array(z.enum(WEBHOOK_EVENTS))
          .min(1)
          .max(WEBHOOK_EVENTS.length)
          .default([...WEBHOOK_EVENTS]),
      }),
      response: z.object({ webhook: webhookOut, secret: z.string() }),
      async handler({ params: p, body, user }) {
        await standing(d.store, user, p.id);
        requireAdmin(user, "configure webhooks");
        try {
          await resolveWebhookTarget(body.url, {
            allowPrivate: d.webhookAllowPrivate,
            ...(d.webhookResolver ? { resolver: d.webhookResolver } : {}),
          });
        } catch (e) {
          if (e instanceof WebhookUrlError)
            throw new ApiError("validation", `body.url: ${e.message}`, [
              { path: "body.url", message: e.message },
            ]);
          throw e;
        }
        const secret = newWebhookSecret();
        const webhook = await d.store.createWebhook(actorOf(user), p.id, body.url, secret, [
          ...new Set(body.events),
        ]);
        return { webhook, secret };
      },
    }),
    defineRoute({
      method: "get",
      path: "/api/negotiations/{id}/webhooks",
      summary: "The negotiation's webhooks (without their secrets)",
      tag: "webhooks",
      auth: "user",
      access: "admin",
      params,
      response: z.object({ webhooks: z.array(webhookOut), events: z.array(z.string()) }),
      async handler({ params: p, user }) {
        await standing(d.store, user, p.id);
        requireAdmin(user, "read webhooks");
        return { webhooks: await d.store.webhooks(p.id), events: [...WEBHOOK_EVENTS] };
      },
    }),
    defineRoute({
      method: "post",
      path: "/api/negotiations/{id}/webhooks/{hook}/disable",
      summary: "Disable a webhook: nothing more is queued for it and queued deliveries are not sent",
      tag: "webhooks",
      auth: "user",
      access: "admin",
      params: hookParams,
      response: z.object({ webhook: webhookOut }),
      async handler({ params: p, user }) {
        await standing(d.store, user, p.id);
        requireAdmin(user, "disable webhooks");
        await own(p.id, p.hook);
        return { webhook: await d.store.disableWebhook(actorOf(user), p.id, p.hook) };
      },
    }),
    defineRoute({
      method: "get",
      path: "/api/negotiations/{id}/webhooks/{hook}/deliveries",
      summary: "A webhook's latest 50 deliveries: event, status, attempts, next attempt, last answer",
      tag: "webhooks",
      auth: "user",
      access: "admin",
      params: hookParams,
      response: z.object({ deliveries: z.array(deliveryOut) }),
      async handler({ params: p, user }) {
        await standing(d.store, user, p.id);
        requireAdmin(user, "read webhook deliveries");
        await own(p.id, p.hook);
        return { deliveries: await outbox.deliveries(p.hook) };
      },
    }),
  ];
}
