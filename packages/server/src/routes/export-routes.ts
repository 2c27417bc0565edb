import {
  evaluateCompliance,
  mechanismSpec,
  parseInstant,
  type Scenario,
  TimeError,
  visibleEvents,
} from "@entente/core";
import { type Cell, type Table, tablesToXlsx, tableToCsv } from "@entente/sheets";
import type { Proposal } from "@entente/store";
import { z } from "zod";
import { standing } from "../access.js";
import { ApiError } from "../api-error.js";
import type { AppDeps } from "../deps.js";
import { MonitoringLog } from "../monitoring-log.js";
import { negotiationScenario } from "../negotiation-scenario.js";
import { defineRoute, type RouteDef } from "../route.js";
import { idParam } from "../schemas.js";
import { monitoringCaller } from "./monitoring-routes.js";

/** What can be exported: one table each. */
export const EXPORTS = ["proposals", "scores", "commitments", "compliance"] as const;
export type ExportKind = (typeof EXPORTS)[number];

const iso = (ms: number | undefined): Cell => (ms === undefined ? null : new Date(ms).toISOString());

/** Proposals: one row each, the package's options by label, one column per issue. */
export function proposalsTable(scenario: Scenario, proposals: readonly Proposal[]): Table {
  const actor = (id: string | null) => (id ? (scenario.actors.find((a) => a.id === id)?.name ?? id) : null);
  const value = (issue: string, v: string | number | undefined): Cell => {
    if (v === undefined) return null;
    const i = scenario.issues.find((x) => x.id === issue);
    if (i && "options" in i && Array.isArray(i.options))
      return (i.options as Array<{ id: string; label?: string }>).find((o) => o.id === v)?.label ?? String(v);
    return v;
  };
  return {
    name: "proposals",
    headers: [
      "id",
      "round",
      "counter to",
      "author",
      "tabled at",
      ...scenario.issues.map((i) => i.name),
      "note",
    ],
    rows: proposals.map((p) => [
      p.id,
      p.round,
      p.parentId,
      actor(p.authorActor) ?? p.authorRole,
      p.createdAt,
      ...scenario.issues.map((i) => value(i.id, p.package[i.id])),
      p.note || null,
    ]),
  };
}

/**
 * Spreadsheets and CSV files of a negotiation, for reading elsewhere: proposals, the caller's own
 * scores, the agreement's commitments and the compliance state. Each answers only what the same
 * caller may read through the other routes.
 */
export function exportRoutes(d: AppDeps): RouteDef[] {
  return [
    defineRoute({
      method: "get",
      path: "/api/negotiations/{id}/export/{what}",
      summary: `A table as an .xlsx workbook (base64) or CSV: what = ${EXPORTS.join(", ")}. Scores are the caller's own delegations' only; commitments and compliance need an agreement, and observers get compliance from published findings only`,
      tag: "exports",
      auth: "user",
      access:
        "members of the negotiation (scores: delegations, their own; commitments and compliance: as the monitoring routes)",
      params: z.object({ id: idParam, what: z.enum(EXPORTS) }),
      query: z.object({
        format: z.enum(["xlsx", "csv"]).default("xlsx"),
        asOf: z.string().max(40).optional(),
      }),
      response: z.object({
        fileName: z.string(),
        mediaType: z.string(),
        /** base64 for xlsx, the text itself for CSV. */
        encoding: z.enum(["base64", "utf-8"]),
        content: z.string(),
        rows: z.number(),
      }),
      async handler({ params, query, user }) {
        const s = await standing(d.store, user, params.id);
        const n = await d.store.negotiation(params.id);
        const scenario = await negotiationScenario(d.store, n);
        let table: Table;
        if (params.what === "proposals") {
          table = proposalsTable(scenario, await d.store.proposals(params.id));
        } else if (params.what === "scores") {
          if (s.delegationOf.size === 0)
            throw new ApiError("forbidden", "only a delegation has scores to export (its own)");
          const rows: Cell[][] = [];
          for (const p of await d.store.proposals(params.id))
            for (const actorId of [...s.delegationOf].sort())
              for (const sc of await d.store.scores(p.id, actorId))
                rows.push([
                  p.id,
                  scenario.actors.find((a) => a.id === actorId)?.name ?? actorId,
                  sc.score,
                  sc.comment || null,
                  sc.createdAt,
                ]);
          table = {
            name: "scores",
            headers: ["proposal", "delegation", "score", "comment", "scored at"],
            rows,
          };
        } else {
          const agreement = scenario.agreement;
          if (!agreement)
            throw new ApiError("conflict", "this negotiation's scenario has no agreement: nothing to export");
          const caller = monitoringCaller(s, scenario);
          const insider =
            caller.mediator ||
            caller.parties.size > 0 ||
            caller.monitors.size > 0 ||
            caller.guarantors.size > 0;
          if (!insider && !caller.observer)
            throw new ApiError("forbidden", "only members of the negotiation may read monitoring");
          const events = visibleEvents(
            caller,
            await new MonitoringLog(d.store.db, d.store.signer).list(params.id),
          );
          let asOf = d.now().getTime();
          if (query.asOf !== undefined)
            try {
              asOf = parseInstant(query.asOf, agreement.zone ?? "UTC");
            } catch (e) {
              if (e instanceof TimeError) throw new ApiError("validation", `query.asOf: ${e.message}`);
              throw e;
            }
          const report = evaluateCompliance(agreement, events, asOf, {
            mechanisms: scenario.mechanisms.map(mechanismSpec),
          });
          const name = (id: string) => scenario.actors.find((a) => a.id === id)?.name ?? id;
          const title = (id: string) => agreement.commitments.find((c) => c.id === id)?.title ?? id;
          if (params.what === "commitments")
            table = {
              name: "commitments",
              headers: ["commitment", "title", "party", "status", "start", "deadline", "monitors", "unlocks"],
              rows: report.slots.map((x) => {
                const c = agreement.commitments.find((k) => k.id === x.commitment);
                return [
                  x.commitment,
                  title(x.commitment),
                  name(x.obligor),
                  x.status,
                  iso(x.start),
                  iso(x.deadline),
                  c ? c.monitors.map(name).join(", ") : null,
                  c?.unlocks.length ? c.unlocks.join(", ") : null,
                ];
              }),
            };
          else
            table = {
              name: "compliance",
              headers: [
                "commitment",
                "party",
                "status",
                "since",
                "deadline",
                "on time",
                "evidence",
                "allegations",
                "as of",
              ],
              rows: report.slots.map((x) => [
                title(x.commitment),
                name(x.obligor),
                x.status,
                iso(x.since),
                iso(x.deadline),
                x.onTime ?? null,
                x.evidence.join(", ") || null,
                x.allegations,
                iso(asOf),
              ]),
            };
        }
        const base = `negotiation-${params.id}-${table.name}`;
        if (query.format === "csv")
          return {
            fileName: `${base}.csv`,
            mediaType: "text/csv; charset=utf-8",
            encoding: "utf-8" as const,
            content: tableToCsv(table),
            rows: table.rows.length,
          };
        const bytes = await tablesToXlsx(
          [table],
          [`${n.title} (${n.venue}): ${table.name}, exported ${d.now().toISOString()} by ${user.name}`],
        );
        return {
          fileName: `${base}.xlsx`,
          mediaType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
          encoding: "base64" as const,
          content: Buffer.from(bytes).toString("base64"),
          rows: table.rows.length,
        };
      },
    }),
  ];
}
