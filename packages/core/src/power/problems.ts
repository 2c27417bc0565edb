import { LineCounter, parseDocument } from "yaml";
import { locate } from "../model/locate.js";
import type { Mechanism } from "../model/mechanism.js";
import { formatPath, type ScenarioError } from "../model/scenario-error.js";
import { compileMechanism } from "./compile.js";
import { PowerError } from "./errors.js";

/** A problem in one mechanism that the schema cannot see, with its path relative to the mechanism. */
export interface MechanismProblem {
  code: string;
  path: Array<string | number>;
  message: string;
}

/**
 * Checks that a mechanism can be analysed: its rule names only its guarantors and its weights are
 * exact, and every support entry is about one of its guarantors. Paths are relative to the mechanism.
 */
export function mechanismProblems(m: Mechanism): MechanismProblem[] {
  const out: MechanismProblem[] = [];
  const seen = new Set<string>();
  m.guarantors.forEach((g, i) => {
    if (seen.has(g))
      out.push({
        code: "duplicate_id",
        path: ["guarantors", i],
        message: `guarantor '${g}' is listed twice`,
      });
    seen.add(g);
  });
  try {
    compileMechanism(m);
  } catch (e) {
    if (!(e instanceof PowerError)) throw e;
    out.push({ code: e.code, path: e.path, message: e.message });
  }
  (m.support ?? []).forEach((s, i) => {
    if (!seen.has(s.guarantor))
      out.push({
        code: "not_a_guarantor",
        path: ["support", i, "guarantor"],
        message: `'${s.guarantor}' is not one of this mechanism's guarantors (${m.guarantors.join(", ")})`,
      });
  });
  return out;
}

/** Places problems (paths relative to the scenario root) at file:line:column in the scenario's text. */
export function locateProblems(
  text: string,
  file: string,
  problems: ReadonlyArray<{ path: Array<string | number>; message: string; code: string }>,
): ScenarioError[] {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines });
  return problems.map((p) => {
    const { line, column } = locate(doc, lines, p.path);
    return {
      code: "inconsistent",
      file,
      line,
      column,
      path: formatPath(p.path),
      message: `${p.message} [${p.code}]`,
    };
  });
}
