import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Fixture } from "../test-support/fixture.js";
import { makeMonitoringFixture } from "../test-support/monitoring-fixture.js";

/**
 * The dashboard's routes on the monitoring fixture (clock 1 Nov 2026 08:00Z; `pullback` of ru due
 * by 5 Nov 00:00Z; the `ceasefire` of ua and ru opens a consultation of the coalition [ru, de],
 * unanimity, on a breach): one call gives the dashboard, alerts follow the caller, filings and
 * imports say what is wrong in words, by line and field.
 */
let f: Fixture;
let api: Fixture["request"];
let id: number;
const base = () => `/api/negotiations/${id}/monitoring`;

interface Dash {
  asOf: number;
  asOfLocal: string;
  publishedOnly: boolean;
  hindsight: boolean;
  commitments: Array<{
    id: string;
    title: string;
    slots: Array<{ obligor: { id: string; name: string }; status: string; local: { deadline?: string } }>;
  }>;
  consultations: Array<{ id: string; status: string; voters: Array<{ id: string; vote?: string }> }>;
  alerts: Array<{ kind: string; commitment?: { id: string }; guarantor?: { id: string }; text: string }>;
  trust: Array<{ party: { id: string }; trust: number; points: unknown[] }>;
}
const dash = async (role: "ua" | "ru" | "mediator" | "observer" | "monitor", query = "") => {
  const r = await api("GET", `${base()}/dashboard${query}`, role);
  expect(r.status, r.text).toBe(200);
  return r.json as Dash;
};
const slot = (d: Dash, c: string, party: string) =>
  d.commitments.find((x) => x.id === c)!.slots.find((s) => s.obligor.id === party)!;

beforeAll(async () => {
  ({ f, negotiationId: id, request: api } = await makeMonitoringFixture());
});
afterAll(() => f.store.db.close());

describe("the dashboard in one call", () => {
  it("gives each commitment's state per party with deadlines on the agreement's clock", async () => {
    const d = await dash("ru");
    expect(slot(d, "pullback", "ru").status).toBe("due");
    expect(slot(d, "pullback", "ru").local.deadline).toBe("2026-11-05T00:00Z");
    expect(slot(d, "ceasefire", "ua")).toMatchObject({ status: "due", obligor: { name: "Ukraine" } });
    expect(d.trust.map((t) => [t.party.id, t.trust])).toEqual([
      ["ru", 0.5],
      ["ua", 0.5],
    ]);
  });

  it("alerts a party to its own deadline within the next days, and not the other party", async () => {
    const ru = await dash("ru");
    expect(ru.alerts).toContainEqual(
      expect.objectContaining({ kind: "due-soon", commitment: { id: "pullback", name: "Pullback" } }),
    );
    const ua = await dash("ua");
    expect(ua.alerts.filter((a) => a.kind === "due-soon")).toEqual([]);
    expect((await dash("ru", "?alertDays=2")).alerts.filter((a) => a.kind === "due-soon")).toEqual([]);
  });

  it("after a verified breach: everyone sees it, the guarantor sees the vote it owes until it votes", async () => {
    const filed = await api("POST", `${base()}/reports`, "monitor", {
      events: [
        {
          kind: "report",
          id: "b-1",
          time: "2026-11-01T06:00Z",
          by: "osce",
          type: "ceasefire-violation",
          party: "ru",
          confidence: 0.9,
          published: true,
        },
      ],
    });
    expect(filed.status, filed.text).toBe(201);
    const ru = await dash("ru");
    expect(slot(ru, "ceasefire", "ru").status).toBe("violated");
    expect(ru.consultations[0]).toMatchObject({ id: "ceasefire:ru:1", status: "open" });
    expect(ru.alerts.map((a) => a.kind)).toEqual(expect.arrayContaining(["breach", "vote-waiting"]));
    expect(ru.alerts.find((a) => a.kind === "vote-waiting")!.guarantor!.id).toBe("ru");
    const ua = await dash("ua");
    expect(ua.alerts.map((a) => a.kind)).toContain("breach");
    expect(ua.alerts.map((a) => a.kind)).not.toContain("vote-waiting");
    const alerts = (await api("GET", `${base()}/alerts`, "ru")).json as { alerts: Dash["alerts"] };
    expect(alerts.alerts.map((a) => a.kind)).toContain("vote-waiting");

    await api("POST", `${base()}/votes`, "ru", {
      events: [
        {
          kind: "vote",
          id: "v-1",
          time: "2026-11-01T07:00Z",
          by: "ru",
          consultation: "ceasefire:ru:1",
          vote: "no",
        },
      ],
    });
    const after = await dash("ru");
    expect(after.alerts.map((a) => a.kind)).not.toContain("vote-waiting");
    expect(after.consultations[0]!.voters).toEqual([
      { id: "ru", name: "Russia", vote: "no" },
      { id: "de", name: "Germany" },
    ]);
  });

  it("replays to a moment: what was known then, or with hindsight everything filed since", async () => {
    // b-1 happened at 06:00 but was filed at 08:00: at 07:00 nobody knew of it yet.
    const then = await dash("ua", "?asOf=2026-11-01T07:00Z");
    expect(then.asOfLocal).toBe("2026-11-01T07:00Z");
    expect(slot(then, "ceasefire", "ru").status).toBe("due");
    const hindsight = await dash("ua", "?asOf=2026-11-01T07:00Z&hindsight=true");
    expect(hindsight.hindsight).toBe(true);
    expect(slot(hindsight, "ceasefire", "ru").status).toBe("violated");
  });

  it("gives observers the state from published findings only", async () => {
    expect((await dash("observer")).publishedOnly).toBe(true);
    expect((await dash("ua")).publishedOnly).toBe(false);
  });

  it("refuses a moment it cannot read, naming the parameter", async () => {
    const r = await api("GET", `${base()}/dashboard?asOf=yesterday`, "ua");
    expect(r.status).toBe(400);
    expect(r.text).toContain("query.asOf");
  });
});

