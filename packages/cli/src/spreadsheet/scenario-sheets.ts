import { type AnalysisReport, checkScenario, formatPath, type Scenario, scenarioSchema } from "@entente/core";
import {
  type Cell,
  type RecordOrigin,
  recordsToTable,
  SheetError,
  type SheetProblem,
  type Table,
  tableToRecords,
} from "@entente/sheets";

type Json = unknown;
type Rec = Record<string, Json>;

/** The sheets of a scenario workbook, in order (docs/spreadsheets.md). */
export const SCENARIO_SHEETS = [
  "scenario",
  "actors",
  "issues",
  "options",
  "positions",
  "mechanisms",
  "agreement",
] as const;

const plain = (v: unknown): Rec => JSON.parse(JSON.stringify(v)) as Rec;
const scalar = (v: Json) => typeof v === "string" || typeof v === "number" || typeof v === "boolean";

/**
 * A scenario as tables: `scenario` (the title and other top-level fields, one per row), `actors`,
 * `issues`, `options` (one row per option of an ordinal or categorical issue, its issue first),
 * `positions`, `mechanisms` and `agreement` (one row per top-level field of the agreement, lists
 * and objects as JSON). Reversible by tablesToScenario.
 */
export function scenarioToTables(scenario: Scenario): Table[] {
  const s = plain(scenario) as Rec & {
    issues: Rec[];
    actors: Rec[];
    positions: Rec[];
    mechanisms?: Rec[];
    agreement?: Rec;
  };
  const meta = ["entente", "id", "title", "description", "asOf"]
    .filter((k) => s[k] !== undefined)
    .map((k) => ({ field: k, value: s[k] }));
  const options = s.issues.flatMap((i) =>
    ((i.options as Rec[] | undefined) ?? []).map((o) => ({ issue: i.id, ...o })),
  );
  const issues = s.issues.map(({ options: _options, ...rest }) => rest);
  const agreement = Object.entries(s.agreement ?? {}).map(([field, v]) =>
    scalar(v) ? { field, value: v } : { field, json: v },
  );
  return [
    recordsToTable("scenario", meta),
    recordsToTable("actors", s.actors),
    recordsToTable("issues", issues),
    recordsToTable("options", options),
    recordsToTable("positions", s.positions),
    recordsToTable("mechanisms", s.mechanisms ?? []),
    recordsToTable("agreement", agreement),
  ].map((t) => (t.headers.length ? t : { ...t, headers: defaultHeaders[t.name] ?? [] }));
}

/** Headers of an empty sheet, so that the template shows what to fill in. */
const defaultHeaders: Record<string, string[]> = {
  mechanisms: ["id", "name", "guarantors[]", "rule.type", "source"],
  agreement: ["field", "value", "json{}"],
  options: ["issue", "id", "label", "value"],
};

/**
 * Tables (as read from a workbook) back into a valid scenario, or every problem found, each at its
 * sheet, row and column: unreadable cells first; then what the scenario's schema and its reference
 * checks find, placed at the cell the field came from.
 */
