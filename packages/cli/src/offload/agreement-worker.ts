// Worker-thread entry (bundled to dist/agreement-worker.js): builds the agreement section of
// `entente analyze` while the main thread builds the other sections. It starts before the scenario
// is parsed, so loading this bundle overlaps the main thread's parse.
import { parentPort } from "node:worker_threads";
import { AgreementError, buildAgreementSection, type Scenario } from "@entente/core";
import { ANALYZE_AGREEMENT_OPTIONS } from "./analyze-agreement-options.js";

parentPort!.once("message", (scenario: Scenario) => {
  try {
    parentPort!.postMessage({ ok: true, data: buildAgreementSection(scenario, ANALYZE_AGREEMENT_OPTIONS) });
  } catch (e) {
    const err = e as Error;
    parentPort!.postMessage({
      ok: false,
      badInput: e instanceof AgreementError,
      message:
        e instanceof AgreementError
          ? `${e.message}${e.path.length ? ` (at ${e.path.join(".")})` : ""} [${e.code}]`
          : (err.stack ?? err.message),
    });
  }
});
