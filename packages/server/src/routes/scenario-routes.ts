import { scenarioDiffInWords } from "@entente/core";
import { jsonDiff } from "@entente/store";
import { z } from "zod";
import { requireAdmin } from "../access.js";
import { ApiError, validateInput } from "../api-error.js";
import type { AppDeps } from "../deps.js";
import { runOnPool } from "../jobs/pool.js";
import { parseJsonBody } from "../json-guard.js";
import { actorOf, defineRoute, type RouteDef } from "../route.js";
import {
  type CheckedScenario,
  type checkScenarioTextHere,
  type checkValidationRequest,
  MAX_LISTED_ERRORS,
  MAX_SCENARIO,
  refusedError,
  uploadBody,
} from "../scenario-check.js";
import { idParam, scenarioErrorOut, text, versionMetaOut } from "../schemas.js";

export { MAX_LISTED_ERRORS, UPLOAD_LIMITS } from "../scenario-check.js";

/**
 * Validates scenario text with the model's parser, on the CPU pool's worker threads so that a large
 * file never holds the event loop (nesting and JSON syntax are checked there too). Text nested too
 * deep is a 400; anything the parser throws (a stack overflow on pathological YAML, say) is still
 * the caller's bad input, so it becomes a located error, never a 500.
 */
export async function checkScenarioText(body: string, format: "yaml" | "json"): Promise<CheckedScenario> {
  let r: Awaited<ReturnType<typeof checkScenarioTextHere>>;
  try {
    r = await runOnPool("scenario.check", { text: body, format });
  } catch {
    return unreadable(format);
  }
  if ("refused" in r) throw refusedError(r);
  return r;
}

/** Request bodies up to this many bytes are decoded and parsed on the event loop (well under 1 ms). */
const SMALL_BODY = 65_536;

const unreadable = (format: string): CheckedScenario => ({
  ok: false,
  errorCount: 1,
  errors: [
    {
      code: "unreadable",
      file: `upload.${format}`,
      line: 1,
      column: 1,
      path: "(root)",
      message: "the document could not be read",
    },
  ],
});

