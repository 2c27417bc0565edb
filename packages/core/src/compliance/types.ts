/** The compliance engine's output vocabulary. Times are epoch milliseconds (UTC). */

/**
 * State of one commitment for one obligor:
 * - pending: not yet started (its start is in the future or waits on another event);
 * - due: in force, not yet shown to be met;
 * - met: the obligor says it has complied; no monitor has verified it yet;
 * - verified: met, and verified by a designated monitor (or ruled so by the joint commission);
 * - violated: a verified report (or a ruling) shows a breach;
 * - overdue: a deliverable's deadline passed while it was due (neither verified nor claimed);
 * - disputed: verified findings contradict each other, or the case is before the joint commission;
 * - unverifiable: the monitor was denied access, or the commission could not decide.
 */
export type CommitmentStatus =
  | "pending"
  | "due"
  | "met"
  | "verified"
  | "violated"
  | "overdue"
  | "disputed"
  | "unverifiable";

export const commitmentStatuses: readonly CommitmentStatus[] = [
  "pending",
  "due",
  "met",
  "verified",
  "violated",
  "overdue",
  "disputed",
  "unverifiable",
];

/** One state change of one commitment for one obligor, with the events that caused it. */
export interface StatusChange {
  at: number;
  commitment: string;
  obligor: string;
  from: CommitmentStatus;
  to: CommitmentStatus;
  /** Ids of the events that show it (empty for a start or a deadline passing). */
  events: string[];
  reason: string;
  /** On a change to verified: whether it came after the commitment's deadline (scored 0.5 in trust). */
  late?: boolean;
}

export interface SlotView {
  commitment: string;
  obligor: string;
  status: CommitmentStatus;
  /** When the current status began; absent for a commitment in force from the outset. */
  since?: number;
  start?: number;
  deadline?: number;
  /** Event ids behind the current status (e.g. the reports that show a violation). */
  evidence: string[];
  /** Reports about this slot that did not count as verified findings (low confidence, other filer). */
  allegations: number;
  /** Whether compliance was verified no later than the deadline (undefined while unknown). */
  onTime?: boolean;
}

export type ConsultationStatus = "open" | "activated" | "lapsed" | "blocked";

export interface Consultation {
  id: string;
  mechanism: string;
  commitment: string;
  accused: string;
  openedAt: number;
  deadline: number;
  status: ConsultationStatus;
  closedAt?: number;
  /** Latest vote of each guarantor that voted. */
  votes: Record<string, "yes" | "no" | "abstain">;
  /** Guarantors without whose yes the rule can never be met (with the accused's vote as the rule treats it). */
  vetoPlayers: string[];
  /** One sentence on why the consultation can or cannot activate a response, or how it ended. */
  summary: string;
  /** The violation events that opened it. */
  evidence: string[];
}

export type BenefitStatus = "locked" | "unlocked" | "snapped-back";

export interface BenefitView {
  id: string;
  status: BenefitStatus;
  since?: number;
  /** Commitment whose breach snapped it back, or the last commitment verified before it unlocked. */
  cause?: string;
  history: Array<{ at: number; status: BenefitStatus; cause: string }>;
}

/** A timeline entry of any kind, for charts and the SSE stream. */
export type TimelineEntry =
  | ({ type: "status" } & StatusChange)
  | { type: "consultation"; at: number; id: string; status: ConsultationStatus; summary: string }
  | { type: "benefit"; at: number; id: string; status: BenefitStatus; cause: string };

export interface ComplianceReport {
  asOf: number;
  slots: SlotView[];
  changes: StatusChange[];
  consultations: Consultation[];
  benefits: BenefitView[];
  timeline: TimelineEntry[];
  /** Events that could not be applied (unknown commitment, consultation or milestone), with why. */
  warnings: Array<{ event: string; message: string }>;
}

/**
 * Decides whether a set of yes-voters activates a mechanism's response against `accused`. The power
 * engine's compiled decision rule fits here (see `mechanismSpec`); the recusal clause is its business.
 */
export type DecideFn = (yesVoters: ReadonlySet<string>, accused: readonly string[]) => boolean;

/** What the engine needs to know of a guarantee mechanism. */
export interface MechanismSpec {
  id: string;
  guarantors: readonly string[];
  /** Hours from the verified breach to the consultation deadline (Istanbul 2022 draft: 72). */
  consultationHours: number;
  /** The decision rule. @default every guarantor votes yes (plain unanimity, the accused included) */
  decide?: DecideFn;
  /** Human name of the rule for summaries, e.g. "unanimity of all guarantors". */
  ruleName?: string;
  /**
   * Whether an accused guarantor is recused (`accusedVote: abstains`): then it is not a player of
   * its own consultation, so it is never a veto player there and its vote is not taken.
   */
  accusedAbstains?: boolean;
}

export interface ComplianceOptions {
  mechanisms?: readonly MechanismSpec[];
  /** Zone for event times written without an offset. */
  zone?: string;
}
