import { describe, expect, it } from "vitest";
import { parseEvents, type StreamEvent } from "./subscribe.js";

describe("the event-stream parser", () => {
  it("reads events split across chunks, with comments, ids and multi-line data", () => {
    const got: StreamEvent[] = [];
    let rest = parseEvents(
      ': keep-alive\n\nevent: ready\ndata: {"a":1}\n\nid: 7\nevent: change\ndata: one',
      (e) => got.push(e),
    );
    expect(got).toEqual([{ event: "ready", data: '{"a":1}' }]);
    rest = parseEvents(`${rest}\ndata: two\n\n`, (e) => got.push(e));
    expect(rest).toBe("");
    expect(got[1]).toEqual({ event: "change", data: "one\ntwo", id: "7" });
  });

  it("calls an event without a name 'message'", () => {
    const got: StreamEvent[] = [];
    parseEvents("data: x\r\n\r\n", (e) => got.push(e));
    expect(got).toEqual([{ event: "message", data: "x" }]);
  });
});
