import type { Agreement } from "../model/agreement.js";
import type { MonitoringEvent } from "./events.js";

/** What a caller may do in monitoring: the actors it speaks for, in which capacity. */
export interface MonitoringCaller {
  /** Actors whose party delegation the caller belongs to. */
  parties: ReadonlySet<string>;
  /** Actors the caller may vote for as a guarantor. */
  guarantors: ReadonlySet<string>;
  /** Monitoring bodies the caller files reports for. */
  monitors: ReadonlySet<string>;
  mediator: boolean;
  observer: boolean;
}

export type FilingDecision = { ok: true } | { ok: false; code: "forbidden"; message: string };

const deny = (message: string): FilingDecision => ({ ok: false, code: "forbidden", message });

/**
 * Whether `caller` may file `event`, which always names its filer in `by`: nobody files in
 * another's name. Monitors file reports, inspections and observed activities for their own body;
 * a party files its own notifications and declarations, and nobody else's; a guarantor votes for
 * itself; rulings come from members of the joint commission in its name; the mediator sets
 * milestones. Referrals may come from a party or a monitor, in their own name.
 */
export function authorizeFiling(
  agreement: Agreement,
  caller: MonitoringCaller,
  event: MonitoringEvent,
): FilingDecision {
  const by = event.by;
  switch (event.kind) {
    case "report":
    case "inspection":
    case "activity":
      return caller.monitors.has(by)
        ? { ok: true }
        : deny(`only a monitor of '${by}' may file a ${event.kind} in its name`);
    case "notification":
      if (!caller.parties.has(by))
        return deny(`only the delegation of '${by}' may file notifications in its name`);
      return event.party === by
        ? { ok: true }
        : deny(`'${by}' may notify its own activities only, not those of '${event.party}'`);
    case "declaration":
      return caller.parties.has(by)
        ? { ok: true }
        : deny(`only the delegation of '${by}' may declare its commitments met`);
    case "referral":
      return caller.parties.has(by) || caller.monitors.has(by)
        ? { ok: true }
        : deny(`only the delegation or monitors of '${by}' may refer a finding in its name`);
    case "vote":
      return caller.guarantors.has(by)
        ? { ok: true }
        : deny(`only the delegation of guarantor '${by}' may vote in its name`);
    case "ruling": {
      const jc = agreement.jointCommission;
      if (!jc || by !== jc.id)
        return deny("rulings are filed in the name of the agreement's joint commission");
      const member = jc.members.some((m) => caller.parties.has(m) || caller.monitors.has(m));
      return member ? { ok: true } : deny(`only members of ${jc.name} may file its rulings`);
    }
    case "milestone":
      return caller.mediator ? { ok: true } : deny("only the mediator may set a milestone");
  }
}

/**
 * The events a caller may read. Parties, guarantors, monitors and the mediator read every event;
 * an observer reads only published findings (reports, inspections, rulings marked `published`).
 */
export function visibleEvents(
  caller: MonitoringCaller,
  events: readonly MonitoringEvent[],
): MonitoringEvent[] {
  const insider =
    caller.mediator || caller.parties.size > 0 || caller.monitors.size > 0 || caller.guarantors.size > 0;
  if (insider) return [...events];
  if (!caller.observer) return [];
  return events.filter(
    (e) => e.published && (e.kind === "report" || e.kind === "inspection" || e.kind === "ruling"),
  );
}