/** Scenario upload (each upload of a slug is a new version), versions, and diffs. */
export function scenarioRoutes(d: AppDeps): RouteDef[] {
  return [
    defineRoute({
      method: "post",
      path: "/api/scenarios/validate",
      summary: "Validate a scenario without storing it",
      tag: "scenarios",
      auth: "user",
      access: "any signed-in user",
      maxBody: 2 * MAX_SCENARIO,
      heavy: true,
      body: uploadBody,
      // Decoded, parsed and checked on a pool thread, the scenario with it (see checkValidationRequest).
      rawBody: true,
      response: z.object({
        ok: z.boolean(),
        errors: z.array(scenarioErrorOut).describe(`the first ${MAX_LISTED_ERRORS} errors in file order`),
        errorCount: z.number().describe("how many errors there are in all"),
      }),
      async handler({ raw }) {
        const bytes = raw!;
        let r: Awaited<ReturnType<typeof checkValidationRequest>>;
        if (bytes.length <= SMALL_BODY) {
          // A small body costs less to check here than a trip to the pool; its scenario goes there.
          const body = validateInput(uploadBody, parseJsonBody(new TextDecoder().decode(bytes)), "body");
          r = await checkScenarioText(body.text, body.format);
        } else {
          try {
            r = await runOnPool("scenario.check-request", { bytes });
          } catch {
            r = unreadable("yaml");
          }
        }
        if ("refused" in r) throw refusedError(r);
        return r.ok ? { ok: true, errors: [], errorCount: 0 } : r;
      },
    }),
    defineRoute({
      method: "post",
      path: "/api/scenarios",
      summary: "Upload a scenario (YAML or JSON); a known slug gets a new version",
      tag: "scenarios",
      auth: "user",
      access: "admin",
      status: 201,
      maxBody: 2 * MAX_SCENARIO,
      heavy: true,
      body: uploadBody,
      response: versionMetaOut.extend({ slug: z.string() }),
      async handler({ body, user }) {
        requireAdmin(user, "upload scenarios");
        const r = await checkScenarioText(body.text, body.format);
        if (!r.ok) {
          const issues = r.errors
            .slice(0, 50)
            .map((e) => ({ path: e.path, message: e.message, line: e.line, column: e.column }));
          const more = r.errorCount > 1 ? ` (and ${r.errorCount - 1} more)` : "";
          throw new ApiError(
            "validation",
            `invalid scenario: ${r.errors[0]!.path}: ${r.errors[0]!.message}${more}`,
            issues,
          );
        }
        const slug = body.slug ?? r.scenario.id;
        const v = await d.store.putScenario(actorOf(user), slug, body.format, body.text, r.scenario);
        const { body: _b, parsed: _p, ...meta } = v;
        return { ...meta, slug };
      },
    }),
    defineRoute({
      method: "get",
      path: "/api/scenarios",
      summary: "List scenarios with their latest version",
      tag: "scenarios",
      auth: "user",
      access: "any signed-in user",
      response: z.object({
        scenarios: z.array(
          z.object({ id: z.number(), slug: z.string(), latestVersion: z.number(), createdAt: z.string() }),
        ),
      }),
      async handler() {
        return { scenarios: await d.store.listScenarios() };
      },
    }),
    defineRoute({
      method: "get",
      path: "/api/scenarios/{id}/versions",
      summary: "List a scenario's versions",
      tag: "scenarios",
      auth: "user",
      access: "any signed-in user",
      params: z.object({ id: idParam }),
      response: z.object({ versions: z.array(versionMetaOut) }),
      async handler({ params }) {
        return { versions: await d.store.listScenarioVersions(params.id) };
      },
    }),
    defineRoute({
      method: "get",
      path: "/api/scenarios/{id}/versions/{version}",
      summary: "One version: its text as uploaded and the validated scenario",
      tag: "scenarios",
      auth: "user",
      access: "any signed-in user",
      params: z.object({ id: idParam, version: idParam }),
      response: versionMetaOut.extend({ body: z.string(), parsed: z.unknown() }),
      async handler({ params }) {
        return d.store.scenarioVersion(params.id, params.version);
      },
    }),
    defineRoute({
      method: "post",
      path: "/api/scenarios/{id}/versions/{version}/quarantine",
      summary:
        "Quarantine a stored version: it is no longer served to anyone (reads answer 404 with the reason), but stays in the store and the audit log",
      tag: "scenarios",
      auth: "user",
      access: "admin",
      params: z.object({ id: idParam, version: idParam }),
      body: z.strictObject({ reason: text(500).min(1) }),
      response: z.object({ scenarioId: z.number(), version: z.number(), reason: z.string(), at: z.string() }),
      async handler({ params, body, user }) {
        requireAdmin(user, "quarantine scenario versions");
        return d.store.quarantineScenarioVersion(actorOf(user), params.id, params.version, body.reason);
      },
    }),
    defineRoute({
      method: "get",
      path: "/api/scenarios/{id}/diff",
      summary:
        "Compare two versions of a scenario, field by field (list items matched by id); `words` has one sentence per change, naming actors, issues and options",
      tag: "scenarios",
      auth: "user",
      access: "any signed-in user",
      params: z.object({ id: idParam }),
      query: z.object({ from: idParam, to: idParam }),
      response: z.object({
        from: z.number(),
        to: z.number(),
        changes: z.array(
          z.object({
            path: z.string(),
            op: z.enum(["added", "removed", "changed"]),
            before: z.unknown().optional(),
            after: z.unknown().optional(),
          }),
        ),
        words: z.array(z.string()),
      }),
      async handler({ params, query }) {
        const a = await d.store.scenarioVersion(params.id, query.from);
        const b = await d.store.scenarioVersion(params.id, query.to);
        const changes = jsonDiff(a.parsed, b.parsed);
        return {
          from: query.from,
          to: query.to,
          changes,
          words: scenarioDiffInWords(changes, a.parsed, b.parsed),
        };
      },
    }),
  ];
}
