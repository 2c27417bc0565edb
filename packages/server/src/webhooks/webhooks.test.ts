import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { openPostgres, Store, testDbKind } from "@entente/store";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../app.js";
import type { Fixture } from "../test-support/fixture.js";
import { makeMonitoringFixture } from "../test-support/monitoring-fixture.js";
import type { Resolver } from "./address-guard.js";
import { WebhookDispatcher } from "./dispatcher.js";
import { verifyWebhook, WEBHOOK_HEADERS } from "./signature.js";

/**
 * Webhooks against a local receiver (the dispatcher allows loopback here, as an operator would with
 * ENTENTE_WEBHOOK_ALLOW_PRIVATE=1): every delivery signed, retried after the receiver was down and
 * then failing, delivered exactly once when it comes back, and nothing private in any payload.
 */
const PRIVATE_MARKERS = ["PRIV-POS-93kd", "SCORE-NOTE-18xq", "PROPOSAL-NOTE-55zp", "DRAFT-REPORT-71mc"];

interface Received {
  deliveryId: string;
  event: string;
  signature: string;
  body: string;
  answered: number;
}

/** A receiver on 127.0.0.1 whose answers the test scripts: `answer()` gives the next status. */
async function receiver(port = 0, answer: () => number = () => 200, redirectTo?: string) {
  const got: Received[] = [];
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = "";
    req.on("data", (c) => {
      body += c;
    });
    req.on("end", () => {
      const status = answer();
      got.push({
        deliveryId: String(req.headers[WEBHOOK_HEADERS.delivery.toLowerCase()]),
        event: String(req.headers[WEBHOOK_HEADERS.event.toLowerCase()]),
        signature: String(req.headers[WEBHOOK_HEADERS.signature.toLowerCase()]),
        body,
        answered: status,
      });
      if (redirectTo) res.setHeader("location", redirectTo);
      res.statusCode = status;
      res.end("ok");
    });
  });
  await new Promise<void>((r) => server.listen(port, "127.0.0.1", r));
  const close = () => new Promise<void>((r) => server.close(() => r()));
  return { got, port: (server.address() as AddressInfo).port, close };
}

let f: Fixture;
let negotiationId: number;
let admin: (
  method: string,
  path: string,
  body?: unknown,
) => Promise<{ status: number; json: unknown; text: string }>;

