import { CORE_SCHEMA, load as loadYaml } from "js-yaml";
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Scalar } from "yaml";
import type { z } from "zod";
import { actorSchema } from "./actor.js";
import { DEFAULT_EXPANSION_LIMITS, type ExpansionLimits, exceedsExpansionLimits } from "./expanded-size.js";
import { issueSchema } from "./issue.js";
import { Locator } from "./locate.js";
import { positionSchema } from "./position.js";
import { checkScenarioReferences, type ReferenceInput, type ReferenceProblem } from "./references.js";
import { type Scenario, scenarioSchema } from "./scenario.js";
import { checkScenario } from "./scenario-checks.js";
import { formatPath, type ScenarioError, type ScenarioErrorCode } from "./scenario-error.js";

/**
 * The outcome of reading a scenario: the typed scenario, or the errors found, in file order. The
 * list holds at most `maxErrors` of them (the first ones); `errorCount` is how many there are in all.
 */
export type ParseScenarioResult =
  | { ok: true; scenario: Scenario }
  | { ok: false; errors: ScenarioError[]; errorCount: number };

/** Options of {@link parseScenario}. */
export interface ParseScenarioOptions {
  /** Largest number of errors returned (the count of all is kept). @default 1000 */
  maxErrors?: number;
  /** Limits on the document after alias expansion. @default DEFAULT_EXPANSION_LIMITS */
  limits?: ExpansionLimits;
}

/** Errors returned by default; a file with more is reported as the first ones and a count. */
export const DEFAULT_MAX_ERRORS = 1000;

/** Aliases beyond this count are refused, so a "billion laughs" document cannot exhaust memory. */
const MAX_ALIAS_COUNT = 100;

function describe(input: unknown): string {
  if (input === null) return "null";
  if (Array.isArray(input)) return `a list of ${input.length}`;
  if (typeof input === "object") return "a mapping";
  if (typeof input === "string") return `'${input.length > 40 ? `${input.slice(0, 40)}…` : input}'`;
  return String(input);
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

function expectation(issue: z.core.$ZodIssue, fallback: string): string {
  return issue.message.startsWith("expected") ? issue.message : fallback;
}

/** Turns one zod issue into a code and a message that says what was expected and what was found. */
function explain(issue: z.core.$ZodIssue): { code: ScenarioErrorCode; message: string } {
  const input = (issue as { input?: unknown }).input;
  switch (issue.code) {
    case "invalid_type": {
      const want = expectation(issue, `expected ${article(issue.expected)}`);
      const field = String(issue.path[issue.path.length - 1] ?? "");
      if (input === undefined)
        return { code: "missing_field", message: `missing required field '${field}' (${want})` };
      return { code: "invalid_type", message: `${want}, got ${describe(input)}` };
    }
    case "too_big":
    case "too_small": {
      const isCount = issue.origin === "array" || issue.origin === "string";
      const bound = issue.code === "too_big" ? `≤ ${issue.maximum}` : `≥ ${issue.minimum}`;
      const want = expectation(issue, `expected ${isCount ? "a length" : "a value"} ${bound}`);
      return { code: "out_of_range", message: isCount ? want : `${want}, got ${describe(input)}` };
    }
    case "invalid_value":
      return {
        code: "invalid_value",
        message: `expected one of: ${issue.values.map(String).join(", ")}, got ${describe(input)}`,
      };
    case "invalid_format":
      return {
        code: "invalid_format",
        message: `${expectation(issue, "invalid format")}, got ${describe(input)}`,
      };
    case "invalid_union": {
      const kind = input && typeof input === "object" ? (input as Record<string, unknown>).kind : undefined;
      const got = kind === undefined ? describe(input) : `kind '${String(kind)}'`;
      return {
        code: "invalid_value",
        message: `${expectation(issue, "expected one of the allowed forms")}, got ${got}`,
      };
    }
    default:
      return { code: "invalid_value", message: issue.message };
  }
}

/**
 * Parses and validates a scenario written in YAML (or JSON, which YAML includes). Pure: it takes the
 * text and the name to report errors against. Returns every syntax, shape and reference error at
 * once, each located at file:line:column with its field path.
 */
export function parseScenario(
  text: string,
  file: string,
  options: ParseScenarioOptions = {},
): ParseScenarioResult {
  const limits = options.limits ?? DEFAULT_EXPANSION_LIMITS;
  const maxErrors = options.maxErrors ?? DEFAULT_MAX_ERRORS;
  const fast = parseValidScenario(text, limits);
  if (fast.kind === "ok") return { ok: true, scenario: fast.scenario };
  if (fast.kind === "too_large") return tooLarge(file, fast.message);
  return capErrors(parseScenarioLocated(text, file, limits), maxErrors);
}

function tooLarge(file: string, message: string): ParseScenarioResult {
  return {
    ok: false,
    errors: [{ code: "too_large", file, line: 1, column: 1, path: "(root)", message }],
    errorCount: 1,
  };
}

function capErrors(result: ParseScenarioResult, maxErrors: number): ParseScenarioResult {
  if (result.ok || result.errors.length <= maxErrors) return result;
  return { ok: false, errors: result.errors.slice(0, Math.max(0, maxErrors)), errorCount: result.errorCount };
}

/**
 * The fast path for the common case of a valid file: js-yaml (several times faster than the yaml
 * library, but without node locations) with the YAML 1.2 core schema, so values read the same.
 * Returns undefined when anything is wrong, and the located path then finds and places every error.
 */
function parseValidScenario(
  text: string,
  limits: ExpansionLimits,
): { kind: "ok"; scenario: Scenario } | { kind: "too_large"; message: string } | { kind: "invalid" } {
  let data: unknown;
  try {
    data = loadYaml(text, { schema: CORE_SCHEMA, json: false });
  } catch {
    return { kind: "invalid" };
  }
  const over = exceedsExpansionLimits(data, limits);
  if (over) return { kind: "too_large", message: over };
  const parsed = scenarioSchema.safeParse(data);
  if (!parsed.success || checkScenario(parsed.data).length > 0) return { kind: "invalid" };
  return { kind: "ok", scenario: parsed.data };
}

/**
 * Parses with node locations, so that each error can be reported at file:line:column. Returns
 * every error (see {@link parseScenario} for a capped list).
 */
export function parseScenarioLocated(
  text: string,
  file: string,
  limits: ExpansionLimits = DEFAULT_EXPANSION_LIMITS,
): ParseScenarioResult {
  const lines = new LineCounter();
  // The yaml library's own duplicate-key check compares every key with every other (quadratic, and
  // the bulk of the parse time on a 60 KB scenario); duplicateKeys() below does it in one pass.
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: false });
  const syntax = [
    ...doc.errors.map((e) => ({ offset: e.pos[0], message: e.message.split("\n")[0] ?? e.message })),
    ...duplicateKeys(doc.contents),
  ];
  if (syntax.length > 0) {
    return {
      ok: false,
      errorCount: syntax.length,
      errors: sortErrors(
        syntax.map(({ offset, message }) => {
          const pos = lines.linePos(offset);
          return { code: "yaml_syntax", file, line: pos.line, column: pos.col, path: "(syntax)", message };
        }),
      ),
    };
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return {
      ok: false,
      errors: [{ code: "yaml_syntax", file, line: 1, column: 1, path: "(root)", message }],
      errorCount: 1,
    };
  }
  const over = exceedsExpansionLimits(data, limits);
  if (over) return tooLarge(file, over);
  const locator = new Locator(doc, lines);
  const at = (path: ReadonlyArray<PropertyKey>, atKey = false) => ({
    file,
    ...locator.locate(path, atKey),
  });
  const located = (p: ReferenceProblem): ScenarioError => ({
    code: p.code,
    ...at(p.path),
    path: formatPath(p.path),
    message: p.message,
  });
  const referenceErrors = (input: ReferenceInput): ScenarioError[] =>
    checkScenarioReferences(input).map(located);

  const parsed = scenarioSchema.safeParse(data, { reportInput: true });
  if (!parsed.success) {
    const errors: ScenarioError[] = [];
    for (const issue of parsed.error.issues) {
      if (issue.code === "unrecognized_keys") {
        for (const key of issue.keys) {
          const path = [...issue.path, key];
          errors.push({
            code: "unknown_field",
            ...at(path, true),
            path: formatPath(path),
            message: `unknown field '${key}'`,
          });
        }
        continue;
      }
      errors.push({ ...explain(issue), ...at(issue.path), path: formatPath(issue.path) });
    }
    for (const e of referenceErrors(partialScenario(data))) errors.push(e);
    return { ok: false, errors: sortErrors(errors), errorCount: errors.length };
  }
  const problems = checkScenario(parsed.data).map(located);
  if (problems.length > 0) return { ok: false, errors: sortErrors(problems), errorCount: problems.length };
  return { ok: true, scenario: parsed.data };
}

