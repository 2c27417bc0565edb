/** Rows as the store returns them (camelCase, plain values). */

export type NegotiationRole = "delegation" | "mediator" | "monitor" | "observer";

/** Who did something: recorded in every audit entry. */
export interface Actor {
  userId: number | null;
  userName: string;
  /** Where the store puts the signed receipt of each write made for this actor (after COMMIT). */
  receipts?: import("./audit-log.js").AuditReceipt[];
}

export interface User {
  id: number;
  name: string;
  passwordHash: string;
  isAdmin: boolean;
  createdAt: string;
  /** Set for a one-time password (a new user's, or after an administrator's reset). */
  mustChangePassword: boolean;
  /** When an admin deactivated the account (it cannot sign in; its sessions ended); null while active. */
  deactivatedAt: string | null;
  /** The interface language the user chose ("en", "ru", "uk"); null: the browser's. */
  locale: string | null;
}

export interface Session {
  tokenHash: string;
  userId: number;
  createdAt: string;
  expiresAt: string;
}

export interface ScenarioSummary {
  id: number;
  slug: string;
  latestVersion: number;
  createdAt: string;
}

export interface ScenarioVersion {
  scenarioId: number;
  version: number;
  format: "yaml" | "json";
  body: string;
  /** The validated scenario, as JSON. */
  parsed: unknown;
  fromVersion: number | null;
  createdAt: string;
  createdBy: number | null;
}

export interface Negotiation {
  id: number;
  title: string;
  venue: string;
  scenarioId: number;
  scenarioVersion: number;
  createdAt: string;
}

export interface Member {
  id: number;
  negotiationId: number;
  userId: number;
  userName: string;
  role: NegotiationRole;
  actorId: string | null;
}

/** A negotiation's webhook, as an admin configured it (the secret is shown once, at creation). */
export interface Webhook {
  id: number;
  negotiationId: number;
  url: string;
  /** The event names it receives (see packages/server/src/webhooks/events.ts). */
  events: string[];
  createdAt: string;
  createdBy: number | null;
  disabledAt: string | null;
}

export interface Round {
  negotiationId: number;
  number: number;
  label: string;
  openedAt: string;
  /** ISO instant after which the round takes no proposals; null for a round without one. */
  deadline: string | null;
  /** When the round closed: the mediator's closure, or its deadline once passed; null while open. */
  closedAt: string | null;
  /** Who closed it: "mediator" or "deadline"; null while open. */
  closedBy: "mediator" | "deadline" | null;
}

export interface Proposal {
  id: number;
  negotiationId: number;
  round: number;
  parentId: number | null;
  authorRole: string;
  authorActor: string | null;
  /** issue id → option id (or a number for numeric issues). */
  package: Record<string, string | number>;
  note: string;
  createdAt: string;
}

/** One version of a negotiation's single negotiating text: a tabled proposal adopted as the text. */
export interface TextVersion {
  negotiationId: number;
  version: number;
  proposalId: number;
  adoptedAt: string;
  /** The user name of whoever adopted it. */
  adoptedBy: string;
}

/** The agreement a concluded negotiation recorded (its latest version). */
export interface AgreementRecord {
  negotiationId: number;
  version: number;
  proposalId: number;
  /** The agreement body: the package, the commitments and the milestones the package sets. */
  body: unknown;
  recordedAt: string;
  recordedBy: string;
}

export interface Score {
  proposalId: number;
  actorId: string;
  score: number;
  comment: string;
  createdAt: string;
}

export interface PrivatePositions {
  negotiationId: number;
  actorId: string;
  version: number;
  /** The delegation's overriding positions (free JSON validated by the server). */
  body: unknown;
  createdAt: string;
}

/** A typed store failure: the server maps `code` to an HTTP status. */
export class StoreError extends Error {
  constructor(
    /** `unavailable`: the database cannot be reached now; the same request may succeed later. */
    readonly code: "not_found" | "conflict" | "invalid" | "unavailable",
    message: string,
  ) {
    super(message);
    this.name = "StoreError";
  }
}
