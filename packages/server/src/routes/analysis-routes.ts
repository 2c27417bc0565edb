import { randomUUID } from "node:crypto";
import {
  type AnalysisOptions,
  analysisOptionsSchema,
  checkSweep,
  contentHash,
  ENGINE_VERSION,
  MAX_SWEEP_POINTS,
  resolveAnalysisOptions,
  type Scenario,
  sweepJob,
} from "@entente/core";
import type { ScenarioVersion } from "@entente/store";
import { z } from "zod";
import { ApiError } from "../api-error.js";
import type { AppDeps } from "../deps.js";
import { defineRoute, type RouteDef } from "../route.js";
import { idParam } from "../schemas.js";
import { checkScenarioText } from "./scenario-routes.js";

interface Job {
  id: string;
  userId: number;
  engine: string;
  status: "queued" | "running" | "done" | "failed";
  progress: number;
  result?: unknown;
  error?: string;
  /** What made the result: the report's own provenance, else the engine version and scenario hash. */
  provenance?: unknown;
}

const jobOut = z.object({
  id: z.string(),
  engine: z.string(),
  status: z.enum(["queued", "running", "done", "failed"]),
  progress: z.number(),
  result: z.unknown().optional(),
  error: z.string().optional(),
  /** Engine version, scenario content hash, seed, options and budgets (docs/analysis-json.md). */
  provenance: z.unknown().optional(),
});

/**
 * The scenario of a stored version as its uploaded text parses, so that objects the report copies
 * from the scenario keep the file's key order (the stored JSON may be reordered by the database):
 * the same text gives the same report as `entente analyze` on the file.
 */
async function storedScenario(v: ScenarioVersion): Promise<Scenario> {
  const r = await checkScenarioText(v.body, v.format);
  return r.ok ? r.scenario : (v.parsed as Scenario);
}

/**
 * Analyses of public scenario versions. A run returns 202 at once and works in the background;
 * the caller polls for progress and the result. Jobs live in memory: a restart forgets them, and
 * since analyses are pure functions of a stored version, rerunning gives the same answer.
 */
export function analysisRoutes(d: AppDeps): RouteDef[] {
  const jobs = new Map<string, Job>();
  let queue: Promise<void> = Promise.resolve();
  const view = ({ userId: _u, ...j }: Job) => j;
  /** Files a job and runs it after the 202 has been sent; runs are executed one at a time. */
  const start = (
    userId: number,
    engine: string,
    scenario: Scenario,
    run: (progress: (f: number) => void) => unknown,
  ): Job => {
    // The run holds one of the user's heavy-request slots until it ends, so one account cannot
    // fill the queue (a 429 says to wait for a run to finish).
    const release = d.heavySlots.acquire(userId);
    const job: Job = { id: randomUUID(), userId, engine, status: "queued", progress: 0 };
    if (jobs.size > 1000)
      for (const [k, j] of jobs) if (j.status === "done" || j.status === "failed") jobs.delete(k);
    jobs.set(job.id, job);
    queue = queue.then(async () => {
      await new Promise((r) => setImmediate(r));
      job.status = "running";
      try {
        job.result = await run((f) => {
          job.progress = Math.max(0, Math.min(1, f));
        });
        job.progress = 1;
        job.status = "done";
        const own = (job.result as { provenance?: unknown } | null)?.provenance;
        job.provenance = own ?? {
          engine: { name: "entente", version: ENGINE_VERSION },
          scenario: { id: scenario.id, hash: contentHash(scenario) },
        };
      } catch (e) {
        job.status = "failed";
        job.error =
          e instanceof Error && "code" in e ? `${String(e.code)}: ${e.message}` : "the analysis failed";
      } finally {
        release();
      }
    });
    return job;
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
      response: jobOut,
      async handler({ body, user }) {
        const run = Object.hasOwn(d.analyses, body.engine) ? d.analyses[body.engine] : undefined;
        if (!run) {
          throw new ApiError("validation", `unknown engine '${body.engine}'`, [
            { path: "body.engine", message: `expected one of ${Object.keys(d.analyses).join(", ")}` },
          ]);
        }
        const options = body.options as AnalysisOptions | undefined;
        // Checked now, so that a bad option is a 400 rather than a failed job.
        if (options) resolveAnalysisOptions(options);
        const v = await d.store.scenarioVersion(body.scenarioId, body.version);
        const scenario = await storedScenario(v);
        const job = start(user.id, body.engine, scenario, (progress) => run(scenario, progress, options));
        return view(job);
      },
    }),
    defineRoute({
      method: "get",
      path: "/api/analyses/{job}",
      summary: "Progress and, when done, the result of an analysis run",
      tag: "analyses",
      auth: "user",
      access: "the user who started it, admin",
      params: z.object({ job: z.uuid() }),
      response: jobOut,
      async handler({ params, user }) {
        const job = jobs.get(params.job);
        if (!job || (job.userId !== user.id && !user.isAdmin))
          throw new ApiError("not_found", "no such analysis run");
        return view(job);
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
        axes: z
          .array(
            z.strictObject({
              parameter: z.string().min(1).max(200),
              values: z.array(z.number()).min(1).max(MAX_SWEEP_POINTS),
            }),
          )
          .min(1)
          .max(2),
        options: analysisOptionsSchema.optional(),
      }),
      response: jobOut,
      async handler({ body, user }) {
        const v = await d.store.scenarioVersion(body.scenarioId, body.version);
        const scenario = await storedScenario(v);
        const sweep = {
          axes: body.axes,
          ...(body.options ? { options: body.options as AnalysisOptions } : {}),
        };
        // The grid is checked now (parameters, ranges, size), so a bad one is a 400 rather than a failed job.
        checkSweep(scenario, sweep);
        const job = start(user.id, "sweep", scenario, (progress) =>
          sweepJob({ scenario: { scenario }, sweep }, { progress }),
        );
        return view(job);
      },
    }),
  ];
}
