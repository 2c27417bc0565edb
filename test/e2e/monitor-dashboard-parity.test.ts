import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Fixture } from "../../packages/server/src/test-support/fixture.js";
import { makeFixture } from "../../packages/server/src/test-support/fixture.js";
import { repoRoot, runMonitorAsOf } from "./run-cli.js";

/**
 * The dashboard the web app shows and `entente monitor --as-of` are one computation: Minsk II's
 * events imported through the API's import route (each filer its own rows) give, at three moments,
 * the same state for every commitment and obligor, the same trust series and parties' figures,
 * benefits, consultations and notification checks as the CLI run on the same file.
 */
const scenarioFile = join(repoRoot, "scenarios/minsk-ii.yaml");
const eventsFile = join(repoRoot, "scenarios/minsk-ii-events.csv");
// Kyiv wall-clock moments: after the first reports, after the pullback deadlines and the ruling,
// and after the autumn notification checks. None falls between r-010's time and its recording
// (5 Mar 09:00–13:00), the only window where "as known then" and hindsight differ for this file.
const MOMENTS = ["2015-02-20T00:00", "2015-03-14T12:00", "2015-10-31T00:00"];

let f: Fixture;
let id: number;

interface CliView {
  report: {
    slots: Array<{ commitment: string; obligor: string; status: string; since?: number; deadline?: number }>;
    consultations: Array<{ id: string; status: string }>;
    benefits: Array<{ id: string; status: string }>;
  };
  notifications: Array<{ kind: string; party: string; at: number }>;
  trust: Array<{ party: string; points: Array<{ at: number; trust: number }> }>;
  parties: Array<{ party: string; trust: number; counts: Record<string, number> }>;
}
interface Dash {
  commitments: Array<{
    id: string;
    slots: Array<{ obligor: { id: string }; status: string; since?: number; deadline?: number }>;
  }>;
  consultations: Array<{ id: string; status: string }>;
  benefits: Array<{ id: string; status: string }>;
  notificationFindings: Array<{ kind: string; party: { id: string }; at: number }>;
  trust: Array<{ party: { id: string }; points: Array<{ at: number; trust: number }> }>;
  parties: Array<{ party: { id: string }; trust: number; counts: Record<string, number> }>;
}

beforeAll(async () => {
  f = await makeFixture();
  const up = await f.request("POST", "/api/scenarios", "admin", {
    text: readFileSync(scenarioFile, "utf8"),
    format: "yaml",
  });
  expect(up.status, up.text).toBe(201);
  const neg = await f.request("POST", "/api/negotiations", "admin", {
    title: "Minsk II monitoring",
    venue: "Minsk",
    scenarioId: (up.json as { scenarioId: number }).scenarioId,
    scenarioVersion: 1,
  });
  id = (neg.json as { id: number }).id;
  const users = (await f.request("GET", "/api/users", "admin")).json as {
    users: Array<{ id: number; name: string }>;
  };
  const uid = (n: string) => users.users.find((u) => u.name === n)!.id;
  for (const [user, role, actorId] of [
    ["ua", "delegation", "ua"],
    ["ru", "delegation", "cadlr"],
    ["monitor", "monitor", undefined],
  ] as const) {
    const r = await f.request("POST", `/api/negotiations/${id}/members`, "admin", {
      userId: uid(user),
      role,
      ...(actorId ? { actorId } : {}),
    });
    expect(r.status, r.text).toBe(201);
  }
});
afterAll(() => f.store.db.close());

describe("Minsk II through the import route, against entente monitor --as-of", () => {
  const text = readFileSync(eventsFile, "utf8");
  const lines = text.split("\n");
  const header = lines.find((l) => l.startsWith("kind,"))!;
  const rows = lines.filter((l) => /^[a-z]+,/.test(l) && l !== header);
  const byOf = (row: string) => row.split(",")[5]!;

  it("refuses the monitor's import of the whole file, naming each row it may not file by line", async () => {
    const r = await f.request("POST", `/api/negotiations/${id}/monitoring/import`, "monitor", {
      format: "csv",
      file: "minsk-ii-events.csv",
      text,
    });
    expect(r.status).toBe(403);
    const issues = (r.json as { error: { issues: Array<{ line: number; message: string }> } }).error.issues;
    const foreign = lines
      .map((l, i) => ({ l, line: i + 1 }))
      .filter(({ l }) => /^[a-z]+,/.test(l) && l !== header && !["osce", "tcg"].includes(byOf(l)));
    expect(issues.map((i) => i.line)).toEqual(foreign.map((x) => x.line));
    expect(issues[0]!.message).toMatch(/^line \d+ \(declaration 'd-001'\): only the delegation of 'cadlr'/);
  });

  it("accepts each filer's own rows", async () => {
    for (const [role, filers] of [
      ["monitor", ["osce", "tcg"]],
      ["ru", ["cadlr"]],
      ["ua", ["ua"]],
    ] as const) {
      const mine = rows.filter((r) => (filers as readonly string[]).includes(byOf(r)));
      const r = await f.request("POST", `/api/negotiations/${id}/monitoring/import`, role, {
        format: "csv",
        text: [header, ...mine].join("\n"),
      });
      expect(r.status, r.text).toBe(201);
      expect((r.json as { accepted: number }).accepted).toBe(mine.length);
    }
  });

  for (const moment of MOMENTS)
    it(`shows what the CLI prints as of ${moment} (Kyiv)`, async () => {
      const cli = runMonitorAsOf(scenarioFile, eventsFile, moment);
      expect(cli.exitCode, cli.stderr).toBe(0);
      const view = JSON.parse(cli.stdout) as CliView;
      const r = await f.request(
        "GET",
        `/api/negotiations/${id}/monitoring/dashboard?asOf=${encodeURIComponent(moment)}&hindsight=true`,
        "ua",
      );
      expect(r.status, r.text).toBe(200);
      const dash = r.json as Dash;
      const slots = dash.commitments.flatMap((c) =>
        c.slots.map((s) => ({
          commitment: c.id,
          obligor: s.obligor.id,
          status: s.status,
          since: s.since,
          deadline: s.deadline,
        })),
      );
      const key = (s: { commitment: string; obligor: string }) => `${s.commitment}/${s.obligor}`;
      const sorted = <T extends { commitment: string; obligor: string }>(xs: T[]) =>
        [...xs].sort((a, b) => key(a).localeCompare(key(b)));
      expect(sorted(slots)).toEqual(
        sorted(
          view.report.slots.map((s) => ({
            commitment: s.commitment,
            obligor: s.obligor,
            status: s.status,
            since: s.since,
            deadline: s.deadline,
          })),
        ),
      );
      expect(dash.trust.map((t) => ({ party: t.party.id, points: t.points }))).toEqual(view.trust);
      expect(dash.parties.map((p) => ({ party: p.party.id, trust: p.trust, counts: p.counts }))).toEqual(
        view.parties,
      );
      expect(dash.benefits.map((b) => [b.id, b.status]).sort()).toEqual(
        view.report.benefits.map((b) => [b.id, b.status]).sort(),
      );
      expect(dash.consultations.map((c) => [c.id, c.status])).toEqual(
        view.report.consultations.map((c) => [c.id, c.status]),
      );
      expect(dash.notificationFindings.map((n) => [n.kind, n.party.id, n.at])).toEqual(
        view.notifications.map((n) => [n.kind, n.party, n.at]),
      );
      // Something happened by each moment, so equality is not of two empty dashboards.
      expect(slots.some((s) => s.status !== "pending" && s.status !== "due")).toBe(true);
    });
});
