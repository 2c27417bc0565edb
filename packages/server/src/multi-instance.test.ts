import { migrate, openPostgres, Store, testDbKind } from "@entente/store";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "./app.js";
import { hashPassword } from "./auth.js";
import { bootstrap } from "./bootstrap.js";
import type { Fixture } from "./test-support/fixture.js";
import { makeMonitoringFixture } from "./test-support/monitoring-fixture.js";

/**
 * Two server instances on one PostgreSQL database (the second app has its own Store and connection
 * pool, as another process would). Runs in the PostgreSQL pass only.
 */
const onPostgres = testDbKind() === "postgres";

let f: Fixture;
let negotiationId: number;
let other: Store;
let b: ReturnType<typeof createApp>;
let url: string;

beforeAll(async () => {
  if (!onPostgres) return;
  const m = await makeMonitoringFixture();
  f = m.f;
  negotiationId = m.negotiationId;
  const [{ db }] = (await f.store.db.query<{ db: string }>("SELECT current_database() AS db")) as [
    { db: string },
  ];
  const u = new URL(process.env.DATABASE_URL!);
  u.pathname = `/${db}`;
  url = u.toString();
  other = new Store(await openPostgres(url), () => new Date(f.clock.t), f.store.signer);
  b = createApp({
    store: other,
    now: () => new Date(f.clock.t),
    passwordCost: { memoryKiB: 64, iterations: 1 },
  });
}, 120_000);

afterAll(async () => {
  if (!onPostgres) return;
  await other.db.close();
  await f.store.db.close();
});

