// Monitoring and compliance (issue 8): evaluating a large log from scratch, and following it live.
import { ComplianceTracker, evaluateCompliance } from "@entente/core";
import {
  evaluatePerCommitment,
  syntheticAgreement,
  syntheticEvents,
} from "../packages/core/src/compliance/fixtures/synthetic.js";
import { seededRandom } from "../packages/core/src/power/prng.js";
import { type Benchmark, timeMedian, timeOnce } from "./harness.js";

const COMMITMENTS = 1000;
const EVENTS = 1_000_000;

export const benchmarks: Benchmark[] = [
  {
    name: "Compliance engine: 1,000,000 events over 1,000 commitments",
    async run() {
      const agreement = syntheticAgreement(COMMITMENTS);
      const events = syntheticEvents(agreement, EVENTS, seededRandom(8));
      const asOf = Date.parse(events.at(-1)!.time) + 86_400_000;

      // From scratch: the indexed engine against the straightforward per-commitment scan.
      let report: ReturnType<typeof evaluateCompliance> | undefined;
      const ms = await timeMedian(() => {
        report = evaluateCompliance(agreement, events, asOf);
      }, 3);
      // The scan costs commitments × events, so it is timed on a tenth of the commitments (each still
      // scanning the whole log) and scaled by ten, to keep the run short.
      const sample = { ...agreement, commitments: agreement.commitments.slice(0, COMMITMENTS / 10) };
      const baselineMs = 10 * (await timeOnce(() => evaluatePerCommitment(sample, events, asOf)));

      // Incremental: append the last 100,000 events one by one to a tracker that has seen the rest,
      // against re-evaluating the whole log after each new event (timed over a few appends).
      const split = EVENTS - 100_000;
      const tracker = new ComplianceTracker(agreement);
      for (let i = 0; i < split; i++) tracker.append(events[i]!);
      const tail = events.slice(split);
      const incMs = await timeOnce(() => {
        for (const e of tail) tracker.append(e);
      });
      const rate = tail.length / (incMs / 1000);
      const REEVAL = 3;
      const reMs =
        (await timeOnce(() => {
          for (let k = 1; k <= REEVAL; k++) evaluateCompliance(agreement, events.slice(0, split + k), asOf);
        })) / REEVAL;
      const perEventMs = incMs / tail.length;
      return [
        {
          name: "from scratch (1,000,000 events, 2,000 commitment × obligor states; median of 3)",
          ms,
          baseline: "per-commitment scan of the whole log (100 commitments timed, ×10)",
          baselineMs,
          target: "< 5 s",
          ok: ms < 5000,
          note: `${report!.changes.length.toLocaleString("en")} state changes; ${(EVENTS / (ms / 1000)).toFixed(0)} events/s`,
        },
        {
          name: "incremental update (per event, after 900,000 events)",
          ms: perEventMs,
          baseline: "full re-evaluation of the log per new event",
          baselineMs: reMs,
          target: "≥ 50,000 events/s",
          ok: rate >= 50_000,
          note: `${Math.round(rate).toLocaleString("en")} events/s over 100,000 appends`,
        },
      ];
    },
  },
];
