import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { API_TYPES_FILE, apiTypesSource } from "../../../../scripts/web-api-types.js";

describe("the web app's generated API types", () => {
  it("match the server's current OpenAPI document (else run `npm run web:api-types`)", async () => {
    const fresh = await apiTypesSource();
    const stored = readFileSync(API_TYPES_FILE, "utf8");
    expect(
      stored === fresh,
      "packages/web/src/api/openapi.gen.ts is stale: run `npm run web:api-types`",
    ).toBe(true);
  });
});
