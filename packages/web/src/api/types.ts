/**
 * Names for the shapes the UI reads from the API, taken from the generated OpenAPI types
 * (openapi.gen.ts, written by `npm run web:api-types` from the server's own schemas): nothing here
 * is written by hand, so a server change that the UI does not follow fails the typecheck.
 */
import type { paths } from "./openapi.gen.js";

type Json<R> = R extends { content: { "application/json": infer J } } ? J : never;
type Success<R> = R extends { 200: infer X }
  ? Json<X>
  : R extends { 201: infer X }
    ? Json<X>
    : R extends { 202: infer X }
      ? Json<X>
      : never;

/** The success body of `method path`, e.g. `Ok<"/api/me", "get">`. */
export type Ok<P extends keyof paths, M extends "get" | "post"> = paths[P][M] extends { responses: infer R }
  ? Success<R>
  : never;

/** The JSON request body of `method path`. */
export type Body<P extends keyof paths, M extends "post"> = paths[P][M] extends {
  requestBody?: { content: { "application/json": infer B } };
}
  ? B
  : never;

/** Every API path, for helpers that take one. */
export type ApiPath = keyof paths;

export type Me = Ok<"/api/me", "get">;
export type User = Me["user"];
export type Member = Me["memberships"][number];
export type Role = Member["role"];
export type Negotiation = Ok<"/api/negotiations", "get">["negotiations"][number];
export type NegotiationDetail = Ok<"/api/negotiations/{id}", "get">;
export type Round = NegotiationDetail["rounds"][number];
export type Proposal = Ok<"/api/negotiations/{id}/proposals", "get">["proposals"][number];
export type Package = Proposal["package"];
export type Score = Ok<"/api/negotiations/{id}/proposals/{proposal}/scores/{actor}", "get">["scores"][number];
export type ScenarioSummary = Ok<"/api/scenarios", "get">["scenarios"][number];
export type VersionMeta = Ok<"/api/scenarios/{id}/versions", "get">["versions"][number];
export type ScenarioError = Ok<"/api/scenarios/validate", "post">["errors"][number];
export type PrivateBody = Body<"/api/negotiations/{id}/private/{actor}", "post">;
export type PrivatePosition = PrivateBody["positions"][number];
export type RedLine = NonNullable<PrivatePosition["redLine"]>;
export type ZoneAnswer = Ok<"/api/negotiations/{id}/mediator/zone", "get">;
export type AcceptanceAnswer = Ok<"/api/negotiations/{id}/mediator/proposals/{proposal}/acceptance", "get">;
export type AuditEntry = Ok<"/api/audit", "get">["entries"][number];
export type AuditVerify = Ok<"/api/audit/verify", "get">;
export type Job = Ok<"/api/jobs/{job}", "get">;
/** One located problem in a failed request, as the server's error body lists them. */
export interface ApiIssue {
  path: string;
  message: string;
  line?: number;
  column?: number;
}
