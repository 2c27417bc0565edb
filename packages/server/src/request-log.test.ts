import { Writable } from "node:stream";
import { Hono } from "hono";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { requestLog } from "./request-log.js";

function app() {
  const lines: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  const a = new Hono();
  a.use("*", requestLog(pino({ base: { instance: "test" } }, sink)));
  a.get("/x", (c) => c.text("ok"));
  return { a, lines };
}

describe("request log", () => {
  it("gives every response a request id and logs the request under it", async () => {
    const { a, lines } = app();
    const r = await a.request("/x");
    const id = r.headers.get("x-request-id");
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    await new Promise((res) => setTimeout(res, 10));
    expect(lines).toEqual([
      expect.objectContaining({ reqId: id, method: "GET", path: "/x", status: 200, instance: "test" }),
    ]);
  });

  it("keeps a caller's request id, so one request can be followed across instances, and refuses a malformed one", async () => {
    const { a } = app();
    expect(
      (await a.request("/x", { headers: { "x-request-id": "lb-42.a" } })).headers.get("x-request-id"),
    ).toBe("lb-42.a");
    const bad = await a.request("/x", { headers: { "x-request-id": "a b\u0001" } });
    expect(bad.headers.get("x-request-id")).not.toBe("a b\u0001");
  });
});
