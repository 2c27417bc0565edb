import {
  authorizeFiling,
  commitmentStatuses,
  eventSchema,
  type MonitoringCaller,
  type MonitoringEvent,
  monitorAgreement,
  parseInstant,
  type Scenario,
  TimeError,
  visibleEvents,
} from "@entente/core";
import { z } from "zod";
import { type Standing, standing } from "../access.js";
import { ApiError, type FieldIssue } from "../api-error.js";
import type { AuthUser } from "../auth.js";
import type { AppDeps } from "../deps.js";
import { hubFor } from "../monitoring-hub.js";
import { negotiationScenario } from "../negotiation-scenario.js";
import { actorOf, defineRoute, type RouteDef } from "../route.js";
import { idParam } from "../schemas.js";

/** What a negotiation member may do in monitoring, from its roles and the scenario's actors. */
export function monitoringCaller(s: Standing, scenario: Scenario): MonitoringCaller {
  const guarantorIds = new Set(scenario.actors.filter((a) => a.roles.includes("guarantor")).map((a) => a.id));
  const agreement = scenario.agreement;
  // A monitor membership names no actor, so a monitor files for the agreement's monitoring bodies.
  const monitorIds = new Set(agreement ? agreement.commitments.flatMap((c) => c.monitors) : []);
  return {
    parties: new Set(s.delegationOf),
    guarantors: new Set([...s.delegationOf].filter((a) => guarantorIds.has(a))),
    monitors: s.roles.has("monitor") ? monitorIds : new Set(),
    mediator: s.roles.has("mediator") || s.isAdmin,
    observer: s.roles.has("observer"),
  };
}

async function context(d: AppDeps, user: AuthUser, negotiationId: number) {
  const s = await standing(d.store, user, negotiationId);
  const scenario = await negotiationScenario(d.store, await d.store.negotiation(negotiationId));
  if (!scenario.agreement)
    throw new ApiError("conflict", "this negotiation's scenario has no agreement block to monitor");
  return { s, scenario, agreement: scenario.agreement, caller: monitoringCaller(s, scenario) };
}

/** Validates raw events, every problem at once with its body path; stamps `recorded` with the server clock. */
function parseEvents(raw: unknown[], now: Date, zone: string | undefined, prefix: string): MonitoringEvent[] {
  const issues: FieldIssue[] = [];
  const out: MonitoringEvent[] = [];
  raw.forEach((value, i) => {
    const r = eventSchema.safeParse(value);
    if (!r.success) {
      for (const x of r.error.issues)
        issues.push({ path: [prefix, String(i), ...x.path.map(String)].join("."), message: x.message });
      return;
    }
    if (r.data.supersedes === r.data.id)
      issues.push({ path: `${prefix}.${i}.supersedes`, message: "an event cannot supersede itself" });
    for (const f of ["time", "start", "end"] as const) {
      const t = (r.data as Record<string, unknown>)[f];
      if (typeof t !== "string") continue;
      try {
        const ms = parseInstant(t, r.data.zone ?? zone);
        // What happened cannot be filed before it happens: the log would rewrite the past later.
        if (f === "time" && ms > now.getTime())
          issues.push({
            path: `${prefix}.${i}.time`,
            message: `is later than the server's clock (${now.toISOString()})`,
          });
      } catch (e) {
        if (e instanceof TimeError) issues.push({ path: `${prefix}.${i}.${f}`, message: e.message });
        else throw e;
      }
    }
    out.push({ ...r.data, recorded: now.toISOString() });
  });
  if (issues.length)
    throw new ApiError("validation", `invalid ${issues[0]!.path}: ${issues[0]!.message}`, issues);
  return out;
}

const timelineOut = z.array(z.record(z.string(), z.unknown()));
const fileOut = z.object({ accepted: z.number(), changes: timelineOut });

/**
 * Monitoring of a negotiation's agreement. Monitors file reports, inspections and observed
 * activities; a party files its own notifications and declarations and nobody else's; a guarantor
 * votes for itself in consultations; parties, guarantors, monitors and the mediator read the
 * compliance state; observers read only published findings.
 */
