import { SCENARIO_FORMAT_VERSION, type Scenario } from "../model/scenario.js";
import { type DeuIssue, isUsableDeuIssue } from "./deu.js";

/**
 * Confidence given to DEU numbers, which state none: expert-interview codings are uncertain, and
 * 0.8 (as for KTAB imports) is the doubt the evaluation's Monte Carlo assumes. Edit to change it.
 */
export const DEU_IMPORT_CONFIDENCE = 0.8;

/** The dataset every imported number comes from. */
export const DEU_SOURCE =
  "DEU III (Arregui & Perarnaud 2021, J. European Public Policy, doi:10.34810/data53), as tab-separated by blksv/predictioneers_game";

const NAMES: Record<string, string> = {
  com: "European Commission",
  ep: "European Parliament",
  at: "Austria",
  be: "Belgium",
  bu: "Bulgaria",
  cr: "Croatia",
  cy: "Cyprus",
  cz: "Czechia",
  dk: "Denmark",
  ee: "Estonia",
  fi: "Finland",
  fr: "France",
  de: "Germany",
  el: "Greece",
  hu: "Hungary",
  ie: "Ireland",
  it: "Italy",
  lv: "Latvia",
  lt: "Lithuania",
  lu: "Luxembourg",
  mt: "Malta",
  nl: "Netherlands",
  pl: "Poland",
  pt: "Portugal",
  ro: "Romania",
  si: "Slovenia",
  sk: "Slovakia",
  es: "Spain",
  se: "Sweden",
  uk: "United Kingdom",
};

const safeId = (s: string) => s.replace(/[^A-Za-z0-9_.-]+/g, "-").replace(/^[^A-Za-z0-9]+/, "") || "x";

/**
 * The usable issues of one DEU proposal as a scenario: one numeric issue on 0–100 per DEU issue,
 * with the reference point as its status quo, the recorded outcome and the procedure; every actor
 * with a position and a positive salience as a party whose capability is the file's second row.
 * `file` names the input in every source.
 */
export function deuProposalToScenario(issues: readonly DeuIssue[], file: string): Scenario {
  const usable = issues.filter(isUsableDeuIssue);
  const first = usable[0] ?? issues[0];
  const proposal = first?.proposal ?? "deu";
  const cite = (what: string, line: number) => `${DEU_SOURCE}; ${file}, line ${line}, ${what}`;
  const actors = new Map<string, number>();
  for (const i of usable) for (const s of i.stakes) actors.set(s.actor, s.capability);
  return {
    entente: SCENARIO_FORMAT_VERSION,
    id: safeId(`deu-${proposal}`),
    title: `DEU III proposal ${proposal}${first?.proposalName ? ` (${first.proposalName})` : ""}`,
    description: `EU legislative proposal ${proposal} from DEU III; positions, saliences, reference points and outcomes as coded there (0–100 scale).`,
    actors: [...actors].map(([id, capability]) => ({
      id,
      name: NAMES[id] ?? id,
      kind: id === "com" || id === "ep" ? ("organisation" as const) : ("state" as const),
      roles: ["party" as const],
      capability: {
        value: capability,
        source: cite(`capability row (column p${id})`, 2),
        confidence: DEU_IMPORT_CONFIDENCE,
      },
    })),
    issues: usable.map((i) => ({
      id: safeId(i.id),
      name: `${i.proposalName || i.proposal}: issue ${i.id}`,
      kind: "numeric" as const,
      unit: "position (0–100, DEU III coding)",
      min: 0,
      max: 100,
      ...(i.referencePoint !== undefined ? { statusQuo: i.referencePoint } : {}),
      outcome: { value: i.outcome!, source: cite("column out", i.line) },
      ...(i.procedure && i.councilRule
        ? {
            euProcedure: {
              procedure: i.procedure,
              councilRule: i.councilRule,
              ...(actors.has("com") ? { agendaSetter: "com" } : {}),
              ...(actors.has("ep") ? { parliament: "ep" } : {}),
            },
          }
        : {}),
    })),
    positions: usable.flatMap((i) =>
      i.stakes.map((s) => ({
        actor: s.actor,
        issue: safeId(i.id),
        ideal: s.position,
        salience: s.salience / 100,
        source: cite(`columns p${s.actor}, s${s.actor}`, i.line),
        confidence: DEU_IMPORT_CONFIDENCE,
      })),
    ),
    mechanisms: [],
  };
}

/** DEU issues grouped by proposal (in file order), one scenario per proposal with a usable issue. */
export function deuToScenarios(issues: readonly DeuIssue[], file: string): Scenario[] {
  const byProposal = new Map<string, DeuIssue[]>();
  for (const i of issues) {
    const key = i.proposal || i.id;
    const list = byProposal.get(key) ?? [];
    list.push(i);
    byProposal.set(key, list);
  }
  return [...byProposal.values()]
    .filter((list) => list.some(isUsableDeuIssue))
    .map((list) => deuProposalToScenario(list, file));
}
