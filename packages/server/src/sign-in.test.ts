import { openTestStore, type Store } from "@entente/store";
import { dictionary } from "@zxcvbn-ts/language-common";
import type { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "./app.js";
import { hashPassword } from "./auth.js";
import { bootstrap } from "./bootstrap.js";
import { DEFAULT_SIGN_IN_POLICY, signInDelaySeconds } from "./rate-limit.js";

const CHEAP = { memoryKiB: 64, iterations: 1 };
const clock = { t: Date.UTC(2026, 10, 1) };
const now = () => new Date(clock.t);
let store: Store;
/** Two app servers over one database, as two instances behind a load balancer would be. */
let apps: Hono[];
let adminPassword: string;

function appOver(s: Store): Hono {
  return createApp({
    store: s,
    now,
    passwordCost: CHEAP,
    // The address a request comes from, set per request by the test.
    clientAddress: (c) => c.req.header("x-test-address") ?? "192.0.2.1",
  }).app;
}

async function call(
  method: string,
  path: string,
  opts: { body?: unknown; token?: string; from?: string; app?: number } = {},
  // biome-ignore lint/suspicious/noExplicitAny: test answers are read field by field
): Promise<{ status: number; json: any; headers: Headers }> {
  const headers: Record<string, string> = { "x-test-address": opts.from ?? "192.0.2.1" };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.body !== undefined) headers["content-type"] = "application/json";
  const res = await apps[opts.app ?? 0]!.request(path, {
    method,
    headers,
    ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined, headers: res.headers };
}

const login = (name: string, password: string, from = "192.0.2.1", app = 0) =>
  call("POST", "/api/login", { body: { name, password }, from, app });

/** Signs in with a one-time password and replaces it, returning a token of the changed account. */
async function adopt(name: string, oneTime: string, newPassword: string): Promise<string> {
  const first = await login(name, oneTime, "198.51.100.77");
  expect(first.status).toBe(200);
  // Until it is changed, a one-time password serves for nothing else.
  const blocked = await call("GET", "/api/scenarios", { token: first.json.token });
  expect(blocked.json.error?.code).toBe("password_change_required");
  const r = await call("POST", "/api/me/password", {
    token: first.json.token,
    body: { currentPassword: oneTime, newPassword },
  });
  expect(r.status).toBe(200);
  return first.json.token;
}

beforeAll(async () => {
  store = await openTestStore(now);
  apps = [appOver(store), appOver(store)];
  adminPassword = (await bootstrap(store, { passwordCost: CHEAP })).admin!.oneTimePassword;
});
afterAll(() => store.db.close());

describe("sign-in throttling (NIST SP 800-63B §5.2.2)", () => {
  it("never locks the rightful owner out: 20 wrong guesses from one address, the right password from another still signs in", async () => {
    // The first start's admin password is a one-time password too (adopt checks it serves nothing else).
    await adopt("admin", adminPassword, "admin owns this pass 1");
    for (let i = 0; i < 20; i++) await login("admin", `guess-${i}-xxxxxxxx`, "203.0.113.9");
    // At 948b4d5: 429 for everyone after 10 failures, from any address, with the right password.
    const owner = await login("admin", "admin owns this pass 1", "198.51.100.20");
    expect(owner.status).toBe(200);
  });

  it("makes the guessing address wait, with delays that grow, even when it then has the right password", async () => {
    const retry = async () => {
      const r = await login("admin", "admin owns this pass 1", "203.0.113.9");
      expect(r.status).toBe(429);
      return Number(r.headers.get("retry-after"));
    };
    const first = await retry();
    clock.t += (first + 1) * 1000;
    await login("admin", "one-more-wrong-guess", "203.0.113.9");
    const second = await retry();
    expect(second).toBeGreaterThan(first);
    expect(second).toBeLessThanOrEqual(DEFAULT_SIGN_IN_POLICY.maxDelaySeconds);
  });

  it("limits one password tried against many names from one address (unknown names included)", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++)
      statuses.push((await login(`user-${i}`, "Summer2026!!x", "203.0.113.50")).status);
    expect(statuses.slice(0, DEFAULT_SIGN_IN_POLICY.freeFailures)).toEqual(Array(5).fill(401));
    expect(statuses.at(-1)).toBe(429);
  });

  it("keeps its counts in the database: another app server over the same store applies them", async () => {
    const r = await login("somebody", "whatever-password", "203.0.113.50", 1);
    expect(r.status).toBe(429);
    expect(Number(r.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("does not count successful sign-ins", async () => {
    for (let i = 0; i < 12; i++)
      expect((await login("admin", "admin owns this pass 1", "198.51.100.21")).status).toBe(200);
  });

  it("grows the delay by doubling after the free failures, up to the cap", () => {
    const p = DEFAULT_SIGN_IN_POLICY;
    expect([5, 6, 7, 8].map((f) => signInDelaySeconds(f, p))).toEqual([0, 1, 2, 4]);
    expect(signInDelaySeconds(100, p)).toBe(p.maxDelaySeconds);
  });
});

describe("sign-in timing", () => {
  it("spends the same hash on an unknown name as on a known one", async () => {
    // A cost high enough for the hash to dominate the request's CPU time (at 948b4d5: 76 ms known,
    // 10 ms unknown in wall time).
    const cost = { memoryKiB: 16384, iterations: 2 };
    const { app } = createApp({
      store,
      now,
      passwordCost: cost,
      clientAddress: (c) => c.req.header("x-test-address") ?? "192.0.2.200",
    });
    await store.createUser(
      { userId: null, userName: "t" },
      "known",
      await hashPassword("known user pass 1", cost),
      false,
    );
    let attempt = 0;
    // CPU time of the process (every thread, the hashing pool's included), not wall time: the hash
    // is the work an attacker times, and CPU time does not swell when the machine is loaded.
    const time = async (name: string) => {
      const t0 = process.cpuUsage();
      await app.request("/api/login", {
        method: "POST",
        // Each attempt from its own address, so that throttling never answers instead of the hash.
        headers: { "content-type": "application/json", "x-test-address": `192.0.2.${100 + attempt++}` },
        body: JSON.stringify({ name, password: "wrong-password-x" }),
      });
      const d = process.cpuUsage(t0);
      return d.user + d.system;
    };
    const known: number[] = [];
    const unknown: number[] = [];
    // Five of each, interleaved, medians compared: one pause of the shared machine does not decide.
    await time("warm-up");
    for (let i = 0; i < 5; i++) {
      known.push(await time("known"));
      unknown.push(await time(`nobody-${i}`));
    }
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    // Measured on CPU time: 0.66–1.0 with the dummy hash; 0.10–0.26 with it removed (as at 948b4d5).
    expect(median(unknown) / median(known)).toBeGreaterThan(0.5);
  });
});

describe("passwords", () => {
  let adminToken: string;
  beforeAll(async () => {
    adminToken = (await login("admin", "admin owns this pass 1", "198.51.100.22")).json.token;
  });

  it("makes a one-time password serve only to choose a new one", async () => {
    const made = await call("POST", "/api/users", { token: adminToken, body: { name: "otp-user" } });
    expect(made.status).toBe(201);
    const otp = made.json.oneTimePassword as string;
    const s = await login("otp-user", otp, "198.51.100.30");
    expect(s.json.user.mustChangePassword).toBe(true);
    const blocked = await call("GET", "/api/negotiations", { token: s.json.token });
    expect(blocked.status).toBe(403);
    expect(blocked.json.error.code).toBe("password_change_required");
    expect((await call("GET", "/api/me", { token: s.json.token })).status).toBe(200);
    const changed = await call("POST", "/api/me/password", {
      token: s.json.token,
      body: { currentPassword: otp, newPassword: "my very own passphrase" },
    });
    expect(changed.status).toBe(200);
    expect((await call("GET", "/api/negotiations", { token: s.json.token })).status).toBe(200);
    expect((await login("otp-user", otp, "198.51.100.30")).status).toBe(401);
    expect((await login("otp-user", "my very own passphrase", "198.51.100.30")).status).toBe(200);
  });

  it.each([
    ["12 spaces", " ".repeat(12)],
    ["one character repeated", "aaaaaaaaaaaaaaaa"],
    ["a common password", dictionary["passwords-common"].find((p) => p.length >= 12)!],
    [
      "a common password in capitals",
      dictionary["passwords-common"].find((p) => p.length >= 12)!.toUpperCase(),
    ],
    ["too short", "short-pw"],
  ])("refuses %s as a new password", async (_label, password) => {
    const r = await call("POST", "/api/users", {
      token: adminToken,
      body: { name: `weak-${Math.random().toString(36).slice(2, 8)}`, password },
    });
    expect(r.status).toBe(400);
    const own = await call("POST", "/api/me/password", {
      token: adminToken,
      body: { currentPassword: "admin owns this pass 1", newPassword: password },
    });
    expect(own.status).toBe(400);
  });

  it("signs the user's other sessions out when they change their password", async () => {
    await call("POST", "/api/users", {
      token: adminToken,
      body: { name: "two-tabs", password: "two tabs password 1" },
    });
    const a = (await login("two-tabs", "two tabs password 1", "198.51.100.40")).json.token;
    const b = (await login("two-tabs", "two tabs password 1", "198.51.100.40")).json.token;
    expect((await call("GET", "/api/me", { token: b })).status).toBe(200);
    const r = await call("POST", "/api/me/password", {
      token: a,
      body: { currentPassword: "two tabs password 1", newPassword: "two tabs password 2" },
    });
    expect(r.status).toBe(200);
    expect((await call("GET", "/api/me", { token: a })).status).toBe(200);
    expect((await call("GET", "/api/me", { token: b, app: 1 })).status).toBe(401);
  });

  it("announces an administrator's reset in every negotiation the user belongs to, and revokes their sessions", async () => {
    const sys = { userId: null, userName: "system" };
    const u = await store.createUser(sys, "member", await hashPassword("member password 12", CHEAP), false);
    const sc = await store.putScenario(sys, "s", "yaml", "x", { id: "s" });
    const negs = [];
    for (const title of ["A", "B"]) {
      const n = await store.createNegotiation(sys, {
        title,
        venue: "v",
        scenarioId: sc.scenarioId,
        scenarioVersion: 1,
      });
      await store.addMember(sys, n.id, u.id, "observer", null);
      negs.push(n.id);
    }
    const session = (await login("member", "member password 12", "198.51.100.50")).json.token;
    const r = await call("POST", `/api/users/${u.id}/password-reset`, { token: adminToken });
    expect(r.status).toBe(200);
    expect(r.json.announcedIn).toEqual(negs);
    for (const id of negs) {
      const log = await store.audit({ negotiationId: id });
      expect(
        log.some((e) => e.action === "user.password_reset" && e.payload.includes("password reset")),
      ).toBe(true);
    }
    expect((await call("GET", "/api/me", { token: session })).status).toBe(401);
    const otp = await login("member", r.json.oneTimePassword, "198.51.100.50");
    expect(otp.json.user.mustChangePassword).toBe(true);
    expect((await login("member", "member password 12", "198.51.100.50")).status).toBe(401);
  });
});
