import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildReportSection, DEFAULT_ANALYSIS_OPTIONS, parseScenario } from "@entente/core";
import { describe, expect, it } from "vitest";
import { offloadAgreementSection } from "./offload-agreement.js";

// The bundled worker, built by the test run's global setup (scripts/build.mjs).
const builtWorker = fileURLToPath(new URL("../../dist/agreement-worker.js", import.meta.url));
const smallPath = fileURLToPath(new URL("../../../core/src/model/fixtures/small.yaml", import.meta.url));

function small() {
  const r = parseScenario(readFileSync(smallPath, "utf8"), smallPath);
  if (!r.ok) throw new Error("fixture must be valid");
  return r.scenario;
}

describe("offloadAgreementSection", () => {
  it("returns the section the main thread would build", async () => {
    const job = offloadAgreementSection(builtWorker)!;
    expect(job).not.toBeNull();
    job.send(small(), DEFAULT_ANALYSIS_OPTIONS);
    expect(await job.result()).toEqual(
      JSON.parse(JSON.stringify(buildReportSection("agreement", small(), DEFAULT_ANALYSIS_OPTIONS))),
    );
  });

  it("settles with nothing when the worker cannot run, so the caller builds the section itself", async () => {
    const broken = join(mkdtempSync(join(tmpdir(), "entente-")), "broken-worker.mjs");
    writeFileSync(broken, "throw new Error('broken worker');\n");
    const job = offloadAgreementSection(broken)!;
    job.send(small(), DEFAULT_ANALYSIS_OPTIONS);
    expect(await job.result()).toBeUndefined();
  });

  it("offers no worker when the bundle has none (running from sources)", () => {
    expect(offloadAgreementSection(join(tmpdir(), "no-such-worker.js"))).toBeNull();
  });
});
