import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { seededRandom } from "../power/prng.js";
import { evaluateCompliance } from "./evaluate.js";
import { evaluatePerCommitment, syntheticAgreement, syntheticEvents } from "./fixtures/synthetic.js";
import { ComplianceTracker } from "./tracker.js";

const agreement = syntheticAgreement(12);
const asOf = Date.UTC(2030, 1, 1);

describe("incremental and full evaluation agree", () => {
  it("gives the same report when events arrive shuffled (late events replay the log)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        (seed, shuffleSeed) => {
          const events = syntheticEvents(agreement, 100, seededRandom(seed));
          const rnd = seededRandom(shuffleSeed);
          const shuffled = [...events];
          for (let i = shuffled.length - 1; i > 0; i--) {
            const j = Math.floor(rnd() * (i + 1));
            [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
          }
          const tracker = new ComplianceTracker(agreement);
          for (const e of shuffled) tracker.append(e);
          tracker.advanceTo(asOf);
          const full = evaluateCompliance(agreement, events, asOf);
          const inc = tracker.report();
          expect(inc.slots).toEqual(full.slots);
          expect(inc.changes).toEqual(full.changes);
          expect(inc.benefits).toEqual(full.benefits);
        },
      ),
      { seed: 20150215, numRuns: 25 },
    );
  });

  it("matches the per-commitment scan, an independent straightforward evaluation", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), (seed) => {
        const events = syntheticEvents(agreement, 300, seededRandom(seed));
        expect(evaluateCompliance(agreement, events, asOf).slots).toEqual(
          evaluatePerCommitment(agreement, events, asOf),
        );
      }),
      { seed: 42, numRuns: 40 },
    );
  });
});

describe("late-filed events", () => {
  it("apply without a replay when no deadline passed since their time, and replay when one did", () => {
    const a = syntheticAgreement(4); // c0 and c2 are due on 2 and 4 Jan 2030 (00:00Z)
    const [e1, e2] = syntheticEvents(a, 2, seededRandom(3)); // both on 31 Dec 2029 or 1 Jan 2030
    const t = new ComplianceTracker(a);
    t.append(e1!);
    t.advanceTo(Date.UTC(2029, 11, 31, 23)); // the clock runs on, nothing fires
    t.append(e2!);
    expect(t.replayCount()).toBe(0);
    t.advanceTo(Date.UTC(2030, 0, 10)); // c0's and c2's deadlines fire
    const late = { ...e2!, id: "late", time: "2030-01-01T12:00:00.000Z" };
    t.append(late);
    expect(t.replayCount()).toBe(1);
    expect(t.report()).toEqual(evaluateCompliance(a, [e1!, e2!, late], Date.UTC(2030, 0, 10)));
  });
});
