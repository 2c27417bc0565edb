import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Fixture, Role } from "./test-support/fixture.js";
import { makeMonitoringFixture } from "./test-support/monitoring-fixture.js";

/**
 * Issue 18, the negotiation from first round to signed agreement through the API: a single
 * negotiating text with amendments and its history; every proposal rated for the delegation alone
 * against its own lodged positions, and a red-line check before tabling; the mediator's aggregate
 * "why is there no zone", charged to the disclosure budget; conclusion by secret acceptance
 * recording the agreement, which monitoring then follows; and the live stream of the record.
 * One negotiation on MONITORED_YAML (ua, ru; troops none < monitors < brigade; sanctions kept <
 * eased < lifted) with an agreement template of two commitments (ceasefire, pullback).
 */
let f: Fixture;
let id: number;
const n = () => `/api/negotiations/${id}`;
const SECRET = "UA-PRIVATE-NOTE-91b2";
const OTHERS: Role[] = ["admin", "ru", "mediator", "monitor", "observer", "outsider"];
let textProposal = 0;
let amendment = 0;

beforeAll(async () => {
  const m = await makeMonitoringFixture();
  f = m.f;
  id = m.negotiationId;
  await f.request("POST", `${n()}/rounds`, "mediator", { label: "Round 1" });
});
afterAll(() => f.store.db.close());

type Json = Record<string, unknown>;

describe("the single negotiating text", () => {
  it("refuses an amendment before there is a text", async () => {
    const r = await f.request("POST", `${n()}/text/amendments`, "ua", {
      changes: { troops: "none" },
      actorId: "ua",
    });
    expect(r.status).toBe(409);
    expect(r.text).toContain("no negotiating text yet");
  });

  it("takes the mediator's package as the text, amendments to it, and shows its history with what changed", async () => {
    const t1 = await f.request("POST", `${n()}/text`, "mediator", {
      package: { troops: "monitors", sanctions: "eased" },
      note: "the mediator's single text",
    });
    expect(t1.status, t1.text).toBe(201);
    const v1 = t1.json as { version: number; proposalId: number; changes: Json[] };
    expect(v1.version).toBe(1);
    expect(v1.changes.map((c) => c.issue)).toEqual(["troops", "sanctions"]);
    textProposal = v1.proposalId;

    const a = await f.request("POST", `${n()}/text/amendments`, "ua", {
      changes: { troops: "brigade" },
      note: "ua amends troops",
      actorId: "ua",
    });
    expect(a.status, a.text).toBe(201);
    const am = a.json as { id: number; parentId: number; package: Json; changes: Json[] };
    expect(am.parentId).toBe(textProposal);
    expect(am.package).toEqual({ troops: "brigade", sanctions: "eased" });
    expect(am.changes).toEqual([
      {
        issue: "troops",
        issueName: "Foreign troops",
        from: "monitors",
        to: "brigade",
        fromLabel: "Monitors",
        toLabel: "Brigade",
      },
    ]);
    amendment = am.id;

    // Nobody tables in another delegation's name; an amendment must change something.
    expect(
      (
        await f.request("POST", `${n()}/text/amendments`, "ru", {
          changes: { troops: "none" },
          actorId: "ua",
        })
      ).status,
    ).toBe(403);
    expect(
      (await f.request("POST", `${n()}/text/amendments`, "observer", { changes: { troops: "none" } })).status,
    ).toBe(403);
    const same = await f.request("POST", `${n()}/text/amendments`, "ru", {
      changes: { troops: "monitors" },
      actorId: "ru",
    });
    expect(same.status).toBe(400);
    expect(same.text).toContain("changes nothing");
    // Only the mediator (or an admin, for a tabled proposal) adopts the text.
    expect((await f.request("POST", `${n()}/text`, "ua", { proposalId: amendment })).status).toBe(403);

    const t2 = await f.request("POST", `${n()}/text`, "mediator", { proposalId: amendment });
    expect(t2.status, t2.text).toBe(201);
    expect((await f.request("POST", `${n()}/text`, "mediator", { proposalId: amendment })).status).toBe(409);

    const view = (await f.request("GET", `${n()}/text`, "observer")).json as {
      current: { version: number; proposalId: number };
      history: { version: number; changes: Json[]; adoptedBy: string }[];
      amendments: unknown[];
    };
    expect(view.current).toMatchObject({ version: 2, proposalId: amendment });
    expect(view.history.map((h) => h.version)).toEqual([1, 2]);
    expect(view.history[1]!.changes).toEqual([
      expect.objectContaining({ issue: "troops", from: "monitors", to: "brigade" }),
    ]);
    expect(view.history[1]!.adoptedBy).toBe("mediator");
    expect(view.amendments).toEqual([]);
    const log = (await f.request("GET", `${n()}/audit?limit=1000`, "observer")).json as {
      entries: { action: string }[];
    };
    expect(log.entries.filter((e) => e.action === "text.adopt")).toHaveLength(2);
  });
});

