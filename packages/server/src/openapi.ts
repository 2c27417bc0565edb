import { z } from "zod";
import type { RouteDef } from "./route.js";

const errorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});

function jsonSchema(schema: z.ZodType, io: "input" | "output"): Record<string, unknown> {
  const { $schema: _s, ...rest } = z.toJSONSchema(schema, {
    target: "draft-2020-12",
    io,
    unrepresentable: "any",
  });
  return rest;
}

/**
 * The OpenAPI 3.1 document of the routes, generated from the zod schemas that validate them.
 * OpenAPI 3.1 schemas are JSON Schema 2020-12, so zod's own converter output is used as is.
 */
export function openApiDocument(
  routes: RouteDef[],
  info: { title: string; version: string },
): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const parameters: unknown[] = [];
    for (const [where, schema] of [
      ["path", r.params],
      ["query", r.query],
    ] as const) {
      if (!schema) continue;
      const js = jsonSchema(schema, "input") as { properties?: Record<string, unknown>; required?: string[] };
      for (const [name, s] of Object.entries(js.properties ?? {})) {
        parameters.push({
          name,
          in: where,
          required: where === "path" || (js.required ?? []).includes(name),
          schema: s,
        });
      }
    }
    const errors: Record<string, unknown> = {};
    const err = (d: string) => ({
      description: d,
      content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
    });
    errors["400"] = err("invalid request (the body says which field)");
    if (r.auth !== "public") {
      errors["401"] = err("no valid session");
      errors["403"] = err("signed in, but this role may not do this");
    }
    errors["404"] = err("not found");
    if (r.body) errors["413"] = err("body too large");
    errors["429"] = err("too many requests");
    const op: Record<string, unknown> = {
      summary: r.summary,
      description: `Who may call it: ${r.access}.`,
      tags: [r.tag],
      operationId: `${r.method}${r.path
        .replace(/[{}]/g, "")
        .replace(/\/(\w)/g, (_, x: string) => x.toUpperCase())
        .replace(/\W/g, "")}`,
      ...(parameters.length ? { parameters } : {}),
      ...(r.body
        ? {
            requestBody: {
              required: true,
              content: { "application/json": { schema: jsonSchema(r.body, "input") } },
            },
          }
        : {}),
      ...(r.auth !== "public" ? { security: [{ bearer: [] }] } : {}),
      responses: {
        [String(r.status ?? 200)]: {
          description: "ok",
          content: { "application/json": { schema: jsonSchema(r.response, "output") } },
        },
        ...errors,
      },
    };
    paths[r.path] = { ...(paths[r.path] ?? {}), [r.method]: op };
  }
  return {
    openapi: "3.1.0",
    info,
    paths,
    components: {
      schemas: { Error: jsonSchema(errorSchema, "output") },
      securitySchemes: { bearer: { type: "http", scheme: "bearer" } },
    },
  };
}
