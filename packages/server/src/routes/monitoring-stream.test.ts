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
});