describe("errors in words", () => {
  it("names the issue and its options instead of a field path", async () => {
    const r = await f.request("POST", `${n()}/proposals`, "ua", {
      package: { troops: "tanks", sanctions: "kept" },
      actorId: "ua",
    });
    expect(r.status).toBe(400);
    const e = (r.json as { error: { message: string } }).error;
    expect(e.message).toBe('Foreign troops: "tanks" is not one of its options (None; Monitors; Brigade)');
    const p = await f.request("POST", `${n()}/private/ua`, "ua", {
      positions: [
        {
          issue: "sanctions",
          ideal: "kept",
          salience: 1,
          source: "test source",
          confidence: 1,
          redLine: { atLeast: "nothing" },
        },
      ],
    });
    expect(p.status).toBe(400);
    expect((p.json as { error: { message: string } }).error.message).toMatch(
      /^Your position on Sanctions, red line/,
    );
    expect((p.json as { error: { message: string } }).error.message).not.toMatch(/positions\[\d+\]/);
  });
});

describe("ratings, for the delegation alone", () => {
  it("rates every proposal against the delegation's own lodged positions: utility, red lines crossed, BATNA", async () => {
    const lodged = await f.request("POST", `${n()}/private/ua`, "ua", {
      positions: [
        {
          issue: "troops",
          ideal: "brigade",
          salience: 1,
          source: SECRET,
          confidence: 1,
          redLine: { atLeast: "monitors", note: SECRET },
        },
        { issue: "sanctions", ideal: "kept", salience: 0.5, source: SECRET, confidence: 1 },
      ],
      batna: 0.3,
    });
    expect(lodged.status, lodged.text).toBe(201);
    const low = await f.request("POST", `${n()}/proposals`, "ru", {
      package: { troops: "none", sanctions: "lifted" },
      actorId: "ru",
    });
    expect(low.status, low.text).toBe(201);
    const r = await f.request("GET", `${n()}/ratings/ua`, "ua");
    expect(r.status, r.text).toBe(200);
    const body = r.json as {
      basis: string;
      ratings: {
        proposalId: number;
        utility: number;
        batna: number;
        acceptable: boolean;
        redLines: { message: string }[];
      }[];
    };
    expect(body.basis).toBe("private");
    const proposals = (await f.request("GET", `${n()}/proposals`, "ua")).json as {
      proposals: { id: number }[];
    };
    expect(body.ratings.map((x) => x.proposalId)).toEqual(proposals.proposals.map((p) => p.id));
    const byId = new Map(body.ratings.map((x) => [x.proposalId, x]));
    // Brigade and eased: troops at ua's ideal (1), sanctions one of two steps away (0.5), weights 1 and 0.5:
    // (1·1 + 0.5·0.5) / 1.5 = 0.8333 (linear utility, docs/agreement.md).
    expect(byId.get(amendment)!.utility).toBeCloseTo(0.8333, 3);
    expect(byId.get(amendment)!).toMatchObject({ batna: 0.3, acceptable: true, redLines: [] });
    const bad = byId.get((low.json as { id: number }).id)!;
    expect(bad.acceptable).toBe(false);
    expect(bad.redLines.map((x) => x.message)).toEqual([
      "Foreign troops: None is below your red line (at least Monitors)",
    ]);
    // ru has lodged nothing: its ratings use the public positions, and say so.
    expect(((await f.request("GET", `${n()}/ratings/ru`, "ru")).json as { basis: string }).basis).toBe(
      "public",
    );
  });

  it("is refused to every other role and account, and no answer carries ua's private strings", async () => {
    for (const role of OTHERS) {
      for (const [method, path, body] of [
        ["GET", `${n()}/ratings/ua`, undefined],
        ["POST", `${n()}/ratings/ua/check`, { package: { troops: "none", sanctions: "kept" } }],
      ] as const) {
        const r = await f.request(method, path, role, body);
        expect([403, 404], `${role} ${method} ${path}`).toContain(r.status);
        expect(r.text).not.toContain(SECRET);
        expect(r.text).not.toContain("below your red line");
      }
    }
    expect((await f.request("GET", `${n()}/ratings/ua`, "anon")).status).toBe(401);
  });

  it("warns before tabling a package that crosses the delegation's own red line, in words", async () => {
    const warn = await f.request("POST", `${n()}/ratings/ua/check`, "ua", {
      package: { troops: "none", sanctions: "kept" },
    });
    expect(warn.status, warn.text).toBe(200);
    expect((warn.json as { warning: string }).warning).toBe(
      "This package crosses one of your red lines: Foreign troops: None is below your red line (at least Monitors).",
    );
    const fine = await f.request("POST", `${n()}/ratings/ua/check`, "ua", {
      package: { troops: "brigade", sanctions: "kept" },
    });
    expect(fine.json).toMatchObject({ warning: null, acceptable: true, redLines: [] });
    const wrong = await f.request("POST", `${n()}/ratings/ua/check`, "ua", {
      package: { troops: "brigade" },
    });
    expect(wrong.status).toBe(400);
    expect(wrong.text).toContain("Sanctions: every issue must be settled");
  });
});

