/**
 * The DEU III dataset of EU legislative decision-making (Arregui & Perarnaud 2021, "A new dataset on
 * legislative decision-making in the European Union: the DEU III dataset", J. European Public
 * Policy; data doi:10.34810/data53) in the tab-separated layout of the *Predictioneer's Game*
 * replication (blksv/predictioneers_game, `deu3.csv`): row 1 quoted column names, row 2 each actor's
 * capability in its position column, then one row per controversial issue.
 *
 * Columns read: `isnr` (issue id), `prnr`/`prname` (proposal), `proc` (`COD` codecision, `CNS`
 * consultation), `counvte` (Council rule: `QMV`, `Unan`, `QMV(10)`), `p<actor>` (position 0–100,
 * empty when none recorded), `s<actor>` (salience 0–100), `rp` (reference point), `out` (recorded
 * outcome). Actor columns are the `p…` columns from `pcom` up to the first salience column.
 */

/** One actor's stake in one DEU issue: only actors with a position and a positive salience. */
export interface DeuStake {
  /** Actor code as in the column name without its `p`: `com`, `ep`, `de`, `fr`, … */
  actor: string;
  capability: number;
  /** 0..100. */
  position: number;
  /** 0..100. */
  salience: number;
}

/** The Council's voting rule on a proposal. */
export type CouncilRule = "qmv" | "unanimity";
/** The legislative procedure: codecision (ordinary legislative procedure) or consultation. */
export type Procedure = "codecision" | "consultation";

/** One controversial issue of a legislative proposal. */
export interface DeuIssue {
  id: string;
  proposal: string;
  proposalName: string;
  procedure?: Procedure;
  councilRule?: CouncilRule;
  /** What happens without a decision, 0..100, when recorded. */
  referencePoint?: number;
  /** The recorded outcome, 0..100, when valid. */
  outcome?: number;
  stakes: DeuStake[];
  /** 1-based line in the file. */
  line: number;
}

export interface DeuParseIssue {
  code: "deu_header" | "deu_capability" | "deu_number";
  message: string;
  line: number;
  column: number;
}

export type DeuParseResult = { ok: true; issues: DeuIssue[] } | { ok: false; errors: DeuParseIssue[] };

const unquote = (s: string) => {
  const t = s.trim();
  return t.length >= 2 && t.startsWith('"') && t.endsWith('"') ? t.slice(1, -1) : t;
};

const PROCEDURES: Record<string, Procedure> = { COD: "codecision", CNS: "consultation" };

/** Parses DEU III as tab-separated text; errors carry line and column (1-based). */
export function parseDeu(text: string): DeuParseResult {
  const lines = text.split(/\r?\n/);
  const errors: DeuParseIssue[] = [];
  const head = (lines[0] ?? "").split("\t").map(unquote);
  const col = (name: string) => head.indexOf(name);
  const required = ["isnr", "pcom", "out"];
  const missing = required.filter((c) => col(c) < 0);
  if (missing.length > 0) {
    return {
      ok: false,
      errors: [
        {
          code: "deu_header",
          message: `row 1 must name the DEU columns; missing ${missing.join(", ")} (is the file tab-separated?)`,
          line: 1,
          column: 1,
        },
      ],
    };
  }
  const actorCols: Array<{ actor: string; p: number; s: number }> = [];
  for (let i = col("pcom"); i < head.length && head[i]!.startsWith("p"); i++) {
    const actor = head[i]!.slice(1);
    const s = col(`s${actor}`);
    if (s >= 0) actorCols.push({ actor, p: i, s });
  }
  const capRow = (lines[1] ?? "").split("\t").map(unquote);
  const capability = new Map<string, number>();
  for (const a of actorCols) {
    const v = Number(capRow[a.p]);
    if (capRow[a.p] === undefined || capRow[a.p] === "" || !(v > 0)) {
      errors.push({
        code: "deu_capability",
        message: `row 2 must hold a positive capability for ${head[a.p]}, got "${capRow[a.p] ?? ""}"`,
        line: 2,
        column: a.p + 1,
      });
    }
    capability.set(a.actor, v);
  }
  const issues: DeuIssue[] = [];
  const num = (cells: string[], i: number, line: number): number | undefined => {
    const t = cells[i] ?? "";
    if (t === "" || i < 0) return undefined;
    const v = Number(t);
    if (!Number.isFinite(v)) {
      errors.push({
        code: "deu_number",
        message: `${head[i]}: expected a number, got "${t}"`,
        line,
        column: i + 1,
      });
      return undefined;
    }
    return v;
  };
  for (let r = 2; r < lines.length; r++) {
    if (lines[r]!.trim() === "") continue;
    const cells = lines[r]!.split("\t").map(unquote);
    const line = r + 1;
    const stakes: DeuStake[] = [];
    for (const a of actorCols) {
      const position = num(cells, a.p, line);
      const salience = num(cells, a.s, line);
      if (position === undefined || salience === undefined || !(salience > 0)) continue;
      stakes.push({ actor: a.actor, capability: capability.get(a.actor)!, position, salience });
    }
    const issue: DeuIssue = {
      id: cells[col("isnr")] ?? `row-${line}`,
      proposal: cells[col("prnr")] ?? "",
      proposalName: cells[col("prname")] ?? "",
      stakes,
      line,
    };
    const proc = PROCEDURES[cells[col("proc")] ?? ""];
    if (proc) issue.procedure = proc;
    const vote = cells[col("counvte")] ?? "";
    if (vote.startsWith("QMV")) issue.councilRule = "qmv";
    else if (vote.startsWith("Unan")) issue.councilRule = "unanimity";
    const rp = num(cells, col("rp"), line);
    if (rp !== undefined) issue.referencePoint = rp;
    const out = num(cells, col("out"), line);
    if (out !== undefined) issue.outcome = out;
    issues.push(issue);
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, issues };
}

/**
 * Whether a DEU issue can be scored: it has a recorded outcome and at least two actors with a
 * position and a positive salience (the definition of issue #16; 172 of the dev half's 177 rows).
 */
export function isUsableDeuIssue(issue: DeuIssue): boolean {
  return issue.outcome !== undefined && issue.stakes.length >= 2;
}
