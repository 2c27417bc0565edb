import type { Issue, IssueValue } from "../model/issue.js";
import type { Position } from "../model/position.js";
import type { Scenario } from "../model/scenario.js";
import { axisInfo, axisOf, nearestOf } from "./axis-cache.js";

/** One actor's stake in one issue, as every forecast model reads it. */
export interface Stake {
  actor: string;
  capability: number;
  /** Confidence (0..1) in the capability figure, which the Monte Carlo widens its draws by. */
  capabilityConfidence: number;
  /** 0..1, how much the actor cares about this issue. */
  salience: number;
  ideal: IssueValue;
  /** The scenario position (utility shape, red lines, risk attitude); its ideal/salience may be redrawn. */
  position: Position;
}

/** One issue with its stakes: what a model needs to forecast it. */
export interface IssueSpec {
  issue: Issue;
  stakes: Stake[];
  statusQuo?: IssueValue;
}

/** The set of issues a forecast covers; built from a scenario, or redrawn by the Monte Carlo. */
export interface ForecastInput {
  issues: IssueSpec[];
  /** Disagreement utility per actor where the scenario states one (Actor.batna). */
  batna: Record<string, number>;
}

/** The issues of a scenario with every actor's stake (capability from the actor, salience from the position). */
export function forecastInputFromScenario(scenario: Scenario): ForecastInput {
  const capability = new Map(scenario.actors.map((a) => [a.id, a.capability.value]));
  const capConfidence = new Map(scenario.actors.map((a) => [a.id, a.capability.confidence]));
  const batna: Record<string, number> = {};
  for (const a of scenario.actors) if (a.batna !== undefined) batna[a.id] = a.batna;
  return {
    batna,
    issues: scenario.issues.map((issue) => {
      const stakes = scenario.positions
        .filter((p) => p.issue === issue.id && capability.has(p.actor))
        .map((p) => ({
          actor: p.actor,
          capability: capability.get(p.actor)!,
          capabilityConfidence: capConfidence.get(p.actor) ?? 1,
          salience: p.salience,
          ideal: p.ideal,
          position: p,
        }));
      const spec: IssueSpec = { issue, stakes };
      if (issue.statusQuo !== undefined) spec.statusQuo = issue.statusQuo;
      return spec;
    }),
  };
}

/** Whether the issue has an axis (ordinal or numeric); categorical issues have none. */
export function hasAxis(issue: Issue): boolean {
  return issue.kind !== "categorical";
}

/** Where a value lies on the issue's axis rescaled to 0..100 (the scale KTAB and BDM models use). */
export function toUnit(issue: Issue, value: IssueValue): number {
  const { lo, hi } = axisInfo(issue);
  const x = axisOf(issue, value);
  return hi > lo ? ((x - lo) / (hi - lo)) * 100 : 50;
}

/** The axis value (issue units) of a point t on the 0..100 scale. */
export function fromUnit(issue: Issue, t: number): number {
  const { lo, hi } = axisInfo(issue);
  return lo + (t / 100) * (hi - lo);
}

/** The outcome an axis value stands for: the nearest option (ordinal) or the value itself (numeric). */
export function outcomeAt(issue: Issue, axis: number): IssueValue {
  return issue.kind === "ordinal" ? nearestOf(issue, axis) : axis;
}
