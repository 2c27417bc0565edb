import { openTestStore, type Store } from "@entente/store";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "./app.js";
import { openApiDocument } from "./openapi.js";

let store: Store;
beforeAll(async () => {
  store = await openTestStore();
});
afterAll(() => store.db.close());

type Op = {
  operationId: string;
  responses: Record<string, unknown>;
  requestBody?: {
    content: { "application/json": { schema: { properties?: object; additionalProperties?: unknown } } };
  };
  security?: unknown[];
};

describe("the OpenAPI document", () => {
  it("has one operation per route, with unique ids, and 401/403 only where a session is needed", () => {
    const { routes } = createApp({ store });
    const doc = openApiDocument(routes, { title: "t", version: "1" }) as {
      paths: Record<string, Record<string, Op>>;
    };
    const ops = Object.values(doc.paths).flatMap((p) => Object.values(p));
    expect(ops.length).toBe(routes.length);
    expect(new Set(ops.map((o) => o.operationId)).size).toBe(ops.length);
    for (const r of routes) {
      const op = doc.paths[r.path]![r.method]!;
      expect("401" in op.responses, r.path).toBe(r.auth !== "public");
      expect("403" in op.responses, r.path).toBe(r.auth !== "public");
    }
  });

  it("describes request bodies with the same strict schemas that validate them", async () => {
    const { routes } = createApp({ store });
    const doc = openApiDocument(routes, { title: "t", version: "1" }) as {
      paths: Record<string, Record<string, Op>>;
    };
    const body =
      doc.paths["/api/negotiations/{id}/rounds"]!.post!.requestBody!.content["application/json"].schema;
    // z.strictObject({ label }) → additionalProperties: false, as the validator refuses extra fields.
    expect(body).toMatchObject({ properties: { label: { type: "string" } }, additionalProperties: false });
  });
});
