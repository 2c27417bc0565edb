import { commitmentStatuses, type DashboardAlert, type MonitoringDashboard } from "@entente/core";
import { z } from "zod";

/**
 * The response shapes of the monitoring dashboard and alerts, written out so that the OpenAPI
 * document (and the web client generated from it) knows every field. The type assertions at the
 * bottom keep them equal to the core's `MonitoringDashboard` at compile time.
 */

const status = z.enum(commitmentStatuses as [string, ...string[]]);
const named = z.object({ id: z.string(), name: z.string() });
const vote = z.enum(["yes", "no", "abstain"]);
const forces = z.object({
  troops: z.number().optional(),
  tanks: z.number().optional(),
  acv: z.number().optional(),
  artillery: z.number().optional(),
});

const slot = z.object({
  obligor: named,
  status,
  since: z.number().optional(),
  start: z.number().optional(),
  deadline: z.number().optional(),
  local: z.object({
    since: z.string().optional(),
    start: z.string().optional(),
    deadline: z.string().optional(),
  }),
  onTime: z.boolean().optional(),
  evidence: z.array(z.string()),
  allegations: z.number(),
  history: z.array(
    z.object({
      at: z.number(),
      local: z.string(),
      from: status,
      to: status,
      reason: z.string(),
      events: z.array(z.string()),
      late: z.boolean().optional(),
    }),
  ),
});

export const alertOut = z.object({
  kind: z.enum(["due-soon", "starts-soon", "overdue", "vote-waiting", "breach"]),
  at: z.number(),
  local: z.string(),
  commitment: named.optional(),
  party: named.optional(),
  consultation: z.string().optional(),
  guarantor: named.optional(),
  text: z.string(),
});

const consultation = z.object({
  id: z.string(),
  mechanism: z.string(),
  mechanismName: z.string(),
  commitment: z.string(),
  commitmentTitle: z.string(),
  accused: z.string(),
  accusedName: z.string(),
  openedAt: z.number(),
  deadline: z.number(),
  status: z.enum(["open", "activated", "lapsed", "blocked"]),
  closedAt: z.number().optional(),
  votes: z.record(z.string(), vote),
  voters: z.array(named.extend({ vote: vote.optional() })),
  vetoPlayers: z.array(z.string()),
  summary: z.string(),
  evidence: z.array(z.string()),
  local: z.object({ openedAt: z.string(), deadline: z.string(), closedAt: z.string().optional() }),
});

const benefitStatus = z.enum(["locked", "unlocked", "snapped-back"]);

export const dashboardOut = z.object({
  agreement: z.object({ id: z.string(), title: z.string(), zone: z.string() }),
  milestones: z.array(z.object({ id: z.string(), name: z.string(), fixed: z.boolean() })),
  jointCommission: z.object({ id: z.string(), name: z.string(), members: z.array(named) }).optional(),
  asOf: z.number(),
  asOfLocal: z.string(),
  hindsight: z.boolean(),
  publishedOnly: z.boolean(),
  range: z.object({ from: z.number(), to: z.number() }),
  statuses: z.array(status),
  commitments: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      kind: z.enum(["ongoing", "deliverable"]),
      phase: z.string().optional(),
      salience: z.number(),
      indicator: z.string(),
      monitors: z.array(named),
      unlocks: z.array(named),
      snapBack: z.array(named),
      mechanism: named.optional(),
      slots: z.array(slot),
    }),
  ),
  notificationRules: z
    .object({
      notify: forces,
      noticeDays: z.number(),
      observe: forces.optional(),
      source: z.string(),
      confidence: z.number().optional(),
    })
    .optional(),
  notifications: z.array(
    z.object({
      id: z.string(),
      party: named,
      activity: z.string(),
      start: z.number(),
      end: z.number().optional(),
      local: z.object({ filed: z.string(), start: z.string() }),
      forces: z.object({ troops: z.number(), tanks: z.number(), acv: z.number(), artillery: z.number() }),
      notifiable: z.array(z.string()),
      observable: z.array(z.string()),
      daysAhead: z.number(),
      late: z.boolean(),
      observersInvited: z.boolean(),
    }),
  ),
  notificationFindings: z.array(
    z.object({
      kind: z.string(),
      party: named,
      activity: z.string().optional(),
      at: z.number(),
      local: z.string(),
      events: z.array(z.string()),
      detail: z.string(),
    }),
  ),
  consultations: z.array(consultation),
  benefits: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      kind: z.string(),
      status: benefitStatus,
      since: z.number().optional(),
      cause: z.string().optional(),
      unlockedBy: z.array(named),
      history: z.array(
        z.object({ at: z.number(), local: z.string(), status: benefitStatus, cause: z.string() }),
      ),
    }),
  ),
  trust: z.array(
    z.object({
      party: named,
      trust: z.number(),
      points: z.array(z.object({ at: z.number(), trust: z.number() })),
    }),
  ),
  parties: z.array(z.object({ party: named, trust: z.number(), counts: z.record(z.string(), z.number()) })),
  alerts: z.array(alertOut),
  warnings: z.array(z.object({ event: z.string(), message: z.string() })),
});

// Compile-time: the core's values fit the schemas (a field renamed in core fails the type check).
type Fits<A, B> = A extends B ? true : never;
const _dashboardFits: Fits<
  MonitoringDashboard & { publishedOnly: boolean },
  z.input<typeof dashboardOut>
> = true;
const _alertFits: Fits<DashboardAlert, z.input<typeof alertOut>> = true;
void _dashboardFits;
void _alertFits;