describe("filing errors in words", () => {
  it("names the event and the commitment, not an index", async () => {
    const r = await api("POST", `${base()}/notifications`, "ua", {
      events: [
        { kind: "declaration", id: "d-1", time: "2026-11-01T07:00Z", by: "ua", commitment: "pullbak" },
        { kind: "declaration", id: "d-2", time: "2026-11-01T07:00Z", by: "ua", commitment: "pullback" },
      ],
    });
    expect(r.status).toBe(400);
    const issues = (r.json as { error: { issues: Array<{ path: string; message: string }> } }).error.issues;
    expect(issues[0]).toEqual({
      path: "body.events.0.commitment",
      message:
        "event 1 (declaration 'd-1'): there is no commitment 'pullbak' in Test deal; its commitments are: Ceasefire (ceasefire); Pullback (pullback)",
    });
    expect(issues[1]!.message).toBe(
      "event 2 (declaration 'd-2'): Ukraine cannot declare Pullback met: it is not one of its obligors",
    );
  });
});

describe("importing an event file", () => {
  const csv = (rows: string[]) =>
    ["kind,id,time,by,type,commitment,party,confidence,published", ...rows].join("\n");

  it("lists every error by line and field and stores nothing", async () => {
    const before = ((await api("GET", `${base()}/events`, "ua")).json as { events: unknown[] }).events.length;
    const r = await api("POST", `${base()}/import`, "monitor", {
      format: "csv",
      file: "week-45.csv",
      text: csv([
        "report,i-1,2026-11-01T05:00Z,osce,ceasefire-violation,,ru,0.9,true",
        "report,i-2,2026-11-01T05:00Z,osce,ceasefire-violation,,ru,3,true",
        "report,i-3,2026-11-01T05:00Z,osce,weapon-sighting,pulback,ru,0.9,true",
        "report,i-4,2026-11-09T05:00Z,osce,ceasefire-violation,,ua,0.9,true",
      ]),
    });
    expect(r.status).toBe(400);
    const issues = (r.json as { error: { issues: Array<{ line: number; path: string; message: string }> } })
      .error.issues;
    expect(issues.map((i) => [i.line, i.path])).toEqual([[3, "confidence"]]);
    expect(r.text).toContain("week-45.csv: 1 error");
    // Once the file parses, the checks against the agreement and the clock, by line too.
    const r2 = await api("POST", `${base()}/import`, "monitor", {
      format: "csv",
      text: csv([
        "report,i-1,2026-11-01T05:00Z,osce,ceasefire-violation,,ru,0.9,true",
        "report,i-3,2026-11-01T05:00Z,osce,weapon-sighting,pulback,ru,0.9,true",
        "report,i-4,2026-11-09T05:00Z,osce,ceasefire-violation,,ua,0.9,true",
      ]),
    });
    expect(r2.status).toBe(400);
    const issues2 = (r2.json as { error: { issues: Array<{ line: number; path: string; message: string }> } })
      .error.issues;
    expect(issues2.map((i) => [i.line, i.path])).toEqual([
      [3, "commitment"],
      [4, "time"],
    ]);
    expect(issues2[0]!.message).toContain("line 3 (report 'i-3'): there is no commitment 'pulback'");
    const after = ((await api("GET", `${base()}/events`, "ua")).json as { events: unknown[] }).events.length;
    expect(after).toBe(before);
  });

  it("refuses the events the caller may not file, by line", async () => {
    const r = await api("POST", `${base()}/import`, "ua", {
      format: "json",
      text: JSON.stringify([
        { kind: "declaration", id: "j-1", time: "2026-11-01T07:00Z", by: "ua", commitment: "ceasefire" },
        { kind: "report", id: "j-2", time: "2026-11-01T07:00Z", by: "osce", type: "other", confidence: 1 },
      ]),
    });
    expect(r.status).toBe(403);
    const issues = (r.json as { error: { issues: Array<{ line: number; message: string }> } }).error.issues;
    expect(issues).toEqual([
      {
        path: "",
        line: 1,
        message: "line 1 (report 'j-2'): only a monitor of 'osce' may file a report in its name",
      },
    ]);
  });

  it("checks without storing on a dry run, then imports all and the dashboard shows it", async () => {
    const text = csv(["report,k-1,2026-11-01T07:30Z,osce,compliance-verified,pullback,ru,0.9,true"]);
    const dry = await api("POST", `${base()}/import`, "monitor", { format: "csv", text, dryRun: true });
    expect(dry.json).toEqual({ accepted: 1, dryRun: true, changes: [] });
    expect(slot(await dash("ua"), "pullback", "ru").status).toBe("due");
    const real = await api("POST", `${base()}/import`, "monitor", { format: "csv", text });
    expect(real.status, real.text).toBe(201);
    expect(slot(await dash("ua"), "pullback", "ru").status).toBe("verified");
    const again = await api("POST", `${base()}/import`, "monitor", { format: "csv", text });
    expect(again.status).toBe(400);
    expect(again.text).toContain("duplicate event id 'k-1'");
  });
});

describe("alerts on the live stream", () => {
  it("sends the guarantor an alert when a breach opens a consultation awaiting its vote", async () => {
    const res = await f.app.request(`${base()}/stream`, {
      headers: { authorization: `Bearer ${f.tokens.ru}` },
    });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = "";
    while (!text.includes("event: ready")) text += decoder.decode((await reader.read()).value);
    const post = await api("POST", `${base()}/reports`, "monitor", {
      events: [
        {
          kind: "report",
          id: "s-ua-1",
          time: "2026-11-01T07:45Z",
          by: "osce",
          type: "ceasefire-violation",
          party: "ua",
          confidence: 0.9,
        },
      ],
    });
    expect(post.status, post.text).toBe(201);
    while (!text.includes('"kind":"vote-waiting"')) text += decoder.decode((await reader.read()).value);
    while (!text.endsWith("\n\n")) text += decoder.decode((await reader.read()).value);
    await reader.cancel();
    expect(text).toContain("event: alert");
    expect(text).toContain('event: filed\ndata: {"events":["s-ua-1"]}');
    expect(text).toContain('"kind":"breach"');
    expect(text).toContain("Russia's vote is awaited in the consultation on Ceasefire (Ukraine)");
  });
});