beforeAll(async () => {
  const m = await makeMonitoringFixture();
  f = m.f;
  negotiationId = m.negotiationId;
  // The same store behind an app whose operator allows loopback receivers.
  const { app } = createApp({
    store: f.store,
    now: () => new Date(f.clock.t),
    passwordCost: { memoryKiB: 64, iterations: 1 },
    webhookAllowPrivate: true,
  });
  admin = async (method, path, body) => {
    const res = await app.request(path, {
      method,
      headers: {
        authorization: `Bearer ${f.tokens.admin}`,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, json: text ? JSON.parse(text) : undefined, text };
  };
});
afterAll(() => f.store.db.close());

describe("webhook delivery to a local receiver", () => {
  it("signs every delivery, retries after failures, and delivers each event once when the receiver is back", async () => {
    // A port that refuses connections at first: the receiver is down.
    const probe = await receiver();
    const port = probe.port;
    await probe.close();
    const made = await admin("POST", `/api/negotiations/${negotiationId}/webhooks`, {
      url: `http://127.0.0.1:${port}/hook`,
    });
    expect(made.status, made.text).toBe(201);
    const { secret, webhook } = made.json as { secret: string; webhook: { id: number } };
    expect(secret).toMatch(/^whsec_/);
    const listed = await admin("GET", `/api/negotiations/${negotiationId}/webhooks`);
    expect(listed.text).not.toContain(secret);

    // The talks go on: private data with markers, public steps, a published breach, a vote.
    const base = `/api/negotiations/${negotiationId}`;
    const steps = [
      await f.request("POST", `${base}/private/ua`, "ua", {
        positions: [
          {
            issue: "troops",
            ideal: "brigade",
            salience: 1,
            source: PRIVATE_MARKERS[0],
            confidence: 1,
            redLine: { atLeast: "monitors", note: PRIVATE_MARKERS[0] },
          },
        ],
      }),
      await f.request("POST", `${base}/rounds`, "mediator", { label: "Second round" }),
      await f.request("POST", `${base}/proposals`, "mediator", {
        package: { troops: "monitors", sanctions: "eased" },
        note: PRIVATE_MARKERS[2],
      }),
      await f.request("POST", `${base}/monitoring/reports`, "monitor", {
        events: [
          {
            kind: "report",
            id: "w-1",
            time: "2026-11-01T06:00Z",
            by: "osce",
            type: "ceasefire-violation",
            party: "ru",
            confidence: 0.9,
            published: true,
          },
          {
            kind: "report",
            id: "w-2",
            time: "2026-11-01T06:30Z",
            by: "osce",
            type: "ceasefire-violation",
            party: "ua",
            confidence: 0.9,
            note: PRIVATE_MARKERS[3],
            published: false,
          },
        ],
      }),
      await f.request("POST", `${base}/monitoring/votes`, "ru", {
        events: [
          {
            kind: "vote",
            id: "w-v1",
            time: "2026-11-01T07:00Z",
            by: "ru",
            consultation: "ceasefire:ru:1",
            vote: "no",
          },
        ],
      }),
    ];
    for (const s of steps) expect(s.status, s.text).toBeLessThan(300);
    const proposal = (steps[2]!.json as { id: number }).id;
    const score = await f.request("POST", `${base}/proposals/${proposal}/scores/ua`, "ua", {
      score: 0.4,
      comment: PRIVATE_MARKERS[1],
    });
    expect(score.status, score.text).toBeLessThan(300);

    // The dispatchers' own clock, so that the sessions of the fixture do not expire meanwhile.
    const clock = { t: f.clock.t };
    const d1 = new WebhookDispatcher(f.store, () => new Date(clock.t), {
      allowPrivate: true,
      baseDelayMs: 1000,
      maxAttempts: 10,
      dueHorizonMs: 5 * 86_400_000,
    });
    // A second dispatcher: on PostgreSQL another app server's (its own Store and pool), racing the first.
    let second = f.store;
    if (testDbKind() === "postgres") {
      const [{ db }] = (await f.store.db.query<{ db: string }>("SELECT current_database() AS db")) as [
        { db: string },
      ];
      const u = new URL(process.env.DATABASE_URL!);
      u.pathname = `/${db}`;
      second = new Store(await openPostgres(u.toString()), () => new Date(clock.t), f.store.signer);
    }
    const d2 = new WebhookDispatcher(second, () => new Date(clock.t), {
      allowPrivate: true,
      baseDelayMs: 1000,
      dueHorizonMs: 5 * 86_400_000,
    });

    // Down: every delivery fails once and waits 1 s.
    const first = await d1.tick();
    expect(first).toBeGreaterThanOrEqual(4);
    const pending = (await admin("GET", `${base}/webhooks/${webhook.id}/deliveries`)).json as {
      deliveries: Array<{ status: string; attempts: number; lastError: string | null }>;
    };
    expect(pending.deliveries.every((x) => x.status === "pending" && x.attempts === 1 && x.lastError)).toBe(
      true,
    );
    expect(await d1.tick()).toBe(0); // not due again before its backoff

    // Back, but failing: 500 to the first two requests, then 200.
    let n = 0;
    const rx = await receiver(port, () => (++n <= 2 ? 500 : 200));
    clock.t += 1000;
    await Promise.all([d1.tick(), d2.tick()]);
    clock.t += 2000;
    await Promise.all([d1.tick(), d2.tick()]);
    // Past the consultation's 72 h: it is decided (ru, accused, voted no), announced once.
    clock.t += 4 * 86_400_000;
    await Promise.all([d1.tick(), d2.tick()]);
    await Promise.all([d1.tick(), d2.tick()]);
    await rx.close();
    if (second !== f.store) await second.db.close();

    // Every event delivered exactly once with a 2xx; the two failures retried with the same id.
    const ok = rx.got.filter((g) => g.answered === 200);
    const ids = ok.map((g) => g.deliveryId);
    expect(new Set(ids).size).toBe(ids.length);
    const failedIds = rx.got.filter((g) => g.answered === 500).map((g) => g.deliveryId);
    expect(failedIds).toHaveLength(2);
    for (const id of failedIds) expect(ids).toContain(id);
    const events = ok.map((g) => g.event).sort();
    expect(events).toEqual(
      [
        "breach.found",
        "consultation.decided",
        "consultation.opened",
        "deadline.due",
        "proposal.tabled",
        "round.opened",
      ].sort(),
    );
    const final = (await admin("GET", `${base}/webhooks/${webhook.id}/deliveries`)).json as {
      deliveries: Array<{ status: string; deliveryId: string }>;
    };
    expect(final.deliveries.map((x) => x.status)).toEqual(final.deliveries.map(() => "delivered"));
    expect(final.deliveries.map((x) => x.deliveryId).sort()).toEqual([...ids].sort());

    // Signed: each verifies with the secret; a changed body or another secret does not.
    for (const g of rx.got) {
      // As the receiver would at the moment it got the request (the dispatchers' clock then).
      const now = Number(/^t=(\d+),/.exec(g.signature)![1]);
      expect(verifyWebhook(secret, g.signature, g.body, now + 600, 300)).toBe(
        "timestamp outside the tolerance",
      );
      expect(verifyWebhook(secret, g.signature, g.body, now, 300), g.body).toBeNull();
      expect(verifyWebhook(secret, g.signature, g.body.replace("}", ',"x":1}'), now, 300)).not.toBeNull();
      expect(verifyWebhook(`${secret}x`, g.signature, g.body, now, 300)).not.toBeNull();
      const body = JSON.parse(g.body) as { id: string; event: string; link: string; negotiationId: number };
      expect(body.id).toBe(g.deliveryId);
      expect(body.negotiationId).toBe(negotiationId);
      expect(body.link).toBe(`/#/negotiations/${negotiationId}`);
    }
    // Nothing private or unpublished: no marker, no package, no vote.
    const all = rx.got.map((g) => g.body).join("\n");
    for (const marker of PRIVATE_MARKERS) expect(all).not.toContain(marker);
    expect(all).not.toContain("eased");
    expect(all).not.toMatch(/"vote"|"no"/);
    expect(all).not.toContain("Second round");
    // The breach named is the published one (ru), not the draft about ua.
    expect(ok.find((g) => g.event === "breach.found")!.body).toContain('"party":"ru"');
    expect(ok.filter((g) => g.event === "breach.found")).toHaveLength(1);

    // Later rounds queue nothing again for the same events.
    await d1.feed();
    expect(await d1.deliverDue()).toBe(0);
  });

  it("does not follow a redirect, and checks the address again at every delivery", async () => {
    const target = await receiver();
    const hop = await receiver(0, () => 302, `http://127.0.0.1:${target.port}/`);
    const made = await admin("POST", `/api/negotiations/${negotiationId}/webhooks`, {
      url: `http://127.0.0.1:${hop.port}/`,
      events: ["round.opened"],
    });
    expect(made.status, made.text).toBe(201);
    const hookId = (made.json as { webhook: { id: number } }).webhook.id;
    // A name that resolved to a public address when it was configured now resolves to loopback.
    let flip = "93.184.216.34";
    const resolver: Resolver = async () => [{ address: flip, family: 4 }];
    const { app } = createApp({
      store: f.store,
      now: () => new Date(f.clock.t),
      passwordCost: { memoryKiB: 64, iterations: 1 },
      webhookResolver: resolver,
    });
    const r = await app.request(`/api/negotiations/${negotiationId}/webhooks`, {
      method: "POST",
      headers: { authorization: `Bearer ${f.tokens.admin}`, "content-type": "application/json" },
      body: JSON.stringify({ url: `http://flip.example:${target.port}/`, events: ["round.opened"] }),
    });
    expect(r.status).toBe(201);
    flip = "127.0.0.1";
    await f.request("POST", `/api/negotiations/${negotiationId}/rounds`, "mediator", { label: "Third" });
    const strict = new WebhookDispatcher(f.store, () => new Date(f.clock.t), {
      allowPrivate: false,
      resolver,
    });
    await strict.tick();
    const lenient = new WebhookDispatcher(f.store, () => new Date(f.clock.t), { allowPrivate: true });
    f.clock.t += 3_600_000;
    await lenient.tick();
    expect(hop.got.length).toBeGreaterThan(0);
    expect(target.got).toHaveLength(0); // neither the redirect nor the rebinding reached it
    const del = (await admin("GET", `/api/negotiations/${negotiationId}/webhooks/${hookId}/deliveries`))
      .json as {
      deliveries: Array<{ status: string; lastError: string }>;
    };
    expect(del.deliveries[0]!.status).toBe("pending");
    expect(del.deliveries[0]!.lastError).toContain("redirects are not followed");
    await hop.close();
    await target.close();
  });
});

describe("webhook URLs an operator has not allowed", () => {
  const resolver: Resolver = async (host) => {
    const table: Record<string, string[]> = {
      localhost: ["127.0.0.1", "::1"],
      "loop.example": ["127.0.0.1"],
      "mixed.example": ["93.184.216.34", "10.0.0.7"],
      "meta.example": ["169.254.169.254"],
      "v6.example": ["fd00::1"],
      "public.example": ["93.184.216.34"],
    };
    const a = table[host];
    if (!a) throw new Error("ENOTFOUND");
    return a.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
  };
  const hostile = [
    "http://127.0.0.1/",
    "http://127.0.0.1:8787/api/users",
    "http://[::1]/",
    "http://10.1.2.3/",
    "http://172.16.0.1/",
    "http://192.168.1.1/",
    "http://100.64.0.1/",
    "http://169.254.169.254/latest/meta-data/",
    "http://0.0.0.0/",
    "http://2130706433/",
    "http://0177.0.0.1/",
    "http://0x7f.0.0.1/",
    "http://127.1/",
    "http://017700000001/",
    "http://[::ffff:127.0.0.1]/",
    "http://[::ffff:a9fe:a9fe]/",
    "http://[fe80::1]/",
    "http://[fd12::1]/",
    "http://localhost/",
    "http://LOCALHOST./",
    "http://loop.example/",
    "http://mixed.example/",
    "http://meta.example/",
    "http://v6.example/",
    "http://nowhere.example/",
    "ftp://public.example/",
    "file:///etc/passwd",
    "http://user:pw@public.example/",
    "not a url",
  ];
  let app: ReturnType<typeof createApp>["app"];
  beforeAll(() => {
    ({ app } = createApp({
      store: f.store,
      now: () => new Date(f.clock.t),
      passwordCost: { memoryKiB: 64, iterations: 1 },
      webhookResolver: async (h) => resolver(h.toLowerCase().replace(/\.$/, "")),
    }));
  });
  const post = (url: string) =>
    app.request(`/api/negotiations/${negotiationId}/webhooks`, {
      method: "POST",
      headers: { authorization: `Bearer ${f.tokens.admin}`, "content-type": "application/json" },
      body: JSON.stringify({ url }),
    });
  for (const url of hostile)
    it(`refuses ${url}`, async () => {
      const r = await post(url);
      expect(r.status, await r.clone().text()).toBe(400);
      expect(((await r.json()) as { error: { message: string } }).error.message).toMatch(/^body\.url: /);
    });
  it("accepts a public address and a name that resolves only to public addresses", async () => {
    expect((await post("https://93.184.216.34/hook")).status).toBe(201);
    expect((await post("https://public.example/hook")).status).toBe(201);
  });
  it("is for admins only", async () => {
    const r = await app.request(`/api/negotiations/${negotiationId}/webhooks`, {
      method: "POST",
      headers: { authorization: `Bearer ${f.tokens.mediator}`, "content-type": "application/json" },
      body: JSON.stringify({ url: "https://public.example/hook" }),
    });
    expect(r.status).toBe(403);
  });
});
