import { openStore, type Store, startTempPostgres, type TempPostgres } from "@entente/store";
import type { Hono } from "hono";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "./app.js";
import { hashPassword } from "./auth.js";

/**
 * Issue 13 point 2: the server must survive PostgreSQL closing its connections (pg_terminate_backend)
 * and the postmaster being killed, answer 503 with Retry-After meanwhile, and lose no write it
 * acknowledged. It runs on a throw-away cluster of its own, in the PostgreSQL pass of CI only
 * (scripts/with-postgres.sh sets DATABASE_URL; the binaries are then known to be there).
 */
describe.runIf(process.env.DATABASE_URL)("the database going away and coming back (PostgreSQL)", () => {
  let tp: TempPostgres;
  let store: Store;
  let app: Hono;
  let token = "";
  const CHEAP = { memoryKiB: 64, iterations: 1 };

  beforeAll(async () => {
    tp = startTempPostgres()!;
    store = await openStore({ databaseUrl: tp.databaseUrl });
    app = createApp({ store, passwordCost: CHEAP, clientAddress: () => "192.0.2.9" }).app;
    await store.createUser(
      { userId: null, userName: "t" },
      "admin",
      await hashPassword("outage admin pass", CHEAP),
      true,
    );
    const r = await call("POST", "/api/login", { name: "admin", password: "outage admin pass" });
    token = (r.json as { token: string }).token;
  });
  afterAll(async () => {
    await store?.db.close().catch(() => undefined);
    tp?.stop();
  });

  async function call(method: string, path: string, body?: unknown) {
    const res = await app.request(path, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { "content-type": "application/json" } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    return {
      status: res.status,
      json: (await res.json()) as unknown,
      retryAfter: res.headers.get("retry-after"),
    };
  }

  it("keeps serving through terminated connections and a killed postmaster, 503 meanwhile, every acknowledged write kept", async () => {
    const acked: string[] = [];
    const statuses = new Map<number, number>();
    let unavailable: { status: number; retryAfter: string | null } | undefined;
    let stop = false;
    let k = 0;
    const writer = async () => {
      while (!stop) {
        const name = `user-${k++}`;
        const r = await call("POST", "/api/users", { name, password: `password of ${name}` });
        statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
        if (r.status === 201) acked.push(name);
        if (r.status === 503) unavailable ??= r;
        if (r.status !== 201) await new Promise((res) => setTimeout(res, 20));
      }
    };
    const writers = Array.from({ length: 3 }, writer);
    await new Promise((r) => setTimeout(r, 300));

    // 1. Every connection of the pool is closed by the server (idle ones emit 'error' on the pool).
    const admin = new pg.Client({ connectionString: tp.databaseUrl });
    await admin.connect();
    await admin.query(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()",
    );
    await admin.end();
    await new Promise((r) => setTimeout(r, 300));
    expect((await call("GET", "/api/users")).status).toBe(200);

    // 2. The postmaster is killed: requests get 503 with Retry-After, the process lives on.
    tp.kill();
    await new Promise((r) => setTimeout(r, 500));
    const during = await call("GET", "/api/scenarios");
    expect(during.status).toBe(503);
    expect(Number(during.retryAfter)).toBeGreaterThan(0);

    // 3. It comes back: requests succeed again without a restart of the server.
    await tp.restart();
    let after = await call("GET", "/api/users");
    for (let i = 0; i < 40 && after.status !== 200; i++) {
      await new Promise((r) => setTimeout(r, 250));
      after = await call("GET", "/api/users");
    }
    stop = true;
    await Promise.all(writers);
    expect(after.status).toBe(200);
    expect(unavailable?.retryAfter).toBeTruthy();
    // No 500s: every failure was the database's absence, said as such.
    expect([...statuses.keys()].sort()).toEqual(expect.arrayContaining([201, 503]));
    expect([...statuses.keys()].filter((s) => s !== 201 && s !== 503)).toEqual([]);
    const stored = new Set(
      ((await call("GET", "/api/users")).json as { users: { name: string }[] }).users.map((u) => u.name),
    );
    expect(acked.length).toBeGreaterThan(0);
    expect(acked.filter((n) => !stored.has(n))).toEqual([]);
  });
});
