import {
  type AgreementSection,
  type AgreementSectionOptions,
  buildAgreementSection,
} from "../agreement/section.js";
import type { IssueDistribution } from "../forecast/monte-carlo.js";
import { type ParseScenarioResult, parseScenario } from "../model/parse.js";
import type { Scenario } from "../model/scenario.js";
import { type AgreementOracle, engineOracle, type ZoneSummary } from "../negotiation/zone.js";
import { contentHash } from "./content-hash.js";
import {
  type DrawRange,
  type MonteCarloRun,
  type MonteCarloShard,
  mergeShards,
  runShard,
} from "./monte-carlo-shards.js";
import type { AnalysisReport } from "./report.js";
import { AnalysisCancelledError, type AnalysisOptions, ENGINE_VERSION, runAnalysis } from "./service.js";
import { runSweep, type SweepResult, type SweepSpec } from "./sweep.js";

/** How a job handler reports progress and learns it was cancelled; both optional. */
export interface JobContext {
  /** Told the fraction done, 0..1. */
  progress?: (fraction: number) => void;
  /** Polled between steps; once aborted the handler throws AnalysisCancelledError. */
  signal?: { readonly aborted: boolean };
}

/**
 * A scenario in a job's payload: its text (YAML or JSON, parsed by the handler exactly as
 * `entente analyze` parses a file, so key order and results match the CLI's) or, when there is no
 * text (a merged confidential scenario), the validated scenario itself.
 */
export type ScenarioSource = { text: string; file?: string } | { scenario: Scenario };

/** A payload whose scenario text does not validate. */
export class JobInputError extends Error {
  readonly code = "job/bad-scenario" as const;
  constructor(
    message: string,
    readonly errors: unknown[] = [],
  ) {
    super(message);
    this.name = "JobInputError";
  }
}

/** The scenario of a payload, parsed and validated when given as text. Throws {@link JobInputError}. */
export function scenarioFromSource(source: ScenarioSource): Scenario {
  if ("scenario" in source) return source.scenario;
  const r = parseScenario(source.text, source.file ?? "scenario.yaml");
  if (r.ok) return r.scenario;
  throw new JobInputError(
    `${source.file ?? "the scenario"}: ${r.errorCount} validation error(s)`,
    r.errors.slice(0, 20),
  );
}

export interface AnalysisJobInput {
  scenario: ScenarioSource;
  options?: AnalysisOptions;
}
export interface AgreementSearchJobInput {
  scenario: ScenarioSource;
  /** The agreement section's own options (`entente agree`'s: actors, proposal, node budget…). */
  options?: AgreementSectionOptions;
}
export interface MonteCarloShardJobInput {
  scenario: ScenarioSource;
  run: MonteCarloRun;
  range: DrawRange;
}
export interface MonteCarloMergeInput {
  scenario: ScenarioSource;
  run: MonteCarloRun;
  shards: MonteCarloShard[];
}
/** The merged result of a sharded Monte Carlo, with what made it. */
export interface MonteCarloResult {
  format: "entente.monte-carlo";
  version: 1;
  provenance: {
    engine: { name: "entente"; version: string };
    scenario: { id: string; hash: string };
    seed: number;
    run: MonteCarloRun;
  };
  distributions: IssueDistribution[];
}
export interface SweepJobInput {
  scenario: ScenarioSource;
  sweep: SweepSpec;
}
export interface ValidationJobInput {
  text: string;
  file?: string;
}
/** A validation's answer: the summary and content hash of a valid file, or its located errors. */
export type ValidationJobResult =
  | { ok: true; id: string; hash: string; actors: number; issues: number; positions: number }
  | { ok: false; errorCount: number; errors: Extract<ParseScenarioResult, { ok: false }>["errors"] };
export interface ZoneSearchJobInput {
  /** The merged (confidential) scenario: never returned, only the summary. */
  scenario: Scenario;
  parties: string[];
}

function check(ctx: JobContext): void {
  if (ctx.signal?.aborted) throw new AnalysisCancelledError();
}

