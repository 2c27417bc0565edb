import { describe, expect, it } from "vitest";
import { match, pathOf, type RouteDef } from "./router.js";

const routes: RouteDef[] = [
  { path: "/negotiations", load: async () => ({ default: () => null }) },
  { path: "/negotiations/:id", load: async () => ({ default: () => null }) },
  { path: "/explorer/:scenarioId/:version", load: async () => ({ default: () => null }) },
];

describe("the router", () => {
  it("reads an empty or root fragment as the negotiations list", () => {
    expect(pathOf("")).toBe("/negotiations");
    expect(pathOf("#/")).toBe("/negotiations");
    expect(pathOf("#/scenarios/")).toBe("/scenarios");
  });

  it("matches a screen and its parameters", () => {
    expect(match(routes, "/negotiations/3")).toEqual({ route: routes[1], params: { id: "3" } });
    expect(match(routes, "/explorer/2/5")?.params).toEqual({ scenarioId: "2", version: "5" });
  });

  it("refuses ids that are not positive integers of up to 10 digits, and unknown paths", () => {
    for (const p of ["/negotiations/0", "/negotiations/abc", "/negotiations/12345678901", "/nowhere"]) {
      expect(match(routes, p), p).toBeNull();
    }
  });
});
