/**
 * The shapes the UI reads from the API, as documented by GET /api/openapi.json
 * (packages/server/src/schemas.ts). Kept by hand so the browser bundle carries no server code.
 */
import type { IssueValue } from "@entente/core";

export type Role = "delegation" | "mediator" | "monitor" | "observer";
export type Package = Record<string, IssueValue>;

export interface ApiIssue {
  path: string;
  message: string;
  line?: number;
  column?: number;
}

export interface User {
  id: number;
  name: string;
  isAdmin: boolean;
  createdAt: string;
  /** Signed in with a one-time password: must choose their own before anything else. */
  mustChangePassword?: boolean;
}

export interface Member {
  id: number;
  negotiationId: number;
  userId: number;
  userName: string;
  role: Role;
  actorId: string | null;
}

export interface Me {
  user: User;
  memberships: Member[];
}

export interface Negotiation {
  id: number;
  title: string;
  venue: string;
  scenarioId: number;
  scenarioVersion: number;
  createdAt: string;
}

export interface Round {
  negotiationId: number;
  number: number;
  label: string;
  openedAt: string;
}

export interface NegotiationDetail extends Negotiation {
  members: Member[];
  rounds: Round[];
}

export interface Proposal {
  id: number;
  negotiationId: number;
  round: number;
  parentId: number | null;
  authorRole: string;
  authorActor: string | null;
  package: Package;
  note: string;
  createdAt: string;
}

export interface ScenarioSummary {
  id: number;
  slug: string;
  latestVersion: number;
  createdAt: string;
}

export interface ScenarioError {
  code: string;
  file: string;
  line: number;
  column: number;
  path: string;
  message: string;
}

export interface Score {
  proposalId: number;
  actorId: string;
  score: number;
  comment: string;
  createdAt: string;
}

export interface RedLine {
  reject?: string[];
  atLeast?: IssueValue;
  atMost?: IssueValue;
  note?: string;
}

export interface PrivatePosition {
  issue: string;
  ideal: IssueValue;
  salience: number;
  redLine?: RedLine;
  source: string;
  confidence: number;
  [more: string]: unknown;
}

export interface PrivateBody {
  positions: PrivatePosition[];
  batna?: number;
}

export interface ZoneAnswer {
  parties: string[];
  exists: boolean;
  count: { atLeast: number; below: number };
  total: number;
  nash: Package | null;
  suggestions: { kind: string; package: Package }[];
  withheld?: string;
}

export interface AcceptanceAnswer {
  proposal: number;
  /** Whether every delegation would accept it; never who would not. */
  allAccept: boolean;
  budget: { spent: number; budget: number };
}

export interface AuditEntry {
  seq: number;
  at: string;
  userId: number | null;
  userName: string;
  action: string;
  subject: string;
  negotiationId: number | null;
  fromVersion: number | null;
  payload: string;
  prevHash: string;
  hash: string;
}

export interface AuditVerify {
  ok: boolean;
  checked: number;
  head?: string;
  firstBad?: { seq: number; reason: string };
}