describe("the mediator's why", () => {
  it("says which issue's red lines block the zone, never whose, and charges the disclosure budget", async () => {
    // ru's line on troops (at most none) and ua's (at least monitors) leave no package acceptable to both.
    // On the disclosure grid troops has only its ends (none, brigade), so a line moves 2 options to open one.
    const ru = await f.request("POST", `${n()}/private/ru`, "ru", {
      positions: [
        {
          issue: "troops",
          ideal: "none",
          salience: 1,
          source: "ru source",
          confidence: 1,
          redLine: { atMost: "none" },
        },
      ],
    });
    expect(ru.status, ru.text).toBe(201);
    const before = (
      (await f.request("GET", `${n()}/mediator/grid`, "mediator")).json as { budget: { spent: number } }
    ).budget.spent;
    const w = await f.request("GET", `${n()}/mediator/why`, "mediator");
    expect(w.status, w.text).toBe(200);
    const why = w.json as {
      exists: boolean;
      summary: string;
      plans: { moves: { issue: string }[]; sentence: string }[];
      budget: { spent: number };
    };
    expect(why.exists).toBe(false);
    expect(why.plans.length).toBeGreaterThan(0);
    expect(why.plans[0]!.moves.map((m) => m.issue)).toEqual(["troops"]);
    expect(why.plans[0]!.sentence).toBe("A zone opens with a red line on Foreign troops moved 2 steps.");
    expect(why.budget.spent - before).toBe(8);
    expect(w.text).not.toMatch(/\bua\b|\bru\b|Ukraine|Russia|ru source/);
    for (const role of ["ua", "ru", "observer", "admin", "monitor"] as const)
      expect((await f.request("GET", `${n()}/mediator/why`, role)).status).toBe(403);
  });
});

