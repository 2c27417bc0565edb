import type { Hono } from "hono";
import { FIXTURE_YAML, type Fixture, makeFixture } from "./fixture.js";

// The fixture's two parties plus a guarantor (de, a party so that it can have a delegation), a
// monitoring body (osce), a two-guarantor mechanism and a small agreement starting 1 Nov 2026.
export const MONITORED_YAML = FIXTURE_YAML.replace("id: fixture", "id: monitored")
  .replace(
    "roles: [party], capability: { value: 1, source: test, confidence: 1 } }\n  - { id: tr",
    "roles: [party, guarantor], capability: { value: 1, source: test, confidence: 1 } }\n  - { id: tr",
  )
  .replace(
    "issues:",
    `  - { id: de, name: Germany, kind: state, roles: [party, guarantor], capability: { value: 1, source: test, confidence: 1 } }
  - { id: osce, name: OSCE, kind: organisation, roles: [monitor], capability: { value: 1, source: test, confidence: 1 } }
issues:`,
  )
  .concat(`mechanisms:
  - id: coalition
    name: Coalition
    guarantors: [ru, de]
    rule: { type: unanimity }
    accusedVote: votes
    consultationHours: 72
agreement:
  id: deal
  title: Test deal
  source: test
  commitments:
    - id: ceasefire
      title: Ceasefire
      obligors: [ua, ru]
      kind: ongoing
      start: { at: "2026-11-01T00:00Z" }
      indicator: { metric: ceasefire-violations }
      monitors: [osce]
      onBreach: { mechanism: coalition }
      source: test
    - id: pullback
      title: Pullback
      obligors: [ru]
      start: { at: "2026-11-01T00:00Z" }
      deadline: { at: "2026-11-05T00:00Z" }
      indicator: { metric: heavy-weapons-in-zone }
      monitors: [osce]
      source: test
  jointCommission: { id: jcc, name: Joint commission, members: [ua, ru, osce] }
`);

/**
 * The platform fixture plus a negotiation on MONITORED_YAML with a delegation of ua and of ru (a
 * guarantor), a mediator, a monitor and an observer. The clock is set to 08:00Z on 1 Nov 2026.
 * Requests go to the fixture's app, which serves the monitoring routes and stream like any other.
 */
export async function makeMonitoringFixture(): Promise<{
  f: Fixture;
  negotiationId: number;
  scenarioId: number;
  /** The fixture's `request` (kept so callers read as before). */
  request: Fixture["request"];
  /** The fixture's app, for the event stream. */
  monitoring: Hono;
}> {
  const f = await makeFixture();
  f.clock.t = Date.UTC(2026, 10, 1, 8);
  const up = await f.request("POST", "/api/scenarios", "admin", { text: MONITORED_YAML, format: "yaml" });
  if (up.status !== 201) throw new Error(`monitored fixture scenario rejected: ${up.text}`);
  const scenarioId = (up.json as { scenarioId: number }).scenarioId;
  const neg = await f.request("POST", "/api/negotiations", "admin", {
    title: "Monitored talks",
    venue: "Vienna",
    scenarioId,
    scenarioVersion: 1,
  });
  const negotiationId = (neg.json as { id: number }).id;
  const users = (await f.request("GET", "/api/users", "admin")).json as {
    users: Array<{ id: number; name: string }>;
  };
  const uid = (n: string) => users.users.find((u) => u.name === n)!.id;
  const member = async (user: string, role: string, actorId?: string) => {
    const r = await f.request("POST", `/api/negotiations/${negotiationId}/members`, "admin", {
      userId: uid(user),
      role,
      actorId,
    });
    if (r.status >= 300) throw new Error(`monitored fixture membership of ${user} refused: ${r.text}`);
  };
  await member("ua", "delegation", "ua");
  await member("ru", "delegation", "ru");
  await member("mediator", "mediator");
  await member("monitor", "monitor");
  await member("observer", "observer");
  return { f, negotiationId, scenarioId, request: f.request, monitoring: f.app };
}
