import type { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Fixture } from "../test-support/fixture.js";
import { makeMonitoringFixture } from "../test-support/monitoring-fixture.js";

let f: Fixture;
let id: number;
let stream: Hono;
let api: Fixture["request"];

beforeAll(async () => {
  ({ f, negotiationId: id, monitoring: stream, request: api } = await makeMonitoringFixture());
});
afterAll(() => f.store.db.close());

async function open(role: "ua" | "observer") {
  return stream.request(`/api/negotiations/${id}/monitoring/stream`, {
    headers: { authorization: `Bearer ${f.tokens[role]}` },
  });
}

describe("the monitoring event stream", () => {
  it("pushes a change when a monitor's report makes a commitment violated", async () => {
    const res = await open("ua");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/event-stream");
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = "";
    while (!text.includes("event: ready")) text += decoder.decode((await reader.read()).value);
    const post = await api("POST", `/api/negotiations/${id}/monitoring/reports`, "monitor", {
      events: [
        {
          kind: "report",
          id: "s-1",
          time: "2026-11-01T06:00Z",
          by: "osce",
          type: "ceasefire-violation",
          party: "ru",
          confidence: 0.9,
        },
      ],
    });
    expect(post.status).toBe(201);
    while (!text.includes("event: change")) text += decoder.decode((await reader.read()).value);
    while (!text.endsWith("\n\n")) text += decoder.decode((await reader.read()).value);
    expect(text).toContain('"to":"violated"');
    await reader.cancel();
  });

  it("is closed to observers, who read published findings instead", async () => {
    expect((await open("observer")).status).toBe(403);
  });

  it("caps the streams one user holds open (4,000 were possible at 948b4d5), and frees a slot on hang-up", async () => {
    const held = [];
    for (let i = 0; i < 8; i++) {
      const res = await open("ua");
      expect(res.status).toBe(200);
      const reader = res.body!.getReader();
      await reader.read();
      held.push(reader);
    }
    const refused = await open("ua");
    expect(refused.status).toBe(429);
    await held.pop()!.cancel();
    // The slot is given back once the stream notices the hang-up.
    let again = await open("ua");
    for (let i = 0; i < 20 && again.status === 429; i++) {
      await new Promise((r) => setTimeout(r, 25));
      again = await open("ua");
    }
    expect(again.status).toBe(200);
    await again.body!.cancel();
    for (const r of held) await r.cancel();
  });
});
