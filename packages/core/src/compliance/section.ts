import type { Scenario } from "../model/scenario.js";
import { consultationVetoPlayers } from "./consultations.js";
import { evaluateCompliance } from "./evaluate.js";
import { mechanismSpec } from "./mechanisms.js";
import { formatInstant, parseInstant } from "./time.js";

/** One commitment as `entente analyze` shows it before any event: when it runs and what hangs on it. */
export interface CommitmentSchedule {
  id: string;
  title: string;
  obligors: string[];
  phase?: string;
  kind: "ongoing" | "deliverable";
  /** ISO instants, or a note of what they wait on. */
  start: string;
  deadline: string;
  monitors: string[];
  unlocks: string[];
  snapBack: string[];
  /** For a commitment linked to a mechanism: per obligor, whether a breach could ever trigger a response. */
  trigger?: Array<{
    obligor: string;
    mechanism: string;
    canActivate: boolean;
    vetoPlayers: string[];
    summary: string;
  }>;
}

export interface ComplianceSection {
  agreement: string;
  commitments: CommitmentSchedule[];
  /** Notification thresholds and their source, when the agreement states them. */
  notifications?: {
    notify: Record<string, number | undefined>;
    observe?: Record<string, number | undefined>;
    noticeDays: number;
    source: string;
  };
}

/**
 * The "compliance" section of `entente analyze`: the agreement's schedule (absolute and relative
 * times resolved as far as they can be without events) and, for every breach linked to a guarantee
 * mechanism, whether a verified breach by each obligor could activate a response under the
 * mechanism's rule — the Minsk II question asked before signature. Undefined without an agreement.
 */
export function complianceSection(
  scenario: Scenario,
): { name: "compliance"; data: ComplianceSection } | undefined {
  const a = scenario.agreement;
  if (!a) return undefined;
  const asOf = scenario.asOf ? parseInstant(scenario.asOf, a.zone ?? "UTC") : Number.MAX_SAFE_INTEGER / 2;
  const report = evaluateCompliance(a, [], asOf);
  const specs = new Map(scenario.mechanisms.map((m) => [m.id, mechanismSpec(m)]));
  const commitments = a.commitments.map((c): CommitmentSchedule => {
    const slot = report.slots.find((s) => s.commitment === c.id);
    const wait = (ref: typeof c.start) =>
      ref && "after" in ref ? `after ${ref.after} ${ref.on}${ref.days ? ` + ${ref.days} d` : ""}` : "—";
    const out: CommitmentSchedule = {
      id: c.id,
      title: c.title,
      obligors: c.obligors,
      kind: c.kind,
      start:
        slot?.start !== undefined
          ? formatInstant(slot.start)
          : c.start
            ? wait(c.start)
            : "in force from the outset",
      deadline:
        slot?.deadline !== undefined ? formatInstant(slot.deadline) : c.deadline ? wait(c.deadline) : "none",
      monitors: c.monitors,
      unlocks: c.unlocks,
      snapBack: c.onBreach?.snapBack ?? [],
    };
    if (c.phase) out.phase = c.phase;
    const m = c.onBreach?.mechanism ? specs.get(c.onBreach.mechanism) : undefined;
    if (m) {
      out.trigger = c.obligors.map((o) => {
        const vetoes = consultationVetoPlayers(m, [o]);
        const canActivate = !vetoes.includes(o) && (m.decide ? m.decide(new Set(m.guarantors), [o]) : true);
        return {
          obligor: o,
          mechanism: m.id,
          canActivate,
          vetoPlayers: vetoes,
          summary: canActivate
            ? `A verified breach by ${o} can activate ${m.id}${vetoes.length ? `, with the yes of ${vetoes.join(", ")}` : ""}.`
            : vetoes.includes(o)
              ? `A verified breach by ${o} cannot activate ${m.id} without ${o}'s own yes: ${o} is a veto player under ${m.ruleName}.`
              : `No set of votes activates ${m.id} against ${o}.`,
        };
      });
    }
    return out;
  });
  const section: ComplianceSection = { agreement: a.id, commitments };
  if (a.notifications)
    section.notifications = {
      notify: a.notifications.notify,
      ...(a.notifications.observe ? { observe: a.notifications.observe } : {}),
      noticeDays: a.notifications.noticeDays,
      source: a.notifications.source,
    };
  return { name: "compliance", data: section };
}