describe("conclusion, agreement and monitoring", () => {
  it("refuses to record an agreement before the negotiation concluded", async () => {
    const r = await f.request("POST", `${n()}/agreement`, "mediator", {});
    expect(r.status).toBe(409);
    expect(((await f.request("GET", `${n()}/agreement`, "observer")).json as Json).recorded).toBe(false);
  });

  it("records the accepted package as the agreement with the template's commitments, and monitoring follows it", async () => {
    expect((await f.request("POST", `${n()}/proposals/${amendment}/accept/ua`, "ua")).json).toEqual({
      concluded: false,
    });
    expect(((await f.request("GET", `${n()}/agreement`, "mediator")).json as Json).recorded).toBe(false);
    expect((await f.request("POST", `${n()}/proposals/${amendment}/accept/ru`, "ru")).json).toEqual({
      concluded: true,
    });
    for (const role of ["observer", "monitor", "ua", "admin"] as const) {
      const a = (await f.request("GET", `${n()}/agreement`, role)).json as Json & {
        agreement: { commitments: { id: string }[] };
      };
      expect(a, role).toMatchObject({
        recorded: true,
        version: 1,
        proposalId: amendment,
        package: { troops: "brigade", sanctions: "eased" },
        recordedBy: "system",
      });
      expect(a.agreement.commitments.map((c) => c.id)).toEqual(["ceasefire", "pullback"]);
    }
    const m = (await f.request("GET", `${n()}/monitoring/agreement`, "monitor")).json as Json;
    expect(m).toMatchObject({ recorded: true, proposalId: amendment });
    const c = await f.request("GET", `${n()}/monitoring/compliance`, "monitor");
    expect(c.status, c.text).toBe(200);
    expect(c.text).toContain("pullback");
  });

  it("takes edited commitments as a new version, checked against the scenario, and monitoring follows the edit", async () => {
    const current = (await f.request("GET", `${n()}/agreement`, "mediator")).json as {
      agreement: { commitments: Json[] };
    };
    const bad = await f.request("POST", `${n()}/agreement`, "mediator", {
      commitments: [{ ...current.agreement.commitments[0], obligors: ["nobody"] }],
    });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain("body.commitments");
    expect((await f.request("POST", `${n()}/agreement`, "ua", { commitments: [] })).status).toBe(403);
    const ok = await f.request("POST", `${n()}/agreement`, "mediator", {
      commitments: [current.agreement.commitments[0]],
    });
    expect(ok.status, ok.text).toBe(201);
    expect(ok.json).toMatchObject({ recorded: true, version: 2, recordedBy: "mediator" });
    const c = await f.request("GET", `${n()}/monitoring/compliance`, "monitor");
    expect(c.text).not.toContain("pullback");
    const verify = (await f.request("GET", "/api/audit/verify", "admin")).json as {
      ok: boolean;
      problems: unknown[];
    };
    expect(verify.problems).toEqual([]);
    expect(verify.ok).toBe(true);
  });
});

describe("the live stream", () => {
  async function read(role: Role, query = "") {
    const res = await f.app.request(`${n()}/stream${query}`, {
      headers: { authorization: `Bearer ${f.tokens[role as "ua"]}` },
    });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = "";
    const until = async (s: string) => {
      while (!text.includes(s)) text += decoder.decode((await reader.read()).value);
      while (!text.endsWith("\n\n")) text += decoder.decode((await reader.read()).value);
      return text;
    };
    return { until, cancel: () => reader.cancel() };
  }

  it("pushes a new round and proposal to every member as it is written, and replays from ?after=", async () => {
    const obs = await read("observer");
    await obs.until("event: ready");
    const r = await f.request("POST", `${n()}/rounds`, "mediator", {
      label: "Round 2",
      deadline: "2026-11-02T18:00:00+02:00",
    });
    expect(r.status, r.text).toBe(201);
    const p = await f.request("POST", `${n()}/proposals`, "ru", {
      package: { troops: "monitors", sanctions: "lifted" },
      actorId: "ru",
    });
    const pid = (p.json as { id: number }).id;
    const all = await obs.until(`proposal:${pid}`);
    expect(all).toContain("event: round");
    expect(all).toContain("event: proposal");
    await obs.cancel();
    const seq = Number(/"seq":(\d+),[^\n]*"action":"round.open"/.exec(all)?.[1]);
    expect(seq).toBeGreaterThan(0);
    const again = await read("ua", `?after=${seq - 1}`);
    const replay = await again.until(`proposal:${pid}`);
    expect(replay).toContain("event: round");
    await again.cancel();
    expect(
      (await f.app.request(`${n()}/stream`, { headers: { authorization: `Bearer ${f.tokens.outsider}` } }))
        .status,
    ).toBe(404);
    expect((await f.app.request(`${n()}/stream`)).status).toBe(401);
  });
});

describe("the live stream at a round's deadline", () => {
  it("sends a round event when the open round reaches its deadline, with no write", async () => {
    // The fixture's clock stands still; the stream's timer waits for the real time left (1.5 s).
    const deadline = new Date(f.clock.t + 1500).toISOString();
    const r = await f.request("POST", `${n()}/rounds`, "mediator", { label: "Short", deadline });
    expect(r.status, r.text).toBe(201);
    const number = (r.json as { number: number }).number;
    const res = await f.app.request(`${n()}/stream`, { headers: { authorization: `Bearer ${f.tokens.ua}` } });
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = "";
    const wanted = `{"number":${number},"closedBy":"deadline","closedAt":"${deadline}"}`;
    const t0 = Date.now();
    while (!text.includes(wanted) && Date.now() - t0 < 5000)
      text += decoder.decode((await reader.read()).value);
    await reader.cancel();
    expect(text).toContain(wanted);
  });
});