export function monitoringRoutes(d: AppDeps): RouteDef[] {
  const hub = () => hubFor(d.store, d.now);
  const params = z.object({ id: idParam });

  const filing = (
    path: string,
    summary: string,
    access: string,
    kinds: ReadonlyArray<MonitoringEvent["kind"]>,
  ): RouteDef =>
    defineRoute({
      method: "post",
      path,
      summary,
      tag: "monitoring",
      auth: "user",
      access,
      status: 201,
      params,
      maxBody: 1_048_576,
      body: z.strictObject({ events: z.array(z.unknown()).min(1).max(1000) }),
      response: fileOut,
      async handler({ params: p, body, user }) {
        const { agreement, scenario, caller } = await context(d, user, p.id);
        const events = parseEvents(body.events, d.now(), agreement.zone, "body.events");
        events.forEach((e, i) => {
          if (!kinds.includes(e.kind))
            throw new ApiError("validation", `body.events.${i}.kind: this route takes ${kinds.join(", ")}`);
          const ok = authorizeFiling(agreement, caller, e);
          if (!ok.ok) throw new ApiError("forbidden", `body.events.${i}: ${ok.message}`);
        });
        const changes = await hub().file(p.id, agreement, scenario.mechanisms, actorOf(user), events);
        return { accepted: events.length, changes: changes as Array<Record<string, unknown>> };
      },
    });

  const readable = async (user: AuthUser, id: number) => {
    const ctx = await context(d, user, id);
    const c = ctx.caller;
    const insider = c.mediator || c.parties.size > 0 || c.monitors.size > 0 || c.guarantors.size > 0;
    if (!insider && !c.observer)
      throw new ApiError("forbidden", "only members of the negotiation may read monitoring");
    const events = visibleEvents(c, await hub().log.list(id));
    return { ...ctx, events, insider };
  };

  const asOfQuery = z.object({ asOf: z.string().max(40).optional() });
  const asOfOf = (q: { asOf?: string | undefined }, zone: string | undefined) => {
    if (q.asOf === undefined) return d.now().getTime();
    try {
      return parseInstant(q.asOf, zone ?? "UTC");
    } catch (e) {
      if (e instanceof TimeError) throw new ApiError("validation", `query.asOf: ${e.message}`);
      throw e;
    }
  };

  return [
    filing(
      "/api/negotiations/{id}/monitoring/reports",
      "File monitor reports, inspections, observed activities, referrals or rulings",
      "monitors, in the name of their monitoring body (rulings: members of the joint commission)",
      ["report", "inspection", "activity", "referral", "ruling"],
    ),
    filing(
      "/api/negotiations/{id}/monitoring/notifications",
      "File the caller's own military-activity notifications or declarations of compliance",
      "the delegation of the notifying party only",
      ["notification", "declaration", "referral"],
    ),
    filing(
      "/api/negotiations/{id}/monitoring/votes",
      "Record a guarantor's vote in a consultation",
      "the delegation of that guarantor only",
      ["vote"],
    ),
    filing(
      "/api/negotiations/{id}/monitoring/events",
      "Import events of any kind (all or none); each must be the caller's to file",
      "each event as its kind's route allows",
      [
        "report",
        "inspection",
        "activity",
        "referral",
        "ruling",
        "notification",
        "declaration",
        "vote",
        "milestone",
      ],
    ),
    defineRoute({
      method: "get",
      path: "/api/negotiations/{id}/monitoring/events",
      summary: "The event log (observers: published findings only)",
      tag: "monitoring",
      auth: "user",
      access: "members; observers see published findings only",
      params,
      response: z.object({ events: z.array(z.record(z.string(), z.unknown())) }),
      async handler({ params: p, user }) {
        const { events } = await readable(user, p.id);
        return { events: events as Array<Record<string, unknown>> };
      },
    }),
    defineRoute({
      method: "get",
      path: "/api/negotiations/{id}/monitoring/compliance",
      summary: "State of every commitment per party, consultations, benefits, notification checks, trust",
      tag: "monitoring",
      auth: "user",
      access: "parties, guarantors, monitors and the mediator; observers get it from published findings only",
      params,
      query: asOfQuery,
      response: z.object({
        asOf: z.number(),
        publishedOnly: z.boolean(),
        statuses: z.array(z.enum(commitmentStatuses as [string, ...string[]])),
        view: z.record(z.string(), z.unknown()),
      }),
      async handler({ params: p, query, user }) {
        const { agreement, scenario, events, insider } = await readable(user, p.id);
        const asOf = asOfOf(query, agreement.zone);
        const view = monitorAgreement(agreement, scenario.mechanisms, events, asOf);
        return {
          asOf,
          publishedOnly: !insider,
          statuses: [...commitmentStatuses],
          view: view as unknown as Record<string, unknown>,
        };
      },
    }),
    defineRoute({
      method: "get",
      path: "/api/negotiations/{id}/monitoring/consultations",
      summary: "Consultations opened by verified breaches, with votes and outcome",
      tag: "monitoring",
      auth: "user",
      access: "members; observers from published findings only",
      params,
      query: asOfQuery,
      response: z.object({ consultations: z.array(z.record(z.string(), z.unknown())) }),
      async handler({ params: p, query, user }) {
        const { agreement, scenario, events } = await readable(user, p.id);
        const view = monitorAgreement(agreement, scenario.mechanisms, events, asOfOf(query, agreement.zone));
        return { consultations: view.report.consultations as unknown as Array<Record<string, unknown>> };
      },
    }),
  ];
}
