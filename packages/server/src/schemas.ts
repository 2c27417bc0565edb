import { z } from "zod";

/** Shared request/response schemas. Strings are bounded so that no field can carry a novel. */
export const idParam = z.coerce.number().int().min(1).max(2_147_483_647);
export const name = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_.@-]+$/, "use letters, digits and _ . @ - only");
export const actorId = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, "an actor id as in the scenario (letters, digits, _ . -)");
export const text = (max: number) => z.string().max(max);
export const roleSchema = z.enum(["delegation", "mediator", "monitor", "observer"]);
export const issueValue = z.union([z.string().min(1).max(64), z.number().finite()]);
export const packageSchema = z.record(z.string().min(1).max(64), issueValue);

export const userOut = z.object({
  id: z.number(),
  name: z.string(),
  isAdmin: z.boolean(),
  createdAt: z.string(),
  /** Holds a one-time password: must choose a new one before doing anything else. */
  mustChangePassword: z.boolean(),
  /** When an admin deactivated the account; null (or absent) while it is active. */
  deactivatedAt: z.string().nullable().optional(),
  /** The interface language the user chose; null (or absent): the browser's. */
  locale: z.string().nullable().optional(),
});
export const memberOut = z.object({
  id: z.number(),
  negotiationId: z.number(),
  userId: z.number(),
  userName: z.string(),
  role: roleSchema,
  actorId: z.string().nullable(),
});
export const negotiationOut = z.object({
  id: z.number(),
  title: z.string(),
  venue: z.string(),
  scenarioId: z.number(),
  scenarioVersion: z.number(),
  createdAt: z.string(),
});
export const roundOut = z.object({
  negotiationId: z.number(),
  number: z.number(),
  label: z.string(),
  openedAt: z.string(),
  /** After this instant the round takes no proposals; null for a round without a deadline. */
  deadline: z.string().nullable(),
  /** When the round closed (the mediator's closure, or its deadline once passed); null while open. */
  closedAt: z.string().nullable(),
  closedBy: z.enum(["mediator", "deadline"]).nullable(),
});
export const proposalOut = z.object({
  id: z.number(),
  negotiationId: z.number(),
  round: z.number(),
  parentId: z.number().nullable(),
  authorRole: z.string(),
  authorActor: z.string().nullable(),
  package: packageSchema,
  note: z.string(),
  createdAt: z.string(),
});
export const scoreOut = z.object({
  proposalId: z.number(),
  actorId: z.string(),
  score: z.number(),
  comment: z.string(),
  createdAt: z.string(),
});
export const versionMetaOut = z.object({
  scenarioId: z.number(),
  version: z.number(),
  format: z.enum(["yaml", "json"]),
  fromVersion: z.number().nullable(),
  createdAt: z.string(),
  createdBy: z.number().nullable(),
});
export const auditOut = z.object({
  seq: z.number(),
  at: z.string(),
  userId: z.number().nullable(),
  userName: z.string(),
  action: z.string(),
  subject: z.string(),
  negotiationId: z.number().nullable(),
  fromVersion: z.number().nullable(),
  payload: z.string(),
  prevHash: z.string(),
  hash: z.string(),
  treeId: z.number(),
  leafIndex: z.number(),
  treeRoot: z.string().nullable(),
  headSig: z.string().nullable(),
});
/** A tree head signed by the server (Ed25519 over `headMessage`, see packages/store/src/audit-log.ts). */
export const signedHeadOut = z.object({
  tree: z.number(),
  size: z.number(),
  root: z.string(),
  keyId: z.string(),
  signature: z.string(),
});
export const scenarioErrorOut = z.object({
  code: z.string(),
  file: z.string(),
  line: z.number(),
  column: z.number(),
  path: z.string(),
  message: z.string(),
});
export const ok = z.object({ ok: z.literal(true) });
