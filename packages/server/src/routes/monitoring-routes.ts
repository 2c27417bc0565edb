import {
  type Agreement,
  authorizeFiling,
  commitmentStatuses,
  type DashboardReader,
  eventReferenceProblems,
  eventSchema,
  formatEventFileError,
  type MonitoringCaller,
  type MonitoringEvent,
  monitorAgreement,
  monitoringDashboard,
  parseEventText,
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
import { monitoredAgreement } from "./lifecycle-routes.js";
import { alertOut, dashboardOut } from "./monitoring-schemas.js";

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
  // The agreement recorded at conclusion (issue 18) when there is one, else the scenario's template.
  const agreement = await monitoredAgreement(d.store, negotiationId, scenario);
  if (!agreement)
    throw new ApiError("conflict", "this negotiation's scenario has no agreement block to monitor");
  const names = new Map(scenario.actors.map((a) => [a.id, a.name]));
  return { s, scenario, agreement, caller: monitoringCaller(s, scenario), names };
}

/** The actors a caller reads alerts for: its delegations' parties and guarantors; all for the mediator and monitors. */
export function dashboardReader(c: MonitoringCaller): DashboardReader {
  return { parties: c.parties, guarantors: c.guarantors, all: c.mediator || c.monitors.size > 0 };
}

/** How an event is named in an error: its position, kind and id, e.g. "event 2 (report 'r-7')". */
function eventLabel(raw: unknown, i: number, line?: number): string {
  const v = (raw && typeof raw === "object" ? raw : {}) as { kind?: unknown; id?: unknown };
  const what = [typeof v.kind === "string" ? v.kind : "", typeof v.id === "string" ? `'${v.id}'` : ""]
    .filter(Boolean)
    .join(" ");
  const where = line === undefined ? `event ${i + 1}` : `line ${line}`;
  return what ? `${where} (${what})` : where;
}

/**
 * The checks every filing passes beyond the schema, in words: the route takes this kind, the caller
 * may file it, and the commitment and party it names exist in the agreement. Each problem names the
 * event by its kind and id and the commitment by its title.
 */
function checkFiling(
  agreement: Agreement,
  caller: MonitoringCaller,
  names: ReadonlyMap<string, string>,
  events: readonly MonitoringEvent[],
  kinds: ReadonlyArray<MonitoringEvent["kind"]>,
  prefix: string,
  lines?: readonly number[],
): { forbidden: FieldIssue[]; invalid: FieldIssue[] } {
  const forbidden: FieldIssue[] = [];
  const invalid: FieldIssue[] = [];
  events.forEach((e, i) => {
    const line = lines?.[i];
    const at = (field?: string) => ({
      path: lines ? (field ?? "") : [prefix, String(i), ...(field ? [field] : [])].join("."),
      ...(line !== undefined ? { line } : {}),
    });
    const label = eventLabel(e, i, line);
    if (!kinds.includes(e.kind)) {
      invalid.push({
        ...at("kind"),
        message: `${label}: this route takes ${kinds.join(", ")}, not ${e.kind}`,
      });
      return;
    }
    for (const p of eventReferenceProblems(agreement, e, names))
      invalid.push({ ...at(p.field), message: `${label}: ${p.message}` });
    const ok = authorizeFiling(agreement, caller, e);
    if (!ok.ok) forbidden.push({ ...at(), message: `${label}: ${ok.message}` });
  });
  return { forbidden, invalid };
}

function throwFiling(problems: { forbidden: FieldIssue[]; invalid: FieldIssue[] }): void {
  const { forbidden, invalid } = problems;
  if (invalid.length) throw new ApiError("validation", invalid[0]!.message, [...invalid, ...forbidden]);
  if (forbidden.length) throw new ApiError("forbidden", forbidden[0]!.message, forbidden);
}

/** Validates raw events, every problem at once with its body path; stamps `recorded` with the server clock. */
function parseEvents(raw: unknown[], now: Date, zone: string | undefined, prefix: string): MonitoringEvent[] {
  const issues: FieldIssue[] = [];
  const out: MonitoringEvent[] = [];
  raw.forEach((value, i) => {
    const r = eventSchema.safeParse(value);
    if (!r.success) {
      for (const x of r.error.issues) {
        const field = x.path.map(String).join(".");
        issues.push({
          path: [prefix, String(i), ...x.path.map(String)].join("."),
          message: `${eventLabel(value, i)}: ${field ? `${field}: ` : ""}${x.message}`,
        });
      }
      return;
    }
    if (r.data.supersedes === r.data.id)
      issues.push({
        path: `${prefix}.${i}.supersedes`,
        message: `${eventLabel(value, i)}: an event cannot supersede itself`,
      });
    for (const f of ["time", "start", "end"] as const) {
      const t = (r.data as Record<string, unknown>)[f];
      if (typeof t !== "string") continue;
      try {
        const ms = parseInstant(t, r.data.zone ?? zone);
        // What happened cannot be filed before it happens: the log would rewrite the past later.
        if (f === "time" && ms > now.getTime())
          issues.push({
            path: `${prefix}.${i}.time`,
            message: `${eventLabel(value, i)}: time ${t} is later than the server's clock (${now.toISOString()})`,
          });
      } catch (e) {
        if (e instanceof TimeError)
          issues.push({
            path: `${prefix}.${i}.${f}`,
            message: `${eventLabel(value, i)}: ${f}: ${e.message}`,
          });
        else throw e;
      }
    }
    out.push({ ...r.data, recorded: now.toISOString() });
  });
  if (issues.length) throw new ApiError("validation", issues[0]!.message, issues);
  return out;
}

