import {
  type AgreementBody,
  checkScenarioPackage,
  draftAgreement,
  type PackageRating,
  type PrivateBody,
  ratePackages,
  type Scenario,
  valueLabel,
} from "@entente/core";
import type { Proposal, Store, TextVersion } from "@entente/store";
import { z } from "zod";
import { proposalAuthor, requireDelegation, requireRole, standing } from "../access.js";
import { ApiError } from "../api-error.js";
import type { AppDeps } from "../deps.js";
import { negotiationScenario } from "../negotiation-scenario.js";
import { actorOf, defineRoute, type RouteDef } from "../route.js";
import { actorId, idParam, issueValue, packageSchema, proposalOut, text } from "../schemas.js";

const nParam = z.object({ id: idParam });

const changeOut = z.object({
  issue: z.string(),
  issueName: z.string(),
  from: issueValue.nullable(),
  to: issueValue,
  fromLabel: z.string().nullable(),
  toLabel: z.string(),
});
const textVersionOut = z.object({
  version: z.number(),
  proposalId: z.number(),
  package: packageSchema,
  note: z.string(),
  adoptedAt: z.string(),
  adoptedBy: z.string(),
  /** What this version changed against the one before it (every issue, for the first). */
  changes: z.array(changeOut),
});
const redLineOut = z.object({
  issue: z.string(),
  issueName: z.string(),
  value: issueValue,
  label: z.string(),
  message: z.string(),
});
const ratingOut = z.object({
  utility: z.number(),
  batna: z.number(),
  aboveBatna: z.boolean(),
  acceptable: z.boolean(),
  redLines: z.array(redLineOut),
});
const agreementOut = z.object({
  recorded: z.boolean(),
  version: z.number().optional(),
  proposalId: z.number().optional(),
  package: packageSchema.optional(),
  /** The scenario's agreement block with the commitments as recorded. */
  agreement: z.record(z.string(), z.unknown()).optional(),
  /** Milestones the package sets at entry into force (`<issue>.<option>`). */
  milestones: z.array(z.string()).optional(),
  recordedAt: z.string().optional(),
  recordedBy: z.string().optional(),
});
type AgreementOut = z.infer<typeof agreementOut>;

/** Issue-by-issue differences of two packages, in the scenario's words. */
export function packageChanges(
  scenario: Scenario,
  before: Record<string, string | number> | null,
  after: Record<string, string | number>,
): z.infer<typeof changeOut>[] {
  const out: z.infer<typeof changeOut>[] = [];
  for (const iss of scenario.issues) {
    const to = after[iss.id];
    if (to === undefined) continue;
    const from = before?.[iss.id] ?? null;
    if (from !== null && from === to) continue;
    out.push({
      issue: iss.id,
      issueName: iss.name,
      from,
      to,
      fromLabel: from === null ? null : valueLabel(iss, from),
      toLabel: valueLabel(iss, to),
    });
  }
  return out;
}

/** The negotiating text's versions with their packages and changes, oldest first. */
async function textHistory(store: Store, scenario: Scenario, negotiationId: number) {
  const versions = await store.textVersions(negotiationId);
  const proposals = new Map((await store.proposals(negotiationId)).map((p) => [p.id, p]));
  let prev: Proposal | null = null;
  const history = versions.map((v: TextVersion) => {
    const p = proposals.get(v.proposalId)!;
    const out = {
      version: v.version,
      proposalId: v.proposalId,
      package: p.package,
      note: p.note,
      adoptedAt: v.adoptedAt,
      adoptedBy: v.adoptedBy,
      changes: packageChanges(scenario, prev?.package ?? null, p.package),
    };
    prev = p;
    return out;
  });
  return { history, proposals: [...proposals.values()] };
}

/** The agreement as the API shows it (members), or `{ recorded: false }`. */
export async function agreementView(store: Store, negotiationId: number): Promise<AgreementOut> {
  const a = await store.agreement(negotiationId);
  if (!a) return { recorded: false };
  const body = a.body as AgreementBody;
  return {
    recorded: true,
    version: a.version,
    proposalId: a.proposalId,
    package: body.package,
    agreement: body.agreement as unknown as Record<string, unknown>,
    milestones: body.milestones,
    recordedAt: a.recordedAt,
    recordedBy: a.recordedBy,
  };
}

/** The agreement monitoring follows: the recorded one when the negotiation concluded, else the scenario's template. */
export async function monitoredAgreement(
  store: Store,
  negotiationId: number,
  scenario: Scenario,
): Promise<Scenario["agreement"]> {
  const a = await store.agreement(negotiationId);
  return a ? (a.body as AgreementBody).agreement : scenario.agreement;
}

/**
 * Records the agreement when a negotiation has just concluded (version 1: the accepted package
 * with the commitments of the scenario's template). Does nothing when one is recorded already or
 * the scenario has no template.
 */
