import { openPostgres, Store, testDbKind } from "@entente/store";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../app.js";
import { type Fixture, makeFixture } from "../test-support/fixture.js";

/**
 * Everyday account basics: deactivation ends every session at once and keeps the user out until
 * reactivated; removing a member takes its access away at once and is announced in the log; the
 * last member of a delegation stays; sign-out, password change and deactivation on one app server
 * are honoured by another at the next request (PostgreSQL pass).
 */
let f: Fixture;
const cost = { memoryKiB: 64, iterations: 1 };
const login = async (name: string) => {
  const r = await f.request("POST", "/api/login", "anon", { name, password: `pw-${name}-0123456789` });
  return { status: r.status, token: (r.json as { token?: string } | undefined)?.token, text: r.text };
};
const withToken = async (token: string, method: string, path: string, app = f.app) => {
  const res = await app.request(path, { method, headers: { authorization: `Bearer ${token}` } });
  return res.status;
};
const userId = async (name: string) =>
  (
    (await f.request("GET", "/api/users", "admin")).json as { users: Array<{ id: number; name: string }> }
  ).users.find((u) => u.name === name)!.id;
const logActions = async (role: "ua" | "admin") =>
  (
    (await f.request("GET", `/api/negotiations/${f.negotiationId}/audit`, role)).json as {
      entries: Array<{ action: string; payload: string }>;
    }
  ).entries;

beforeAll(async () => {
  f = await makeFixture();
});
afterAll(() => f.store.db.close());

describe("deactivating and reactivating users", () => {
  it("ends every session of the user at once, refuses sign-in, and announces it in their negotiations", async () => {
    const a = (await login("observer")).token!;
    const b = (await login("observer")).token!;
    expect(await withToken(a, "GET", "/api/me")).toBe(200);
    expect(await withToken(b, "GET", `/api/negotiations/${f.negotiationId}`)).toBe(200);
    const id = await userId("observer");
    const r = await f.request("POST", `/api/users/${id}/deactivate`, "admin");
    expect(r.status, r.text).toBe(200);
    expect((r.json as { user: { deactivatedAt: string | null } }).user.deactivatedAt).not.toBeNull();
    expect(await withToken(a, "GET", "/api/me")).toBe(401);
    expect(await withToken(b, "GET", `/api/negotiations/${f.negotiationId}`)).toBe(401);
    const again = await login("observer");
    expect(again.status).toBe(403);
    expect(again.text).toContain("deactivated");
    // A wrong password still gets the usual answer: the state is told only to the account's owner.
    const wrong = await f.request("POST", "/api/login", "anon", {
      name: "observer",
      password: "wrong-wrong-wrong",
    });
    expect(wrong.status).toBe(401);
    const entries = await logActions("ua");
    expect(entries.some((e) => e.action === "user.deactivate" && e.payload.includes(`"userId":${id}`))).toBe(
      true,
    );
    expect((await f.request("POST", `/api/users/${id}/deactivate`, "admin")).status).toBe(409);

    const back = await f.request("POST", `/api/users/${id}/reactivate`, "admin");
    expect(back.status, back.text).toBe(200);
    expect(await withToken(a, "GET", "/api/me")).toBe(401); // old sessions stay ended
    const fresh = await login("observer");
    expect(fresh.status).toBe(200);
    f.tokens.observer = fresh.token!;
    expect((await logActions("ua")).some((e) => e.action === "user.reactivate")).toBe(true);
  });

  it("is the admin's alone, and an admin cannot deactivate itself", async () => {
    const id = await userId("ru");
    for (const role of ["ua", "mediator", "observer"] as const)
      expect((await f.request("POST", `/api/users/${id}/deactivate`, role)).status).toBe(403);
    expect((await f.request("POST", `/api/users/${await userId("admin")}/deactivate`, "admin")).status).toBe(
      409,
    );
  });
});

