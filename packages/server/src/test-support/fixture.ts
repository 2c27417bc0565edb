import { openTestStore, type Store } from "@entente/store";
import type { Hono } from "hono";
import { createApp } from "../app.js";
import { hashPassword } from "../auth.js";
import { RateLimiter } from "../rate-limit.js";

/**
 * A scenario small enough to enumerate by hand: two parties (ua, ru) and a mediator actor (tr),
 * two ordinal issues of three options each, so 9 packages. Public positions have no red lines;
 * tests lodge private ones.
 */
export const FIXTURE_YAML = `entente: 1
id: fixture
title: Two parties, two issues
actors:
  - { id: ua, name: Ukraine, kind: state, roles: [party], capability: { value: 1, source: test, confidence: 1 } }
  - { id: ru, name: Russia, kind: state, roles: [party], capability: { value: 1, source: test, confidence: 1 } }
  - { id: tr, name: Turkey, kind: state, roles: [mediator], capability: { value: 1, source: test, confidence: 1 } }
issues:
  - id: troops
    name: Foreign troops
    kind: ordinal
    options: [{ id: none, label: None }, { id: monitors, label: Monitors }, { id: brigade, label: Brigade }]
  - id: sanctions
    name: Sanctions
    kind: ordinal
    options: [{ id: kept, label: Kept }, { id: eased, label: Eased }, { id: lifted, label: Lifted }]
positions:
  - { actor: ua, issue: troops, ideal: brigade, salience: 1, source: test, confidence: 1 }
  - { actor: ua, issue: sanctions, ideal: kept, salience: 0.5, source: test, confidence: 1 }
  - { actor: ru, issue: troops, ideal: none, salience: 1, source: test, confidence: 1 }
  - { actor: ru, issue: sanctions, ideal: lifted, salience: 1, source: test, confidence: 1 }
`;

export type Role = "anon" | "admin" | "ua" | "ru" | "mediator" | "monitor" | "observer" | "outsider";

export interface Fixture {
  store: Store;
  /** The app under test, for requests `request` cannot make (e.g. reading an event stream). */
  app: Hono;
  request(
    method: string,
    path: string,
    role: Role,
    body?: unknown,
  ): Promise<{ status: number; json: unknown; text: string }>;
  negotiationId: number;
  scenarioId: number;
  proposalId: number;
  tokens: Record<Exclude<Role, "anon">, string>;
  clock: { t: number };
}

/**
 * One store, one app, and a negotiation with a user in every role: delegations of ua and ru, a
 * mediator, a monitor, an observer, an admin and a signed-in outsider with no role.
 */
export async function makeFixture(limits?: { mediator?: RateLimiter }): Promise<Fixture> {
  const clock = { t: Date.UTC(2026, 10, 1) };
  const now = () => new Date(clock.t);
  const store = await openTestStore(now);
  const cost = { memoryKiB: 64, iterations: 1 };
  const { app } = createApp({
    store,
    now,
    passwordCost: cost,
    mediatorLimiter: limits?.mediator ?? new RateLimiter(10_000, 10_000, () => clock.t),
  });
  const sys = { userId: null, userName: "system" };
  const names = ["admin", "ua", "ru", "mediator", "monitor", "observer", "outsider"] as const;
  const ids: Record<string, number> = {};
  for (const n of names)
    ids[n] = (
      await store.createUser(sys, n, await hashPassword(`pw-${n}-0123456789`, cost), n === "admin")
    ).id;
  const request: Fixture["request"] = async (method, path, role, body) => {
    const headers: Record<string, string> = {};
    if (role !== "anon") headers.authorization = `Bearer ${tokens[role]}`;
    if (body !== undefined) headers["content-type"] = "application/json";
    const res = await app.request(path, {
      method,
      headers,
      ...(body !== undefined ? { body: typeof body === "string" ? body : JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: res.status, json, text };
  };
  const tokens = {} as Fixture["tokens"];
  for (const n of names) {
    const r = await request("POST", "/api/login", "anon", { name: n, password: `pw-${n}-0123456789` });
    tokens[n] = (r.json as { token: string }).token;
  }
  const up = await request("POST", "/api/scenarios", "admin", { text: FIXTURE_YAML, format: "yaml" });
  const scenarioId = (up.json as { scenarioId: number }).scenarioId;
  const neg = await request("POST", "/api/negotiations", "admin", {
    title: "Fixture talks",
    venue: "Istanbul",
    scenarioId,
    scenarioVersion: 1,
  });
  const negotiationId = (neg.json as { id: number }).id;
  const member = (user: string, role: string, actorId?: string) =>
    request("POST", `/api/negotiations/${negotiationId}/members`, "admin", {
      userId: ids[user],
      role,
      actorId,
    });
  await member("ua", "delegation", "ua");
  await member("ru", "delegation", "ru");
  await member("mediator", "mediator");
  await member("monitor", "monitor");
  await member("observer", "observer");
  await request("POST", `/api/negotiations/${negotiationId}/rounds`, "mediator", { label: "Round 1" });
  const p = await request("POST", `/api/negotiations/${negotiationId}/proposals`, "mediator", {
    // On the disclosure grid (the ends of both issues), so the mediator may ask about it.
    package: { troops: "brigade", sanctions: "kept" },
  });
  return {
    store,
    app,
    request,
    negotiationId,
    scenarioId,
    proposalId: (p.json as { id: number }).id,
    tokens,
    clock,
  };
}