/** Keys that appear twice in one mapping, anywhere in the document, each at its second occurrence. */
function duplicateKeys(root: unknown): Array<{ offset: number; message: string }> {
  const out: Array<{ offset: number; message: string }> = [];
  const visit = (node: unknown): void => {
    if (isMap(node)) {
      const seen = new Set<string>();
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
        if (key !== undefined) {
          if (seen.has(key))
            out.push({
              offset: (pair.key as Scalar).range?.[0] ?? 0,
              message: `Map keys must be unique: '${key}' appears twice`,
            });
          seen.add(key);
        }
        visit(pair.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) visit(item);
    }
  };
  visit(root);
  return out;
}

/** The elements of a scenario that are valid on their own, each kept at its index (others `undefined`). */
function partialScenario(data: unknown): ReferenceInput {
  const record = data && typeof data === "object" ? (data as Record<string, unknown>) : {};
  const each = <T>(value: unknown, schema: z.ZodType<T>): Array<T | undefined> =>
    Array.isArray(value)
      ? value.map((v) => {
          const r = schema.safeParse(v);
          return r.success ? r.data : undefined;
        })
      : [];
  const ids = (value: unknown) =>
    new Set(
      (Array.isArray(value) ? value : []).flatMap((v) =>
        v && typeof v === "object" && typeof (v as { id?: unknown }).id === "string"
          ? [(v as { id: string }).id]
          : [],
      ),
    );
  const positions = each(record.positions, positionSchema);
  const invalidPositionRefs = (Array.isArray(record.positions) ? record.positions : []).flatMap(
    (raw, index) => {
      if (positions[index] !== undefined || !raw || typeof raw !== "object") return [];
      const { actor, issue } = raw as { actor?: unknown; issue?: unknown };
      return [
        {
          index,
          ...(typeof actor === "string" ? { actor } : {}),
          ...(typeof issue === "string" ? { issue } : {}),
        },
      ];
    },
  );
  return {
    invalidPositionRefs,
    writtenIds: { actors: ids(record.actors), issues: ids(record.issues) },
    actors: each(record.actors, actorSchema),
    issues: each(record.issues, issueSchema),
    positions,
  };
}

function sortErrors(errors: ScenarioError[]): ScenarioError[] {
  return errors.sort((a, b) => a.line - b.line || a.column - b.column);
}
