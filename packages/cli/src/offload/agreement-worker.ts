// Worker-thread entry (bundled to dist/agreement-worker.js): builds the agreement section of
// `entente analyze` while the main thread builds the other sections. It starts before the scenario
// is parsed, so loading this bundle overlaps the main thread's parse. The section is built with the
// analysis service's agreement options (agreementSectionOptions) of the options the main thread
// resolved, so it is the section runAnalysis builds; only the agreement engine is bundled here.
import { parentPort } from "node:worker_threads";
import {
  AgreementError,
  agreementSectionOptions,
  buildAgreementSection,
  type ResolvedAnalysisOptions,
  type Scenario,
} from "@entente/core";

parentPort!.once(
  "message",
  ({ scenario, options }: { scenario: Scenario; options: ResolvedAnalysisOptions }) => {
    try {
      parentPort!.postMessage({
        ok: true,
        data: buildAgreementSection(scenario, agreementSectionOptions(options)),
      });
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
  },
);