describe("removing members", () => {
  const base = () => `/api/negotiations/${f.negotiationId}`;
  const members = async () =>
    (
      (await f.request("GET", base(), "admin")).json as {
        members: Array<{ id: number; userName: string; role: string; actorId: string | null }>;
      }
    ).members;

  it("takes the role away at once, announces it in the log, and lets the user be added again", async () => {
    const m = (await members()).find((x) => x.userName === "observer")!;
    expect((await f.request("POST", `${base()}/members/${m.id}/remove`, "ua")).status).toBe(403);
    expect((await f.request("POST", `${base()}/members/${m.id}/remove`, "outsider")).status).toBe(404);
    const r = await f.request("POST", `${base()}/members/${m.id}/remove`, "admin");
    expect(r.status, r.text).toBe(200);
    expect((await f.request("GET", base(), "observer")).status).toBe(404);
    const entry = (await logActions("ua")).find((e) => e.action === "member.remove");
    expect(entry?.payload).toContain('"role":"observer"');
    expect((await f.request("POST", `${base()}/members/${m.id}/remove`, "admin")).status).toBe(404);
    const again = await f.request("POST", `${base()}/members`, "admin", {
      userId: await userId("observer"),
      role: "observer",
    });
    expect(again.status, again.text).toBe(201);
    expect((await f.request("GET", base(), "observer")).status).toBe(200);
    // The tables still agree with the log (removals re-derived).
    const report = await f.store.verifyAudit();
    expect(report.problems ?? [], JSON.stringify(report)).toEqual([]);
  });

  it("keeps the last member of a delegation, so nobody joins it without a member's consent", async () => {
    const ua = (await members()).find((x) => x.role === "delegation" && x.actorId === "ua")!;
    const r = await f.request("POST", `${base()}/members/${ua.id}/remove`, "admin");
    expect(r.status).toBe(409);
    expect(r.text).toContain("last member");
    // With a second member (added by the delegation itself), the first may leave on its own.
    const add = await f.request("POST", `${base()}/members`, "ua", {
      userId: await userId("outsider"),
      role: "delegation",
      actorId: "ua",
    });
    expect(add.status, add.text).toBe(201);
    expect((await f.request("POST", `${base()}/members/${ua.id}/remove`, "ru")).status).toBe(403);
    expect((await f.request("POST", `${base()}/members/${ua.id}/remove`, "ua")).status).toBe(200);
    expect((await f.request("GET", `${base()}/private/ua`, "ua")).status).toBe(404); // no longer a member
    expect((await f.request("GET", base(), "outsider")).status).toBe(200);
  });
});

describe("the interface language", () => {
  it("is kept on the user, so every browser shows it", async () => {
    expect((await f.request("POST", "/api/me/language", "ru", { locale: "ru" })).status).toBe(200);
    const me = (await f.request("GET", "/api/me", "ru")).json as { user: { locale: string | null } };
    expect(me.user.locale).toBe("ru");
    expect((await f.request("POST", "/api/me/language", "ru", { locale: "de" })).status).toBe(400);
    expect((await f.request("POST", "/api/me/language", "ru", { locale: null })).status).toBe(200);
  });
});

describe("signing out", () => {
  it("refuses the token afterwards", async () => {
    const t = (await login("mediator")).token!;
    expect(await withToken(t, "GET", "/api/me")).toBe(200);
    expect(await withToken(t, "POST", "/api/logout")).toBe(200);
    expect(await withToken(t, "GET", "/api/me")).toBe(401);
  });
});

const onPostgres = testDbKind() === "postgres";
describe.runIf(onPostgres)("on another app server sharing the database", () => {
  let other: Store;
  let b: ReturnType<typeof createApp>;
  beforeAll(async () => {
    const [{ db }] = (await f.store.db.query<{ db: string }>("SELECT current_database() AS db")) as [
      { db: string },
    ];
    const u = new URL(process.env.DATABASE_URL!);
    u.pathname = `/${db}`;
    other = new Store(await openPostgres(u.toString()), () => new Date(f.clock.t), f.store.signer);
    b = createApp({ store: other, now: () => new Date(f.clock.t), passwordCost: cost });
  });
  afterAll(() => other.db.close());

  it("refuses a token signed out on the first server at the next request", async () => {
    const t = (await login("mediator")).token!;
    expect(await withToken(t, "GET", "/api/me", b.app)).toBe(200);
    expect(await withToken(t, "POST", "/api/logout")).toBe(200);
    expect(await withToken(t, "GET", "/api/me", b.app)).toBe(401);
  });

  it("refuses the sessions of a user deactivated on the first server at the next request", async () => {
    const t = (await login("monitor")).token!;
    expect(await withToken(t, "GET", "/api/me", b.app)).toBe(200);
    const id = await userId("monitor");
    expect((await f.request("POST", `/api/users/${id}/deactivate`, "admin")).status).toBe(200);
    expect(await withToken(t, "GET", "/api/me", b.app)).toBe(401);
    expect((await f.request("POST", `/api/users/${id}/reactivate`, "admin")).status).toBe(200);
  });
});