/** The analysis report (runAnalysis): `entente analyze --format json` for the same scenario and options. */
export function analysisJob(input: AnalysisJobInput, ctx: JobContext = {}): AnalysisReport {
  const scenario = scenarioFromSource(input.scenario);
  return runAnalysis(scenario, input.options, {
    ...(ctx.signal ? { signal: ctx.signal } : {}),
    ...(ctx.progress ? { progress: ctx.progress } : {}),
  });
}

/** An agreement search on a large space (`entente agree`'s section), bounded by its node budget. */
export function agreementSearchJob(input: AgreementSearchJobInput, ctx: JobContext = {}): AgreementSection {
  const scenario = scenarioFromSource(input.scenario);
  check(ctx);
  const out = buildAgreementSection(scenario, input.options);
  ctx.progress?.(1);
  return out;
}

/** One shard of a Monte Carlo run (runShard): draws [from, to), deterministic per seed and draw. */
export function monteCarloShardJob(input: MonteCarloShardJobInput, ctx: JobContext = {}): MonteCarloShard {
  return runShard(scenarioFromSource(input.scenario), input.run, input.range, ctx);
}

/** Merges a run's shards (mergeShards): the one-process numbers, bit for bit; cheap, not a job itself. */
export function mergeMonteCarloShards(input: MonteCarloMergeInput): MonteCarloResult {
  const scenario = scenarioFromSource(input.scenario);
  return {
    format: "entente.monte-carlo",
    version: 1,
    provenance: {
      engine: { name: "entente", version: ENGINE_VERSION },
      scenario: { id: scenario.id, hash: contentHash(scenario) },
      seed: input.run.seed,
      run: input.run,
    },
    distributions: mergeShards(scenario, input.run, input.shards),
  };
}

/** A sweep (runSweep): one analysis re-run over a grid of one or two parameters. */
export function sweepJob(input: SweepJobInput, ctx: JobContext = {}): SweepResult {
  return runSweep(scenarioFromSource(input.scenario), input.sweep, ctx);
}

/** Validation of a (large) scenario file: its summary and content hash, or its located errors. */
export function validationJob(input: ValidationJobInput, ctx: JobContext = {}): ValidationJobResult {
  check(ctx);
  const r = parseScenario(input.text, input.file ?? "scenario.yaml");
  ctx.progress?.(1);
  if (!r.ok) return { ok: false, errorCount: r.errorCount, errors: r.errors };
  const s = r.scenario;
  return {
    ok: true,
    id: s.id,
    hash: contentHash(s),
    actors: s.actors.length,
    issues: s.issues.length,
    positions: s.positions.length,
  };
}

/** A mediator's zone search that exceeds the synchronous budget (the oracle's aggregate answer only). */
export function zoneSearchJob(
  input: ZoneSearchJobInput,
  ctx: JobContext = {},
  oracle: AgreementOracle = engineOracle,
): ZoneSummary {
  check(ctx);
  const out = oracle.zone(input.scenario, input.parties);
  ctx.progress?.(1);
  return out;
}

/**
 * Every job kind with its handler: a queue worker looks the kind up here, hands over the stored
 * payload (JSON) and stores the returned value (JSON). Handlers are pure and deterministic, so
 * running a job twice (a queue delivers at least once) stores the same result.
 */
export const JOB_HANDLERS = {
  analysis: analysisJob,
  "agreement-search": agreementSearchJob,
  "monte-carlo-shard": monteCarloShardJob,
  sweep: sweepJob,
  "validate-scenario": validationJob,
  "zone-search": zoneSearchJob,
} as const;

export type JobKind = keyof typeof JOB_HANDLERS;
/** The payload a job kind takes. */
export type JobInput<K extends JobKind> = Parameters<(typeof JOB_HANDLERS)[K]>[0];
/** The result a job kind stores. */
export type JobOutput<K extends JobKind> = ReturnType<(typeof JOB_HANDLERS)[K]>;