export function tablesToScenario(tables: readonly Table[]): Scenario {
  const byName = new Map(tables.map((t) => [t.name.trim().toLowerCase(), t]));
  const problems: SheetProblem[] = [];
  const read = (name: string) => {
    const t = byName.get(name);
    if (!t) return { records: [] as Rec[], origins: [] as RecordOrigin[] };
    try {
      return tableToRecords(t);
    } catch (e) {
      if (e instanceof SheetError) problems.push(...e.problems);
      else throw e;
      return { records: [] as Rec[], origins: [] as RecordOrigin[] };
    }
  };
  for (const required of ["scenario", "actors", "issues", "positions"])
    if (!byName.has(required))
      problems.push({
        sheet: required,
        row: 1,
        message: `the workbook has no sheet '${required}' (see docs/spreadsheets.md)`,
      });
  const meta = read("scenario");
  const actors = read("actors");
  const issues = read("issues");
  const options = read("options");
  const positions = read("positions");
  const mechanisms = read("mechanisms");
  const agreement = read("agreement");
  if (problems.length) throw new SheetError(problems);

  const scenario: Rec = {};
  const metaRow = new Map<string, RecordOrigin>();
  meta.records.forEach((r, k) => {
    const key = String(r.field ?? "");
    if (key) {
      scenario[key] = r.value;
      metaRow.set(key, meta.origins[k]!);
    }
  });
  // Options join their issue by id, in the order of the sheet.
  const optionOrigins = new Map<string, RecordOrigin[]>();
  const optionsOf = new Map<string, Rec[]>();
  options.records.forEach((o, k) => {
    const { issue, ...rest } = o;
    const id = String(issue ?? "");
    if (!issues.records.some((i) => i.id === id))
      problems.push({
        sheet: "options",
        row: options.origins[k]!.row,
        column: options.origins[k]!.columns.get("issue") ?? "A",
        message: `no issue '${id}' in the issues sheet`,
      });
    optionsOf.set(id, [...(optionsOf.get(id) ?? []), rest]);
    optionOrigins.set(id, [...(optionOrigins.get(id) ?? []), options.origins[k]!]);
  });
  if (problems.length) throw new SheetError(problems);
  scenario.actors = actors.records;
  scenario.issues = issues.records.map((i) =>
    optionsOf.has(String(i.id)) ? { ...i, options: optionsOf.get(String(i.id)) } : i,
  );
  scenario.positions = positions.records;
  if (byName.has("mechanisms")) scenario.mechanisms = mechanisms.records;
  const agreementRow = new Map<string, RecordOrigin>();
  if (agreement.records.length) {
    const a: Rec = {};
    agreement.records.forEach((r, k) => {
      const key = String(r.field ?? "");
      a[key] = r.json !== undefined ? r.json : r.value;
      agreementRow.set(key, agreement.origins[k]!);
    });
    scenario.agreement = a;
  }

  /** The cell a field path came from, and where inside a JSON cell when it is one. */
  const place = (path: ReadonlyArray<PropertyKey>): SheetProblem => {
    const [top, index, ...rest] = path;
    const where = (
      origin: RecordOrigin | undefined,
      sheet: string,
      fields: ReadonlyArray<PropertyKey>,
    ): SheetProblem => {
      if (!origin) return { sheet, row: 1, message: "" };
      const [a, b] = fields.map(String);
      const column =
        (b !== undefined ? origin.columns.get(`${a}.${b}`) : undefined) ??
        (a !== undefined ? origin.columns.get(a) : undefined);
      const opened = b !== undefined && origin.columns.has(`${a}.${b}`) ? 2 : 1;
      const inside = fields.length > opened ? ` (inside the cell: ${formatPath(fields.slice(opened))})` : "";
      return { sheet: origin.sheet, row: origin.row, ...(column ? { column } : {}), message: inside };
    };
    if (
      top === "issues" &&
      typeof index === "number" &&
      rest[0] === "options" &&
      typeof rest[1] === "number"
    ) {
      const id = String(issues.records[index]?.id ?? "");
      return where(optionOrigins.get(id)?.[rest[1]], "options", rest.slice(2));
    }
    const sheets: Record<string, { origins: RecordOrigin[] }> = { actors, issues, positions, mechanisms };
    if (typeof top === "string" && sheets[top] && typeof index === "number")
      return where(sheets[top].origins[index], top, rest);
    if (top === "agreement" && index !== undefined) {
      const o = agreementRow.get(String(index));
      const p = where(o, "agreement", ["json", ...rest]);
      return {
        ...p,
        ...((o?.columns.get("json") ?? o?.columns.get("value"))
          ? { column: o?.columns.get("json") ?? o?.columns.get("value") }
          : {}),
      };
    }
    if (typeof top === "string" && metaRow.has(top)) return where(metaRow.get(top), "scenario", ["value"]);
    return { sheet: typeof top === "string" && sheets[top] ? top : "scenario", row: 1, message: "" };
  };
  const parsed = scenarioSchema.safeParse(scenario);
  if (!parsed.success) {
    throw new SheetError(
      parsed.error.issues.map((i) => {
        const p = place(i.path);
        return { ...p, message: `${formatPath(i.path)}: ${i.message}${p.message}` };
      }),
    );
  }
  const refs = checkScenario(parsed.data);
  if (refs.length)
    throw new SheetError(
      refs.map((r) => {
        const p = place(r.path);
        return { ...p, message: `${formatPath(r.path)}: ${r.message}${p.message}` };
      }),
    );
  return parsed.data;
}

/**
 * The baseline analysis as tables: `actors`, `issues` (the weighted mean and median forecasts),
 * `positions` (each actor's ideal, weight, distance to the forecasts and red lines crossed, per
 * issue) and `utilities` (each actor's utility for the forecast packages, in points out of 100).
 */
export function analysisToTables(report: AnalysisReport): Table[] {
  const label = (issueId: string, v: Json) =>
    report.issues.find((i) => i.id === issueId)?.options?.find((o) => o.id === v)?.label ?? v;
  const tables = [
    recordsToTable(
      "actors",
      report.actors.map((a) => ({ ...a, roles: a.roles })),
    ),
    recordsToTable(
      "issues",
      report.issues.map((i) => ({
        id: i.id,
        name: i.name,
        kind: i.kind,
        unit: i.unit,
        meanForecast: i.forecast.mean.label,
        meanValue: i.forecast.mean.value,
        medianForecast: i.forecast.median.label,
        medianValue: i.forecast.median.value,
      })),
    ),
    recordsToTable(
      "positions",
      report.issues.flatMap((i) =>
        i.actors.map((a) => ({
          issue: i.id,
          actor: a.actor,
          ideal: label(i.id, a.ideal) as Cell,
          salience: a.salience,
          weight: a.weight,
          distanceMean: a.distance.mean,
          distanceMedian: a.distance.median,
          redLineCrossedMean: a.redLineCrossed.mean,
          redLineCrossedMedian: a.redLineCrossed.median,
          confidence: a.confidence,
          source: a.source,
        })),
      ),
    ),
    recordsToTable(
      "utilities",
      (report.packages[0]?.utilities ?? []).map((u) => ({
        actor: u.actor,
        ...Object.fromEntries(
          report.packages.map((p) => [
            `${p.model}Package`,
            Math.round(p.utilities.find((x) => x.actor === u.actor)!.utility * 1000) / 10,
          ]),
        ),
        redLinesCrossed: report.packages
          .map(
            (p) =>
              `${p.model}: ${p.utilities.find((x) => x.actor === u.actor)!.redLinesCrossed.join(", ") || "none"}`,
          )
          .join("; "),
      })),
    ),
  ];
  return tables;
}
