// The analysis service and the job handlers of packages/core.
//
// ONE ANALYSIS: `runAnalysis(scenario, options, context)` (service.ts) builds the report — baseline,
// then guarantees, forecast, agreement, compliance — with options and budgets resolved in one place
// (`resolveAnalysisOptions`, `DEFAULT_ANALYSIS_OPTIONS`) and its provenance (engine version, scenario
// content hash, seed, options, budgets). `entente analyze`, `POST /api/analyses` and workers all call it.
//
// JOB HANDLERS (jobs.ts), for a queue that only does I/O. Each takes a JSON payload and a
// `JobContext` ({ progress?(fraction), signal?: { aborted } }) and returns a JSON result; pure and
// deterministic, so a job delivered twice stores the same result. `JOB_HANDLERS[kind]` maps kinds:
//   "analysis"           analysisJob({ scenario: ScenarioSource, options? })          → AnalysisReport
//   "agreement-search"   agreementSearchJob({ scenario, options?: AgreementSectionOptions }) → AgreementSection
//   "monte-carlo-shard"  monteCarloShardJob({ scenario, run: { model, runs, seed }, range: { from, to } })
//                                                                                     → MonteCarloShard
//                        then mergeMonteCarloShards({ scenario, run, shards })         → MonteCarloResult
//                        (planShards(runs, size) splits a run; the merge equals a one-process run bit
//                        for bit and throws ShardError unless the shards cover [0, runs) exactly once)
//   "sweep"              sweepJob({ scenario, sweep: { axes: [{ parameter, values }], options? } })
//                                                                                     → SweepResult
//   "validate-scenario"  validationJob({ text, file? })                               → ValidationJobResult
//   "zone-search"        zoneSearchJob({ scenario: merged Scenario, parties })        → ZoneSummary
// A ScenarioSource is `{ text, file? }` (parsed as the CLI parses a file, so results match it) or
// `{ scenario }`. Errors: JobInputError (bad scenario text), AnalysisOptionsError, SweepError,
// ShardError (bad input: do not retry); AnalysisCancelledError (the signal aborted).
export * from "./content-hash.js";
export * from "./jobs.js";
export * from "./monte-carlo-shards.js";
export * from "./options-schema.js";
export * from "./report.js";
export * from "./service.js";
export * from "./sweep.js";
