import { describe, expect, it } from "vitest";
import { parseHash } from "./route.js";

describe("parseHash", () => {
  it("opens the negotiations list by default", () => {
    expect(parseHash("")).toEqual({ kind: "negotiations" });
    expect(parseHash("#/")).toEqual({ kind: "negotiations" });
  });
  it("reads a negotiation id", () =>
    expect(parseHash("#/negotiations/12")).toEqual({ kind: "negotiation", id: 12 }));
  it("names the other screens", () => {
    expect(parseHash("#/scenarios").kind).toBe("scenarios");
    expect(parseHash("#/users/").kind).toBe("users");
    expect(parseHash("#/audit").kind).toBe("audit");
  });
  it("does not accept a malformed id", () => {
    expect(parseHash("#/negotiations/0").kind).toBe("not-found");
    expect(parseHash("#/negotiations/1x").kind).toBe("not-found");
  });
});
