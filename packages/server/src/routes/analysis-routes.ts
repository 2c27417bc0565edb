import {
  type AnalysisOptions,
  analysisOptionsSchema,
  checkSweep,
  ENGINE_VERSION,
  forecastModelNames,
  MAX_SWEEP_POINTS,
  resolveAnalysisOptions,
  type Scenario,
  type SweepSpec,
} from "@entente/core";
import type { ScenarioVersion } from "@entente/store";
import type { Context } from "hono";
import { z } from "zod";
import { ApiError } from "../api-error.js";
import type { AuthUser } from "../auth.js";
import type { AppDeps } from "../deps.js";
import { runOnPool } from "../jobs/pool.js";
import type { JobView } from "../jobs/queue.js";
import { requestId } from "../request-log.js";
import { defineRoute, type RouteDef } from "../route.js";
import { idParam } from "../schemas.js";
import { checkScenarioText, UPLOAD_LIMITS } from "./scenario-routes.js";

const statusSchema = z.enum(["queued", "running", "done", "failed", "cancelled"]);

const analysisOut = z.object({
  id: z.string(),
  engine: z.string(),
  status: statusSchema,
  progress: z.number(),
  result: z.unknown().optional(),
  error: z.string().optional(),
  /** Engine version, scenario content hash, seed, options and budgets (docs/analysis-json.md). */
  provenance: z.unknown().optional(),
});

/** Unfinished jobs one user may have at once (across every server instance: counted in the database). */
export const MAX_OPEN_JOBS_PER_USER = 8;

/**
 * The scenario of a stored version as its uploaded text parses, so that objects the report copies
 * from the scenario keep the file's key order (the stored JSON may be reordered by the database).
 */
async function storedScenario(v: ScenarioVersion): Promise<Scenario> {
  const r = await checkScenarioText(v.body, v.format);
  return r.ok ? r.scenario : (v.parsed as Scenario);
}

/** What made a result that carries no provenance of its own: the engine and the scenario's hash. */
const baseProvenance = (scenario: { id: string; hash: string }) => ({
  engine: { name: "entente", version: ENGINE_VERSION },
  scenario,
});

/** Stored versions whose provenance one app server keeps (versions never change once stored). */
const PROVENANCES_KEPT = 64;

const jobOut = z.object({
  id: z.string(),
  kind: z.string(),
  status: statusSchema,
  progress: z.number(),
  attempts: z.number(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  result: z.unknown().optional(),
  error: z.string().optional(),
});

/** Largest scenario text a validation job takes (the synchronous route takes 1 MB). */
const MAX_VALIDATE_BYTES = 8 * 1024 * 1024;

const sweepAxis = z.strictObject({
  /** A scenario number, e.g. `support:us` or `salience:ru:territory` (see docs/analysis-json.md). */
  parameter: z.string().min(1).max(200),
  values: z.array(z.number().finite()).min(1).max(MAX_SWEEP_POINTS),
});

const jobIn = z.discriminatedUnion("kind", [
  z.strictObject({
    kind: z.literal("analysis"),
    scenarioId: idParam,
    version: idParam,
    engine: z.string().min(1).max(64),
    options: analysisOptionsSchema.optional(),
  }),
  z.strictObject({
    kind: z.literal("agreement-search"),
    scenarioId: idParam,
    version: idParam,
    options: z
      .strictObject({
        nodeBudget: z.number().int().min(1).max(1_000_000_000).optional(),
        actors: z.array(z.string().min(1).max(64)).max(100).optional(),
      })
      .optional(),
  }),
  z.strictObject({
    kind: z.literal("sweep"),
    scenarioId: idParam,
    version: idParam,
    sweep: z.strictObject({
      axes: z.array(sweepAxis).min(1).max(2),
      options: analysisOptionsSchema.optional(),
    }),
  }),
  z.strictObject({
    kind: z.literal("montecarlo"),
    scenarioId: idParam,
    version: idParam,
    model: z.enum(forecastModelNames),
    runs: z.number().int().min(1).max(1_000_000),
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 32 - 1),
    /** Draws per shard; each shard is one part any worker may take. */
    shardSize: z.number().int().min(10).max(100_000).optional(),
  }),
  z.strictObject({
    kind: z.literal("validate-scenario"),
    text: z.string().max(MAX_VALIDATE_BYTES),
    file: z.string().min(1).max(255).optional(),
  }),
]);

