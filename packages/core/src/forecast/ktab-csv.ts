import type { SmpInput } from "./smp-types.js";

/**
 * A KTAB SMP input file (`examples/smp/doc/*.csv`): line 1 holds the scenario name, description,
 * number of actors and number of dimensions; line 2 the headers (Actor, Description, Influence,
 * then a position and a salience header per dimension); then one line per actor with its id,
 * description, influence and, per dimension, a position (0–100) and a salience (0–100, summing to
 * at most 100 per actor). Layout as read by KTAB's `SMPModel::csvRead`.
 */
export interface KtabScenario {
  name: string;
  description: string;
  dimensions: string[];
  actors: KtabActor[];
}

export interface KtabActor {
  id: string;
  description: string;
  influence: number;
  /** Per dimension, 0..100. */
  positions: number[];
  /** Per dimension, 0..100 as written in the file. */
  saliences: number[];
  /** 1-based line of this actor in the file, for error messages downstream. */
  line: number;
}

export interface KtabParseIssue {
  code: "ktab_header" | "ktab_counts" | "ktab_number" | "ktab_range" | "ktab_missing_rows";
  message: string;
  line: number;
  column: number;
  /** Field path, e.g. "actors[3].positions[0]". */
  path: string;
}

export type KtabParseResult = { ok: true; scenario: KtabScenario } | { ok: false; issues: KtabParseIssue[] };

interface Cell {
  text: string;
  column: number;
}

/** Splits one CSV line, honouring double quotes; each cell keeps its 1-based start column. */
function splitLine(line: string): Cell[] {
  const cells: Cell[] = [];
  let i = 0;
  while (i <= line.length) {
    const start = i;
    let text = "";
    let quoted = false;
    while (i < line.length && line[i] === " ") i++;
    if (line[i] === '"') {
      quoted = true;
      i++;
      while (i < line.length) {
        if (line[i] === '"' && line[i + 1] === '"') {
          text += '"';
          i += 2;
        } else if (line[i] === '"') {
          i++;
          break;
        } else text += line[i++];
      }
      while (i < line.length && line[i] !== ",") i++;
    } else {
      while (i < line.length && line[i] !== ",") text += line[i++];
    }
    cells.push({ text: quoted ? text : text.trim(), column: start + 1 });
    i++; // skip the comma
  }
  return cells;
}

/** Parses a KTAB SMP CSV file's text. Positions and saliences are checked against KTAB's ranges. */
export function parseKtabCsv(text: string): KtabParseResult {
  const lines = text.split(/\r?\n/);
  const issues: KtabParseIssue[] = [];
  const issue = (code: KtabParseIssue["code"], message: string, line: number, column: number, path: string) =>
    issues.push({ code, message, line, column, path });
  const head = splitLine(lines[0] ?? "");
  if (head.length < 4) {
    issue(
      "ktab_header",
      "line 1 must hold: name, description, number of actors, number of dimensions",
      1,
      1,
      "",
    );
    return { ok: false, issues };
  }
  const nActors = Number(head[2]!.text);
  const nDims = Number(head[3]!.text);
  if (!Number.isInteger(nActors) || nActors < 2) {
    issue(
      "ktab_counts",
      `number of actors must be an integer ≥ 2, got "${head[2]!.text}"`,
      1,
      head[2]!.column,
      "numActors",
    );
  }
  if (!Number.isInteger(nDims) || nDims < 1) {
    issue(
      "ktab_counts",
      `number of dimensions must be an integer ≥ 1, got "${head[3]!.text}"`,
      1,
      head[3]!.column,
      "numDims",
    );
  }
  if (issues.length) return { ok: false, issues };
  const headers = splitLine(lines[1] ?? "");
  const dimensions: string[] = [];
  for (let k = 0; k < nDims; k++) {
    const h = headers[3 + 2 * k]?.text ?? "";
    dimensions.push(h.replace(/\s*position\s*$/i, "").trim() || `Dimension ${k + 1}`);
  }
  const actors: KtabActor[] = [];
  let lineNo = 2;
  for (let a = 0; a < nActors; a++) {
    // Skip blank lines between rows; KTAB's reader would choke on them, we are lenient.
    while (lineNo < lines.length && lines[lineNo]!.trim() === "") lineNo++;
    if (lineNo >= lines.length) {
      issue("ktab_missing_rows", `expected ${nActors} actors, found ${a}`, lineNo, 1, `actors[${a}]`);
      break;
    }
    const cells = splitLine(lines[lineNo]!);
    const line = lineNo + 1;
    lineNo++;
    const num = (idx: number, path: string, lo: number, hi: number): number => {
      const c = cells[idx];
      const v = c && c.text !== "" ? Number(c.text) : Number.NaN;
      if (!Number.isFinite(v)) {
        issue("ktab_number", `expected a number, got "${c?.text ?? ""}"`, line, c?.column ?? 1, path);
        return 0;
      }
      if (v < lo || v > hi) issue("ktab_range", `${v} is outside ${lo}..${hi}`, line, c!.column, path);
      return v;
    };
    const base = `actors[${a}]`;
    const influence = num(2, `${base}.influence`, Number.MIN_VALUE, 1e8);
    const positions: number[] = [];
    const saliences: number[] = [];
    let total = 0;
    for (let k = 0; k < nDims; k++) {
      positions.push(num(3 + 2 * k, `${base}.positions[${k}]`, 0, 100));
      const s = num(4 + 2 * k, `${base}.saliences[${k}]`, 0, 100);
      saliences.push(s);
      total += s;
    }
    if (total > 100 + 1e-9) {
      issue(
        "ktab_range",
        `saliences sum to ${total} > 100`,
        line,
        cells[4]?.column ?? 1,
        `${base}.saliences`,
      );
    }
    actors.push({
      id: cells[0]?.text ?? `A${a + 1}`,
      description: cells[1]?.text ?? "",
      influence,
      positions,
      saliences,
      line,
    });
  }
  if (issues.length) return { ok: false, issues };
  return {
    ok: true,
    scenario: { name: head[0]!.text, description: head[1]!.text, dimensions, actors },
  };
}

/** The SMP engine's input for a parsed KTAB file (saliences rescaled from 0–100 to 0–1, as KTAB does). */
export function ktabToSmpInput(s: KtabScenario): SmpInput {
  return {
    dimensions: s.dimensions,
    actors: s.actors.map((a) => ({
      id: a.id,
      capability: a.influence,
      position: a.positions,
      salience: a.saliences.map((x) => x / 100),
    })),
  };
}
