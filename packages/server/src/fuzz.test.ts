import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FIXTURE_YAML, type Fixture, makeFixture, type Role } from "./test-support/fixture.js";

/**
 * Hostile input: thousands of malformed, oversized and malicious requests (fixed seed). Every one
 * must get a JSON answer below 500 that carries no stack trace; 4xx answers must carry a message.
 */
const HOSTILE = [
  "'; DROP TABLE users; --",
  "1 OR 1=1",
  '" OR ""="',
  "$1; SELECT pg_sleep(10)",
  "<script>alert(1)</script>",
  "<img src=x onerror=alert(1)>",
  "javascript:alert(1)",
  "{{7*7}}#{7*7}",
  "$" + "{7*7}", // a template-literal placeholder, spelled so the linter does not take it for one
  "../../../../etc/passwd",
  "\u0000\u0001\u001f",
  "\ud800",
  "🇺🇦".repeat(50),
  "A".repeat(70_000),
  "__proto__",
  "constructor",
  "",
  " ",
];
const YAML_HOSTILE = [
  "entente: 1\nid: [",
  "a: &a [*a]",
  `a: &a ["x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: [*d,*d,*d,*d,*d,*d,*d,*d,*d]`,
  "[".repeat(5000),
  "- ".repeat(20_000) + "x",
  "\t\tentente: 1",
  "!!js/function 'function(){}'",
  "entente: !!binary AAAA",
  FIXTURE_YAML.replace("salience: 1", "salience: 'high'"),
  FIXTURE_YAML.replace("id: fixture", 'id: "\'; DROP TABLE scenarios; --"'),
  FIXTURE_YAML.replace("title: Two parties, two issues", `title: "${"<script>".repeat(1000)}"`),
  `${FIXTURE_YAML}\n${"# padding\n".repeat(10)}`,
];

interface Target {
  method: "GET" | "POST";
  url: (f: Fixture) => string;
  template?: (f: Fixture) => Record<string, unknown>;
  role: Role;
}

const neg = (f: Fixture) => `/api/negotiations/${f.negotiationId}`;
const TARGETS: Target[] = [
  { method: "POST", url: () => "/api/login", template: () => ({ name: "ua", password: "x" }), role: "anon" },
  {
    method: "POST",
    url: () => "/api/users",
    template: () => ({ name: "newuser", password: "long-enough-password" }),
    role: "admin",
  },
  {
    method: "POST",
    url: () => "/api/scenarios/validate",
    template: () => ({ text: FIXTURE_YAML, format: "yaml" }),
    role: "ua",
  },
  {
    method: "POST",
    url: () => "/api/scenarios",
    template: () => ({ text: FIXTURE_YAML, format: "yaml", slug: "fz" }),
    role: "admin",
  },
  {
    method: "POST",
    url: () => "/api/negotiations",
    template: (f) => ({ title: "t", venue: "v", scenarioId: f.scenarioId, scenarioVersion: 1 }),
    role: "admin",
  },
  { method: "POST", url: (f) => `${neg(f)}/rounds`, template: () => ({ label: "r" }), role: "mediator" },
  {
    method: "POST",
    url: (f) => `${neg(f)}/proposals`,
    template: () => ({ package: { troops: "none", sanctions: "kept" }, note: "n", actorId: "ua" }),
    role: "ua",
  },
  {
    method: "POST",
    url: (f) => `${neg(f)}/private/ua`,
    template: () => ({
      positions: [
        {
          issue: "troops",
          ideal: "brigade",
          salience: 1,
          source: "ua brief",
          confidence: 1,
          redLine: { atLeast: "monitors" },
        },
      ],
    }),
    role: "ua",
  },
  {
    method: "POST",
    url: (f) => `${neg(f)}/proposals/${f.proposalId}/scores/ua`,
    template: () => ({ score: 0.5, comment: "c" }),
    role: "ua",
  },
  {
    method: "POST",
    url: (f) => `${neg(f)}/members`,
    template: () => ({ userId: 1, role: "observer" }),
    role: "admin",
  },
  {
    method: "POST",
    url: () => "/api/analyses",
    template: (f) => ({ scenarioId: f.scenarioId, version: 1, engine: "agreement-zone" }),
    role: "ua",
  },
  {
    method: "POST",
    url: () => "/api/sweeps",
    template: (f) => ({
      scenarioId: f.scenarioId,
      version: 1,
      axes: [{ parameter: "salience:ua", values: [0.5] }],
    }),
    role: "ua",
  },
];
const GET_URLS = [
  "/api/scenarios/abc/versions",
  "/api/scenarios/99999999999999/versions",
  "/api/scenarios/1/versions/-1",
  "/api/scenarios/1/diff?from=1&to=%27%3B--",
  "/api/scenarios/1/diff?from=1",
  "/api/negotiations/1%00/proposals",
  "/api/negotiations/..%2F..%2Fetc/audit",
  "/api/negotiations/1/private/%3Cscript%3E",
  "/api/negotiations/1/proposals/1/scores/'%20OR%201=1",
  "/api/analyses/not-a-uuid",
  "/api/audit?after=-5&limit=100000",
  "/api/audit?after=1e400",
  "/api/nope",
];