const jobParam = z.object({ job: z.uuid() });

/** A job as its owner sees it over the API: without its input, owner and parent. */
const view = ({ input: _input, userId: _userId, parentId: _parentId, ...out }: JobView) => out;

const analysisView = (j: JobView) => {
  const input = j.input as { engine?: string; provenance?: unknown };
  const own = (j.result as { provenance?: unknown } | null | undefined)?.provenance;
  return {
    id: j.id,
    engine: j.kind === "sweep" ? "sweep" : (input.engine ?? j.kind),
    status: j.status,
    progress: j.progress,
    ...(j.result !== undefined ? { result: j.result } : {}),
    ...(j.error !== undefined ? { error: j.error } : {}),
    ...(j.status === "done" ? { provenance: own ?? input.provenance } : {}),
  };
};

/**
 * Analyses and other long jobs. A run returns 202 at once; the job is kept in the database (table
 * `jobs`) and run by a worker (in this process on the embedded store; any `entente worker` or server
 * on PostgreSQL). The caller polls for progress and the result, and may cancel it.
 */
export function analysisRoutes(d: AppDeps): RouteDef[] {
  /** The job, if `user` may see it: its owner and admins; anyone else is told it does not exist. */
  const owned = async (id: string, user: AuthUser, kinds?: string[]): Promise<JobView> => {
    const job = await d.jobs.get(id);
    if (
      !job ||
      job.parentId !== null ||
      (kinds && !kinds.includes(job.kind)) ||
      (job.userId !== user.id && !user.isAdmin)
    )
      throw new ApiError("not_found", kinds ? "no such analysis run" : "no such job");
    return job;
  };
  /** A 429 when the user already has MAX_OPEN_JOBS_PER_USER jobs queued or running. */
  const capOpenJobs = async (userId: number) => {
    const [row] = await d.store.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM jobs WHERE user_id = $1 AND parent_id IS NULL AND status IN ('queued', 'running')",
      [userId],
    );
    if ((row?.n ?? 0) >= MAX_OPEN_JOBS_PER_USER)
      throw new ApiError(
        "rate_limited",
        `you already have ${MAX_OPEN_JOBS_PER_USER} jobs queued or running; wait for one to finish`,
        [],
        1,
      );
  };

  /**
   * A stored version's id and content hash, as `contentHash` of the scenario its text parses to:
   * computed on the CPU pool (parsing and hashing a large scenario took tens of milliseconds of the
   * event loop per analysis request; issue 13), once per version.
   */
  const provenances = new Map<string, Promise<{ id: string; hash: string }>>();
  const storedProvenance = (v: ScenarioVersion) => {
    const key = `${v.scenarioId}/${v.version}`;
    let p = provenances.get(key);
    if (!p) {
      p = runOnPool("scenario.provenance", {
        text: v.body,
        fileName: `upload.${v.format}`,
        options: { maxErrors: 1, limits: UPLOAD_LIMITS },
        parsed: v.parsed,
      });
      p.catch(() => provenances.delete(key));
      if (provenances.size >= PROVENANCES_KEPT) provenances.delete(provenances.keys().next().value!);
      provenances.set(key, p);
    }
    return p;
  };

  /** Enqueues a job of `user` (under the cap of open jobs), stamped with the request's id. */
  const start = async (kind: string, input: unknown, user: AuthUser, c: Context) => {
    await capOpenJobs(user.id);
    return d.jobs.enqueue({ kind, input, userId: user.id, requestId: requestId(c) });
  };

  const checkEngine = (engine: string) => {
    if (!Object.hasOwn(d.analyses, engine)) {
      throw new ApiError("validation", `unknown engine '${engine}'`, [
        { path: "body.engine", message: `expected one of ${Object.keys(d.analyses).join(", ")}` },
      ]);
    }
  };
  return [
    defineRoute({
      method: "post",
      path: "/api/analyses",
      summary: "Run an engine on a stored scenario version (asynchronous)",
      tag: "analyses",
      auth: "user",
      access: "any signed-in user",
      status: 202,
      body: z.strictObject({
        scenarioId: idParam,
        version: idParam,
        engine: z.string().min(1).max(64),
        /** Analysis options (seed, sections, forecast, budgets); "analyze" gives `entente analyze`'s JSON. */
        options: analysisOptionsSchema.optional(),
      }),
      response: analysisOut,
      async handler({ body, user, c }) {
        checkEngine(body.engine);
        // Checked now, so that a bad option is a 400 rather than a failed job.
        if (body.options) resolveAnalysisOptions(body.options as AnalysisOptions);
        // Refused before any work on the scenario, so a burst past the cap costs one count each.
        await capOpenJobs(user.id);
        const v = await d.store.scenarioVersion(body.scenarioId, body.version);
        const provenance = baseProvenance(await storedProvenance(v));
        return analysisView(await start("analysis", { ...body, provenance }, user, c));
      },
    }),
    defineRoute({
      method: "get",
      path: "/api/analyses/{job}",
      summary: "Progress and, when done, the result of an analysis run",
      tag: "analyses",
      auth: "user",
      access: "the user who started it, admin",
      params: jobParam,
      response: analysisOut,
      async handler({ params, user }) {
        return analysisView(await owned(params.job, user, ["analysis", "sweep"]));
      },
    }),
    defineRoute({
      method: "post",
      path: "/api/sweeps",
      summary:
        "Re-run the analysis over a grid of one or two parameters (asynchronous; poll /api/analyses/{job})",
      tag: "analyses",
      auth: "user",
      access: "any signed-in user",
      status: 202,
      body: z.strictObject({
        scenarioId: idParam,
        version: idParam,
        /** One or two axes, e.g. { parameter: "support:us", values: [0, 0.5, 1] } (see core's SweepParameter). */
        axes: z.array(sweepAxis).min(1).max(2),
        options: analysisOptionsSchema.optional(),
      }),
      response: analysisOut,
      async handler({ body, user, c }) {
        await capOpenJobs(user.id);
        const v = await d.store.scenarioVersion(body.scenarioId, body.version);
        const sweep = {
          axes: body.axes,
          ...(body.options ? { options: body.options as AnalysisOptions } : {}),
        };
        // The grid is checked now (parameters, ranges, size), so a bad one is a 400 rather than a failed job.
        checkSweep(await storedScenario(v), sweep);
        const input = { scenarioId: body.scenarioId, version: body.version, sweep };
        // Split into one part per grid point, which any worker may take (see jobs/kinds.ts).
        return analysisView(await start("sweep", input, user, c));
      },
    }),
    defineRoute({
      method: "post",
      path: "/api/jobs",
      summary:
        "Start a long job: an analysis, an agreement search, a sharded Monte Carlo forecast, a sweep, or the validation of a large scenario file",
      tag: "analyses",
      auth: "user",
      access: "any signed-in user",
      status: 202,
      maxBody: MAX_VALIDATE_BYTES + 4096,
      body: jobIn,
      response: jobOut,
      async handler({ body, user, c }) {
        const { kind, ...input } = body;
        if (body.kind === "analysis") {
          checkEngine(body.engine);
          if (body.options) resolveAnalysisOptions(body.options as AnalysisOptions);
        }
        await capOpenJobs(user.id);
        if (body.kind !== "validate-scenario") {
          const scenario = await storedScenario(await d.store.scenarioVersion(body.scenarioId, body.version));
          // The grid is checked now (parameters, ranges, size), so a bad one is a 400, not a failed job.
          if (body.kind === "sweep") checkSweep(scenario, body.sweep as SweepSpec);
        }
        return view(await start(kind, input, user, c));
      },
    }),
    defineRoute({
      method: "get",
      path: "/api/jobs/{job}",
      summary: "A job's status, progress and, when done, its result",
      tag: "analyses",
      auth: "user",
      access: "the user who started it, admin",
      params: jobParam,
      response: jobOut,
      async handler({ params, user }) {
        return view(await owned(params.job, user));
      },
    }),
    defineRoute({
      method: "post",
      path: "/api/jobs/{job}/cancel",
      summary: "Cancel a job: a queued one never starts, a running one stops within a second",
      tag: "analyses",
      auth: "user",
      access: "the user who started it, admin",
      params: jobParam,
      response: jobOut,
      async handler({ params, user }) {
        await owned(params.job, user);
        return view((await d.jobs.cancel(params.job))!);
      },
    }),
  ];
}
