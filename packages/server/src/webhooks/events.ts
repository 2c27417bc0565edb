import type { ComplianceReport, Scenario } from "@entente/core";
import type { AuditEntry } from "@entente/store";

/** The events a webhook can receive; all are facts every member of the negotiation may see. */
export const WEBHOOK_EVENTS = [
  "proposal.tabled",
  "round.opened",
  "round.closed",
  "negotiation.concluded",
  "breach.found",
  "consultation.opened",
  "consultation.decided",
  "deadline.due",
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** One event to announce: a stable key (queued once per webhook), its name, a public summary, ids. */
export interface PublicEvent {
  key: string;
  event: WebhookEvent;
  occurredAt: string;
  summary: string;
  /** Ids only (proposal, round, commitment, party, consultation): never a body or a note. */
  subject: Record<string, string | number>;
}

/**
 * The public events in audit entries of one negotiation: proposals tabled (their id and round, not
 * their package or note), rounds opened and closed (their number, not the label), the conclusion
 * (the proposal's id). Everything else in the log (private positions, scores, sealed acceptances,
 * memberships, the mediator's queries, monitoring filings) is not announced: monitoring is
 * announced from published findings instead (see {@link monitoringEvents}).
 */
export function auditEvents(entries: readonly AuditEntry[]): PublicEvent[] {
  const out: PublicEvent[] = [];
  for (const e of entries) {
    let d: Record<string, unknown>;
    try {
      d = JSON.parse(e.payload) as Record<string, unknown>;
    } catch {
      continue;
    }
    const key = `audit:${e.seq}`;
    const at = e.at;
    switch (e.action) {
      case "proposal.create":
      case "proposal.counter": {
        const id = Number(e.subject.split(":")[1]);
        out.push({
          key,
          event: "proposal.tabled",
          occurredAt: at,
          summary: `Proposal ${id} was tabled in round ${Number(d.round)}${e.action === "proposal.counter" ? ` as a counter-proposal to ${Number(d.parentId)}` : ""}.`,
          subject: { proposal: id, round: Number(d.round) },
        });
        break;
      }
      case "round.open":
        out.push({
          key,
          event: "round.opened",
          occurredAt: at,
          summary: `Round ${Number(d.number)} opened${typeof d.deadline === "string" ? `; it closes at ${d.deadline}` : ""}.`,
          subject: { round: Number(d.number) },
        });
        break;
      case "round.close":
        out.push({
          key,
          event: "round.closed",
          occurredAt: at,
          summary: `Round ${Number(d.number)} was closed by the mediator.`,
          subject: { round: Number(d.number) },
        });
        break;
      case "negotiation.concluded":
        out.push({
          key,
          event: "negotiation.concluded",
          occurredAt: at,
          summary: `The negotiation concluded: every delegation accepted proposal ${Number(d.proposalId)}.`,
          subject: { proposal: Number(d.proposalId) },
        });
        break;
    }
  }
  return out;
}

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * The monitoring events of an agreement, derived from the compliance state as of now:
 * breaches found in **published** findings (`published` — the report an observer reads), the
 * consultations those breaches opened, their outcome as decided (status only: how each guarantor
 * voted is never sent; `insider` supplies the votes' effect), and commitments falling due within
 * `horizonMs` (from the published findings too, so a reminder's absence says nothing unpublished). Keys make each announced once.
 */
export function monitoringEvents(
  scenario: Scenario,
  published: ComplianceReport,
  insider: ComplianceReport,
  now: number,
  horizonMs: number,
): PublicEvent[] {
  const name = (id: string) => scenario.actors.find((a) => a.id === id)?.name ?? id;
  const title = (id: string) => scenario.agreement?.commitments.find((c) => c.id === id)?.title ?? id;
  const out: PublicEvent[] = [];
  for (const s of published.slots) {
    if (s.status === "violated")
      out.push({
        key: `breach:${s.commitment}:${s.obligor}:${s.since ?? 0}`,
        event: "breach.found",
        occurredAt: iso(s.since ?? now),
        summary: `A published finding shows that ${name(s.obligor)} breached "${title(s.commitment)}".`,
        subject: { commitment: s.commitment, party: s.obligor },
      });
  }
  for (const s of published.slots) {
    if ((s.status === "due" || s.status === "pending") && s.deadline !== undefined)
      if (s.deadline > now && s.deadline - now <= horizonMs)
        out.push({
          key: `due:${s.commitment}:${s.obligor}:${s.deadline}`,
          event: "deadline.due",
          occurredAt: iso(now),
          summary: `"${title(s.commitment)}" of ${name(s.obligor)} falls due at ${iso(s.deadline)}.`,
          subject: { commitment: s.commitment, party: s.obligor, deadline: iso(s.deadline) },
        });
  }
  const decided = new Map(insider.consultations.map((c) => [c.id, c]));
  for (const c of published.consultations) {
    out.push({
      key: `consultation:${c.id}:opened`,
      event: "consultation.opened",
      occurredAt: iso(c.openedAt),
      summary: `Guarantors' consultation on ${name(c.accused)}'s breach of "${title(c.commitment)}" opened; it closes at ${iso(c.deadline)}.`,
      subject: { consultation: c.id, commitment: c.commitment, party: c.accused },
    });
    const d = decided.get(c.id);
    if (d && d.status !== "open")
      out.push({
        key: `consultation:${c.id}:decided`,
        event: "consultation.decided",
        occurredAt: iso(d.closedAt ?? now),
        summary: `Guarantors' consultation on ${name(c.accused)}'s breach of "${title(c.commitment)}": ${d.status === "activated" ? "a response was activated" : d.status === "blocked" ? "no response (blocked)" : "no response (lapsed at its deadline)"}.`,
        subject: { consultation: c.id, outcome: d.status },
      });
  }
  return out;
}

/** The JSON body of a delivery: ids, a public summary and a link; nothing else. */
export function deliveryBody(
  deliveryId: string,
  negotiationId: number,
  e: PublicEvent,
  publicUrl: string | undefined,
): string {
  const path = `/#/negotiations/${negotiationId}`;
  return JSON.stringify({
    id: deliveryId,
    event: e.event,
    negotiationId,
    occurredAt: e.occurredAt,
    summary: e.summary,
    subject: e.subject,
    link: publicUrl ? `${publicUrl.replace(/\/$/, "")}${path}` : path,
  });
}
