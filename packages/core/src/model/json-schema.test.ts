import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { scenarioJsonSchema } from "./json-schema.js";

describe("schema/scenario.schema.json", () => {
  it("is the schema generated from the zod model (run `npm run schema` after changing the model)", () => {
    const committed = JSON.parse(
      readFileSync(new URL("../../../../schema/scenario.schema.json", import.meta.url), "utf8"),
    );
    expect(committed).toEqual(JSON.parse(JSON.stringify(scenarioJsonSchema())));
  });

  it("requires the fields a scenario cannot do without", () => {
    const schema = scenarioJsonSchema() as { required: string[] };
    expect(schema.required).toEqual(
      expect.arrayContaining(["entente", "id", "title", "actors", "issues", "positions"]),
    );
  });
});