export async function recordOnConclusion(
  d: AppDeps,
  negotiationId: number,
  proposalId: number,
): Promise<void> {
  const n = await d.store.negotiation(negotiationId);
  const scenario = await negotiationScenario(d.store, n);
  if (!scenario.agreement) return;
  const p = await d.store.proposal(negotiationId, proposalId);
  await d.store.recordAgreement(
    { userId: null, userName: "system" },
    negotiationId,
    proposalId,
    draftAgreement(scenario, p.package),
    true,
  );
}

/**
 * The negotiation's lifecycle beyond rounds and proposals (issue 18): the single negotiating text
 * and its amendments, each delegation's private ratings of every proposal and its red-line check
 * before tabling, and the agreement a concluded negotiation records for monitoring.
 */
export function lifecycleRoutes(d: AppDeps): RouteDef[] {
  const readAgreement = (path: string, tag: string, summary: string) =>
    defineRoute({
      method: "get",
      path,
      summary,
      tag,
      auth: "user",
      access: "members of the negotiation, admin",
      params: nParam,
      response: agreementOut,
      async handler({ params, user }) {
        await standing(d.store, user, params.id);
        return agreementView(d.store, params.id);
      },
    });
  const scenarioOf = async (id: number) => negotiationScenario(d.store, await d.store.negotiation(id));
  const rateFor = async (id: number, actor: string, packages: Record<string, string | number>[]) => {
    const scenario = await scenarioOf(id);
    const [own] = await d.store.privatePositions(id, actor);
    const ratings = ratePackages(scenario, actor, own?.body as PrivateBody | undefined, packages);
    return { basis: own ? ("private" as const) : ("public" as const), ratings };
  };
  return [
    defineRoute({
      method: "get",
      path: "/api/negotiations/{id}/text",
      summary:
        "The single negotiating text: its current version, its history with what each version changed, and the amendments to it",
      tag: "negotiations",
      auth: "user",
      access: "members of the negotiation, admin",
      params: nParam,
      response: z.object({
        current: textVersionOut.nullable(),
        history: z.array(textVersionOut),
        amendments: z.array(proposalOut.extend({ changes: z.array(changeOut) })),
      }),
      async handler({ params, user }) {
        await standing(d.store, user, params.id);
        const scenario = await scenarioOf(params.id);
        const { history, proposals } = await textHistory(d.store, scenario, params.id);
        const current = history.at(-1) ?? null;
        const amendments = current
          ? proposals
              .filter((p) => p.parentId === current.proposalId)
              .map((p) => ({ ...p, changes: packageChanges(scenario, current.package, p.package) }))
          : [];
        return { current, history, amendments };
      },
    }),
    defineRoute({
      method: "post",
      path: "/api/negotiations/{id}/text",
      summary:
        "Adopt a tabled proposal (or amendment) as the next version of the negotiating text, or table a package (e.g. a suggested one) and adopt it at once",
      tag: "negotiations",
      auth: "user",
      access: "mediator; admin (adopting a tabled proposal only)",
      status: 201,
      params: nParam,
      body: z.union([
        z.strictObject({ proposalId: idParam }),
        z.strictObject({ package: packageSchema, note: text(2000).default("") }),
      ]),
      response: textVersionOut,
      async handler({ params, body, user }) {
        const s = await standing(d.store, user, params.id);
        const scenario = await scenarioOf(params.id);
        let proposalId: number;
        if ("proposalId" in body) {
          requireRole(s, ["mediator"], "adopt the negotiating text", true);
          proposalId = body.proposalId;
        } else {
          requireRole(s, ["mediator"], "table a package as the negotiating text");
          checkScenarioPackage(scenario, body.package);
          const p = await d.store.createProposal(actorOf(user), {
            negotiationId: params.id,
            parentId: null,
            authorRole: "mediator",
            authorActor: null,
            package: body.package,
            note: body.note,
          });
          proposalId = p.id;
        }
        await d.store.adoptText(actorOf(user), params.id, proposalId);
        const { history } = await textHistory(d.store, scenario, params.id);
        return history.at(-1)!;
      },
    }),
    defineRoute({
      method: "post",
      path: "/api/negotiations/{id}/text/amendments",
      summary:
        "Table an amendment to the current negotiating text: the issues it changes; the rest stays as the text says",
      tag: "proposals",
      auth: "user",
      access: "delegations (for their own actor), mediator",
      status: 201,
      params: nParam,
      body: z.strictObject({
        changes: packageSchema,
        note: text(2000).default(""),
        /** The actor a delegation tables it for; required when the caller is in a delegation. */
        actorId: actorId.optional(),
      }),
      response: proposalOut.extend({ changes: z.array(changeOut) }),
      async handler({ params, body, user }) {
        const s = await standing(d.store, user, params.id);
        const authorRole = proposalAuthor(s, body.actorId, "table amendments");
        const scenario = await scenarioOf(params.id);
        const versions = await d.store.textVersions(params.id);
        const current = versions.at(-1);
        if (!current)
          throw new ApiError("conflict", "there is no negotiating text yet: the mediator adopts one first");
        const text = await d.store.proposal(params.id, current.proposalId);
        const pkg = { ...text.package, ...body.changes };
        const changes = packageChanges(scenario, text.package, pkg);
        if (changes.length === 0)
          throw new ApiError("validation", "the amendment changes nothing in the current text", [
            { path: "body.changes", message: "name at least one issue whose value differs from the text" },
          ]);
        checkScenarioPackage(scenario, pkg);
        const p = await d.store.createProposal(actorOf(user), {
          negotiationId: params.id,
          parentId: current.proposalId,
          authorRole,
          authorActor: body.actorId ?? null,
          package: pkg,
          note: body.note,
        });
        return { ...p, changes };
      },
    }),
    defineRoute({
      method: "get",
      path: "/api/negotiations/{id}/ratings/{actor}",
      summary:
        "Every proposal rated against the delegation's own lodged positions: utility, red lines crossed, compared with its BATNA",
      tag: "confidential",
      auth: "user",
      access: "the delegation of {actor} only",
      params: z.object({ id: idParam, actor: actorId }),
      response: z.object({
        /** "private": against the positions the delegation lodged; "public": none lodged yet. */
        basis: z.enum(["private", "public"]),
        ratings: z.array(ratingOut.extend({ proposalId: z.number(), round: z.number() })),
      }),
      async handler({ params: p, user }) {
        const s = await standing(d.store, user, p.id);
        requireDelegation(s, p.actor, "read its ratings");
        const proposals = await d.store.proposals(p.id);
        const { basis, ratings } = await rateFor(
          p.id,
          p.actor,
          proposals.map((x) => x.package),
        );
        return {
          basis,
          ratings: ratings.map((r: PackageRating, i) => ({
            ...r,
            proposalId: proposals[i]!.id,
            round: proposals[i]!.round,
          })),
        };
      },
    }),
    defineRoute({
      method: "post",
      path: "/api/negotiations/{id}/ratings/{actor}/check",
      summary:
        "Rate a package before tabling it: the red lines of the delegation's own that it crosses, in words (nothing is stored)",
      tag: "confidential",
      auth: "user",
      access: "the delegation of {actor} only",
      params: z.object({ id: idParam, actor: actorId }),
      body: z.strictObject({ package: packageSchema }),
      response: ratingOut.extend({ basis: z.enum(["private", "public"]), warning: z.string().nullable() }),
      async handler({ params: p, body, user }) {
        const s = await standing(d.store, user, p.id);
        requireDelegation(s, p.actor, "check packages against its red lines");
        checkScenarioPackage(await scenarioOf(p.id), body.package);
        const { basis, ratings } = await rateFor(p.id, p.actor, [body.package]);
        const r = ratings[0]!;
        const warning = r.redLines.length
          ? `This package crosses ${r.redLines.length === 1 ? "one of your red lines" : `${r.redLines.length} of your red lines`}: ${r.redLines.map((x) => x.message).join("; ")}.`
          : r.aboveBatna
            ? null
            : "This package leaves you below your BATNA.";
        return { ...r, basis, warning };
      },
    }),
    readAgreement(
      "/api/negotiations/{id}/agreement",
      "negotiations",
      "The agreement the negotiation recorded when it concluded (package, commitments, milestones), if any",
    ),
    defineRoute({
      method: "post",
      path: "/api/negotiations/{id}/agreement",
      summary:
        "Record a new version of the concluded negotiation's agreement with edited commitments (checked against the scenario); without commitments, the template's",
      tag: "negotiations",
      auth: "user",
      access: "mediator, admin; only after the negotiation concluded",
      status: 201,
      params: nParam,
      maxBody: 262_144,
      body: z.strictObject({ commitments: z.array(z.unknown()).max(500).optional() }),
      response: agreementOut,
      async handler({ params, body, user }) {
        const s = await standing(d.store, user, params.id);
        requireRole(s, ["mediator"], "record the agreement", true);
        const delegations = [
          ...new Set(s.members.filter((m) => m.role === "delegation").map((m) => m.actorId!)),
        ].sort();
        const c = await d.store.conclusion(params.id, delegations);
        if (!c.concluded)
          throw new ApiError(
            "conflict",
            "the negotiation has not concluded: every delegation must accept the same proposal first",
          );
        const scenario = await scenarioOf(params.id);
        const p = await d.store.proposal(params.id, c.proposalId!);
        await d.store.recordAgreement(
          actorOf(user),
          params.id,
          p.id,
          draftAgreement(scenario, p.package, body.commitments),
        );
        return agreementView(d.store, params.id);
      },
    }),
    readAgreement(
      "/api/negotiations/{id}/monitoring/agreement",
      "monitoring",
      "The agreement monitoring follows: the one recorded at conclusion (else `recorded: false` and the template applies)",
    ),
  ];
}
