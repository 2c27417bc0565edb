import { xlsxToTables } from "@entente/sheets";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Fixture } from "../test-support/fixture.js";
import { makeMonitoringFixture } from "../test-support/monitoring-fixture.js";

/**
 * Exports: each table read back (the .xlsx through exceljs) equals what the JSON routes answer the
 * same caller, and nobody gets more than those routes give: one's own scores only, and an
 * observer's compliance from published findings only.
 */
let f: Fixture;
let id: number;
const RU_NOTE = "RU-ONLY-SCORE-5v1";
const DRAFT = "r-draft-export";
type Out = { fileName: string; encoding: "base64" | "utf-8"; content: string; rows: number };
const exp = async (role: Parameters<Fixture["request"]>[2], what: string, format = "xlsx") => {
  const r = await f.request("GET", `/api/negotiations/${id}/export/${what}?format=${format}`, role);
  return { status: r.status, out: r.json as Out, text: r.text };
};
const sheet = async (o: Out) => (await xlsxToTables(Buffer.from(o.content, "base64")))[0]!;

beforeAll(async () => {
  const m = await makeMonitoringFixture();
  f = m.f;
  id = m.negotiationId;
  const base = `/api/negotiations/${id}`;
  const steps = [
    await f.request("POST", `${base}/rounds`, "mediator", { label: "One" }),
    await f.request("POST", `${base}/proposals`, "mediator", {
      package: { troops: "monitors", sanctions: "eased" },
    }),
    await f.request("POST", `${base}/proposals`, "ua", {
      package: { troops: "brigade", sanctions: "kept" },
      actorId: "ua",
    }),
    await f.request("POST", `${base}/monitoring/reports`, "monitor", {
      events: [
        {
          kind: "report",
          id: "r-pub",
          time: "2026-11-01T06:00Z",
          by: "osce",
          type: "ceasefire-violation",
          party: "ru",
          confidence: 0.9,
          published: true,
        },
        {
          kind: "report",
          id: DRAFT,
          time: "2026-11-01T06:30Z",
          by: "osce",
          type: "ceasefire-violation",
          party: "ua",
          confidence: 0.9,
          published: false,
        },
      ],
    }),
  ];
  for (const s of steps) expect(s.status, s.text).toBeLessThan(300);
  const p = (steps[1]!.json as { id: number }).id;
  await f.request("POST", `${base}/proposals/${p}/scores/ua`, "ua", { score: 0.25, comment: "ua view" });
  await f.request("POST", `${base}/proposals/${p}/scores/ru`, "ru", { score: 0.75, comment: RU_NOTE });
});
afterAll(() => f.store.db.close());

describe("exports", () => {
  it("writes the proposals as the proposals route lists them, options by label, in .xlsx and CSV", async () => {
    const listed = (await f.request("GET", `/api/negotiations/${id}/proposals`, "observer")).json as {
      proposals: Array<{ id: number; round: number }>;
    };
    const x = await exp("observer", "proposals");
    expect(x.status, x.text).toBe(200);
    expect(x.out.fileName).toBe(`negotiation-${id}-proposals.xlsx`);
    const t = await sheet(x.out);
    expect(t.headers).toEqual([
      "id",
      "round",
      "counter to",
      "author",
      "tabled at",
      "Foreign troops",
      "Sanctions",
      "note",
    ]);
    expect(t.rows.map((r) => r[0])).toEqual(listed.proposals.map((p) => p.id));
    expect(t.rows.map((r) => [r[3], r[5], r[6]])).toEqual([
      ["mediator", "Monitors", "Eased"],
      ["Ukraine", "Brigade", "Kept"],
    ]);
    const c = await exp("observer", "proposals", "csv");
    expect(c.out.encoding).toBe("utf-8");
    expect(c.out.content.split("\r\n")[2]).toContain(",Ukraine,");
  });

  it("gives a delegation its own scores only, and nobody else any", async () => {
    const ua = await exp("ua", "scores");
    expect(ua.status).toBe(200);
    const t = await sheet(ua.out);
    expect(t.rows.map((r) => [r[1], r[2], r[3]])).toEqual([["Ukraine", 0.25, "ua view"]]);
    expect(Buffer.from(ua.out.content, "base64").toString("latin1")).not.toContain(RU_NOTE);
    for (const role of ["mediator", "monitor", "observer", "admin"] as const)
      expect((await exp(role, "scores")).status, role).toBe(403);
    expect((await exp("outsider", "scores")).status).toBe(404);
  });

  it("writes the compliance state as the compliance route has it; an observer's from published findings only", async () => {
    for (const role of ["ua", "observer"] as const) {
      const view = (await f.request("GET", `/api/negotiations/${id}/monitoring/compliance`, role)).json as {
        view: { report: { slots: Array<{ status: string; evidence: string[] }> } };
      };
      const x = await exp(role, "compliance", "csv");
      expect(x.status, x.text).toBe(200);
      const rows = x.out.content.trim().split("\r\n").slice(1);
      expect(rows.map((r) => r.split(",")[2])).toEqual(view.view.report.slots.map((s) => s.status));
      if (role === "observer") expect(x.out.content).not.toContain(DRAFT);
      else expect(x.out.content).toContain(DRAFT);
    }
    const c = await exp("monitor", "commitments");
    const t = await sheet(c.out);
    expect(t.rows.map((r) => `${r[0]}/${r[2]}`)).toEqual([
      "ceasefire/Ukraine",
      "ceasefire/Russia",
      "pullback/Russia",
    ]);
    expect((await exp("outsider", "compliance")).status).toBe(404);
  });
});