describe.runIf(onPostgres)("several server instances on one database", () => {
  it("delivers an event filed through instance B to an event stream on instance A within 5 s", async () => {
    const res = await f.app.request(`/api/negotiations/${negotiationId}/monitoring/stream`, {
      headers: { authorization: `Bearer ${f.tokens.mediator}` },
    });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = "";
    while (!text.includes("event: ready")) text += decoder.decode((await reader.read()).value);
    const filed = await b.app.request(`/api/negotiations/${negotiationId}/monitoring/reports`, {
      method: "POST",
      headers: { authorization: `Bearer ${f.tokens.monitor}`, "content-type": "application/json" },
      body: JSON.stringify({
        events: [
          {
            kind: "report",
            id: "across-1",
            time: "2026-11-01T06:00Z",
            by: "osce",
            type: "ceasefire-violation",
            party: "ru",
            confidence: 0.9,
            published: true,
          },
        ],
      }),
    });
    expect(filed.status, await filed.clone().text()).toBeLessThan(300);
    const t0 = performance.now();
    // NOTIFY usually arrives in milliseconds; 5 s is the bound the issue sets, and leaves room for a
    // CI machine running the whole suite at once.
    const deadline = new Promise<"late">((r) => setTimeout(() => r("late"), 5000));
    while (!text.includes("event: change")) {
      const chunk = await Promise.race([reader.read(), deadline]);
      if (chunk === "late") break;
      text += decoder.decode(chunk.value);
    }
    await reader.cancel();
    expect(text).toContain("event: change");
    expect(performance.now() - t0).toBeLessThan(5000);
  });

  it("delivers a proposal tabled through instance B to a negotiation stream on instance A within 5 s (issue 18)", async () => {
    const opened = await b.app.request(`/api/negotiations/${negotiationId}/rounds`, {
      method: "POST",
      headers: { authorization: `Bearer ${f.tokens.mediator}`, "content-type": "application/json" },
      body: JSON.stringify({ label: "Across" }),
    });
    expect(opened.status, await opened.clone().text()).toBe(201);
    const res = await f.app.request(`/api/negotiations/${negotiationId}/stream`, {
      headers: { authorization: `Bearer ${f.tokens.observer}` },
    });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = "";
    while (!text.includes("event: ready")) text += decoder.decode((await reader.read()).value);
    const tabled = await b.app.request(`/api/negotiations/${negotiationId}/proposals`, {
      method: "POST",
      headers: { authorization: `Bearer ${f.tokens.ua}`, "content-type": "application/json" },
      body: JSON.stringify({ package: { troops: "brigade", sanctions: "kept" }, actorId: "ua" }),
    });
    expect(tabled.status, await tabled.clone().text()).toBe(201);
    const id = ((await tabled.json()) as { id: number }).id;
    const t0 = performance.now();
    const deadline = new Promise<"late">((r) => setTimeout(() => r("late"), 5000));
    while (!text.includes(`proposal:${id}`)) {
      const chunk = await Promise.race([reader.read(), deadline]);
      if (chunk === "late") break;
      text += decoder.decode(chunk.value);
    }
    await reader.cancel();
    expect(text).toContain("event: proposal");
    expect(text).toContain(`proposal:${id}`);
    expect(performance.now() - t0).toBeLessThan(5000);
  });

  // Found by the cluster test: each instance caches a negotiation's members for 2 s, so a member
  // added through B was refused by A until A's copy expired.
  it("lets a member added through instance B act through instance A at once (within 1 s, under the 2 s cache)", async () => {
    const cheap = { memoryKiB: 64, iterations: 1 };
    const user = await f.store.createUser(
      { userId: null, userName: "system" },
      "late-joiner",
      await hashPassword("late joiner passphrase", cheap),
      false,
    );
    const signIn = await f.app.request("/api/login", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "late-joiner", password: "late joiner passphrase" }),
    });
    const token = ((await signIn.json()) as { token: string }).token;
    const read = () =>
      f.app.request(`/api/negotiations/${negotiationId}`, { headers: { authorization: `Bearer ${token}` } });
    // A reads (and caches) the member list just before B adds the newcomer.
    expect((await read()).status).toBe(404);
    const added = await b.app.request(`/api/negotiations/${negotiationId}/members`, {
      method: "POST",
      headers: { authorization: `Bearer ${f.tokens.admin}`, "content-type": "application/json" },
      body: JSON.stringify({ userId: user.id, role: "observer" }),
    });
    expect(added.status).toBe(201);
    const t0 = performance.now();
    let status = (await read()).status;
    while (status !== 200 && performance.now() - t0 < 1000) {
      await new Promise((r) => setTimeout(r, 20));
      status = (await read()).status;
    }
    expect(status).toBe(200);
  });

  it("creates one admin however many instances bootstrap at once", async () => {
    const fresh = new URL(url);
    fresh.pathname = `/${fresh.pathname.slice(1)}_boot`;
    const admin = await openPostgres(url);
    await admin.query(`CREATE DATABASE ${fresh.pathname.slice(1)}`);
    await admin.close();
    const stores = await Promise.all(
      [0, 1, 2, 3].map(async () => {
        const c = await openPostgres(fresh.toString());
        await migrate(c);
        return new Store(c);
      }),
    );
    const results = await Promise.all(
      stores.map((s) => bootstrap(s, { passwordCost: { memoryKiB: 64, iterations: 1 } })),
    );
    expect(results.filter((r) => r.admin).length).toBe(1);
    expect(await stores[0]!.countUsers()).toBe(1);
    for (const s of stores) await s.db.close();
  });

  it("answers the readiness route while the database answers", async () => {
    const r = await b.app.request("/api/ready");
    expect(r.status).toBe(200);
    expect(await r.json()).toMatchObject({ ok: true, store: "postgres" });
  });
});

describe("readiness", () => {
  it("fails with 503 while the database does not answer", async () => {
    const { openTestStore } = await import("@entente/store");
    const store = await openTestStore();
    const { app } = createApp({ store });
    expect((await app.request("/api/ready")).status).toBe(200);
    await store.db.close();
    const r = await app.request("/api/ready");
    expect(r.status).toBe(503);
    expect(await r.json()).toMatchObject({ error: { code: "unavailable" } });
  });
});
