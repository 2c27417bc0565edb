import { z } from "zod";
import { scenarioSchema } from "./scenario.js";

/**
 * The JSON Schema of scenario files, generated from the same zod schema that validates them, for
 * editor completion (e.g. `# yaml-language-server: $schema=../schema/scenario.schema.json`).
 */
export function scenarioJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(scenarioSchema, {
    target: "draft-2020-12",
    io: "input",
    unrepresentable: "any",
  });
  return {
    ...schema,
    $id: "https://entente.invalid/schema/scenario.schema.json",
    title: "Entente scenario",
    description:
      "Actors, issues, positions, guarantee mechanisms and an optional agreement. Generated from the zod schema in packages/core/src/model; do not edit by hand.",
  };
}