/** Replaces string leaves (or, with `anyLeaf`, every leaf) of a template with `value`, one leaf at a time. */
function mutations(template: unknown, value: unknown, anyLeaf: boolean): unknown[] {
  const out: unknown[] = [];
  const walk = (node: unknown, set: (v: unknown) => unknown): void => {
    if (Array.isArray(node))
      node.forEach((x, i) => {
        walk(x, (v) => set(node.map((y, j) => (j === i ? v : y))));
      });
    else if (node !== null && typeof node === "object") {
      for (const [k, x] of Object.entries(node)) walk(x, (v) => set({ ...(node as object), [k]: v }));
    } else if (anyLeaf || typeof node === "string") out.push(set(value));
  };
  walk(template, (v) => v);
  return out;
}

let f: Fixture;
beforeAll(async () => {
  f = await makeFixture();
});
afterAll(() => f.store.db.close());

describe("hostile input", () => {
  it("never gets a 500 or a stack trace, across a few thousand requests", async () => {
    const requests: { method: string; url: string; role: Role; body?: unknown }[] = [];
    for (const t of TARGETS) {
      const template = t.template!(f);
      for (const h of HOSTILE)
        for (const body of mutations(template, h, false))
          requests.push({ method: t.method, url: t.url(f), role: t.role, body });
      for (const wrong of [null, 1e308, -1, true, [], {}, [1, 2], { $gt: "" }]) {
        for (const body of mutations(template, wrong, true))
          requests.push({ method: t.method, url: t.url(f), role: t.role, body });
      }
      for (const raw of [
        "",
        "{",
        "null",
        "[]",
        '"x"',
        "1e999",
        "[".repeat(100_000),
        '{"a":'.repeat(5000),
        "x".repeat(3_000_000),
      ]) {
        requests.push({ method: t.method, url: t.url(f), role: t.role, body: raw });
      }
      requests.push({ method: t.method, url: t.url(f), role: t.role, body: { ...template, extra: "field" } });
    }
    for (const y of YAML_HOSTILE) {
      for (const format of ["yaml", "json"]) {
        requests.push({ method: "POST", url: "/api/scenarios", role: "admin", body: { text: y, format } });
      }
    }
    for (const url of GET_URLS)
      for (const role of ["anon", "admin", "ua"] as Role[]) requests.push({ method: "GET", url, role });
    // Random JSON documents against every body route (fast-check, fixed seed).
    const samples = fc.sample(fc.tuple(fc.nat(TARGETS.length - 1), fc.jsonValue({ maxDepth: 6 })), {
      seed: 20261123,
      numRuns: 1200,
    });
    for (const [i, v] of samples)
      requests.push({
        method: TARGETS[i]!.method,
        url: TARGETS[i]!.url(f),
        role: TARGETS[i]!.role,
        body: v ?? null,
      });

    expect(requests.length).toBeGreaterThan(2000);
    const bad: string[] = [];
    for (const r of requests) {
      const res = await f.request(r.method, r.url, r.role, r.body);
      const where = `${r.method} ${r.url} ${String(JSON.stringify(r.body)).slice(0, 80)} → ${res.status} ${res.text.slice(0, 120)}`;
      if (res.status >= 500) bad.push(where);
      else if (res.json === undefined) bad.push(`non-JSON: ${where}`);
      else if (/\bat .+\.(ts|js):\d+|node_modules|Error: /.test(res.text)) bad.push(`leak: ${where}`);
      else if (res.status >= 400 && !(res.json as { error?: { message?: string } }).error?.message)
        bad.push(`no message: ${where}`);
    }
    expect(bad.slice(0, 10)).toEqual([]);
  });
});