const allKinds: ReadonlyArray<MonitoringEvent["kind"]> = [
  "report",
  "inspection",
  "activity",
  "referral",
  "ruling",
  "notification",
  "declaration",
  "vote",
  "milestone",
];

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
        const { agreement, scenario, caller, names } = await context(d, user, p.id);
        const events = parseEvents(body.events, d.now(), agreement.zone, "body.events");
        throwFiling(checkFiling(agreement, caller, names, events, kinds, "body.events"));
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
  const dashboardQuery = asOfQuery.extend({
    /** "true": replay with everything known now, each event from when it happened. */
    hindsight: z.enum(["true", "false"]).optional(),
    alertDays: z.coerce.number().int().min(1).max(90).optional(),
  });
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
      allKinds,
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
    defineRoute({
      method: "get",
      path: "/api/negotiations/{id}/monitoring/dashboard",
      summary:
        "The monitoring dashboard at a moment: every commitment's state per party (agreement's time zone), what it unlocks, notifications against thresholds, consultations and votes, benefits, trust over time, the caller's alerts",
      tag: "monitoring",
      auth: "user",
      access: "members; observers get it from published findings only",
      params,
      query: dashboardQuery,
      response: dashboardOut,
      async handler({ params: p, query, user }) {
        const { agreement, scenario, events, insider, caller, names } = await readable(user, p.id);
        const asOf = asOfOf(query, agreement.zone);
        const dash = monitoringDashboard(agreement, scenario.mechanisms, events, asOf, {
          names,
          reader: dashboardReader(caller),
          hindsight: query.hindsight === "true",
          now: d.now().getTime(),
          ...(query.alertDays !== undefined ? { alertDays: query.alertDays } : {}),
        });
        return { ...dash, publishedOnly: !insider };
      },
    }),
    defineRoute({
      method: "get",
      path: "/api/negotiations/{id}/monitoring/alerts",
      summary:
        "The caller's alerts now: its commitments falling due in the next days or overdue, consultations awaiting its vote, breaches found lately",
      tag: "monitoring",
      auth: "user",
      access: "members; observers from published findings only (breaches)",
      params,
      query: z.object({ days: z.coerce.number().int().min(1).max(90).optional() }),
      response: z.object({ asOf: z.number(), days: z.number(), alerts: z.array(alertOut) }),
      async handler({ params: p, query, user }) {
        const { agreement, scenario, events, caller, names } = await readable(user, p.id);
        const now = d.now().getTime();
        const days = query.days ?? 7;
        const dash = monitoringDashboard(agreement, scenario.mechanisms, events, now, {
          names,
          reader: dashboardReader(caller),
          alertDays: days,
          points: 2,
        });
        return { asOf: now, days, alerts: dash.alerts };
      },
    }),
    defineRoute({
      method: "post",
      path: "/api/negotiations/{id}/monitoring/import",
      summary:
        "Import an event file (CSV, JSON or JSON Lines, as `entente events import` reads it): all or none, every error by line and field",
      tag: "monitoring",
      auth: "user",
      access: "each event as its kind's route allows",
      status: 201,
      params,
      maxBody: 4_194_304,
      body: z.strictObject({
        format: z.enum(["csv", "json", "jsonl"]),
        text: z.string().max(4_000_000),
        /** The file's name, for error messages. */
        file: z.string().max(200).optional(),
        /** Check only: report what would be imported, store nothing. */
        dryRun: z.boolean().optional(),
      }),
      response: z.object({ accepted: z.number(), dryRun: z.boolean(), changes: timelineOut }),
      async handler({ params: p, body, user }) {
        const { agreement, scenario, caller, names } = await context(d, user, p.id);
        const file = body.file ?? `events.${body.format}`;
        const known = new Set((await hub().log.list(p.id)).map((e) => e.id));
        const parsed = parseEventText(body.text, file, body.format, {
          knownIds: known,
          ...(agreement.zone ? { zone: agreement.zone } : {}),
        });
        if (!parsed.ok)
          throw new ApiError(
            "validation",
            `${file}: ${parsed.errors.length} error${parsed.errors.length === 1 ? "" : "s"}; the first: ${formatEventFileError(parsed.errors[0]!)}`,
            parsed.errors.map((e) => ({
              path: e.path.join("."),
              line: e.line,
              ...(e.column !== undefined ? { column: e.column } : {}),
              message: e.message,
            })),
          );
        const { events } = parsed;
        if (events.length === 0) throw new ApiError("validation", `${file}: the file holds no events`);
        if (events.length > 10_000)
          throw new ApiError(
            "validation",
            `${file}: at most 10,000 events per import (${events.length} given)`,
          );
        const lines = parsed.lines ?? [];
        const now = d.now();
        const late: FieldIssue[] = [];
        events.forEach((e, i) => {
          if (parseInstant(e.time, e.zone ?? agreement.zone) > now.getTime())
            late.push({
              path: "time",
              ...(lines[i] !== undefined ? { line: lines[i] } : {}),
              message: `${eventLabel(e, i, lines[i])}: time ${e.time} is later than the server's clock (${now.toISOString()})`,
            });
        });
        const problems = checkFiling(agreement, caller, names, events, allKinds, "events", lines);
        problems.invalid.push(...late);
        problems.invalid.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
        throwFiling(problems);
        if (body.dryRun) return { accepted: events.length, dryRun: true, changes: [] };
        const stamped = events.map((e) => ({ ...e, recorded: now.toISOString() }));
        const changes = await hub().file(p.id, agreement, scenario.mechanisms, actorOf(user), stamped);
        return {
          accepted: events.length,
          dryRun: false,
          changes: changes as Array<Record<string, unknown>>,
        };
      },
    }),
  ];
}
