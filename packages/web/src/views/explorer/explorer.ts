/// <reference lib="dom" />
/**
 * The scenario explorer (every role): the actors with their capabilities and sources; per issue,
 * the positions on the axis with capability × salience; the forecast of each model and the Monte
 * Carlo distribution; the guarantee rules side by side with voting power and the stress test; the
 * agreement space of two chosen actors (Pareto frontier, Nash, Kalai–Smorodinsky, maximin). Each
 * analysis runs as a job (POST /api/jobs) with a progress bar and Cancel. Loaded on first visit
 * (its own chunk), and the charts in theirs.
 */

import { actorColourMap } from "@entente/charts/palette";
import type {
  AgreementSection,
  AnalysisReport,
  ForecastModelName,
  ForecastSection,
  GuaranteesSection,
  MonteCarloResult,
  PackageView,
  Scenario,
} from "@entente/core";
import { h } from "preact";
import { useState } from "preact/hooks";
import { call, client } from "../../api/client.js";
import type { ScreenProps } from "../../app/router.js";
import { href } from "../../app/router.js";
import { t } from "../../i18n/index.js";
import { Chart } from "../../ui/chart.js";
import { Field, FullLabel, loaded, Page, Section, useLoad } from "../../ui/components.js";
import { JobPanel, type JobRequest } from "../../ui/job.js";
import { Legend } from "./legend.js";
import { Positions } from "./positions.js";

/** Every forecast model, headline first (core's forecastModelNames; the type keeps this list complete). */
const MODELS = [
  "compromise",
  "median",
  "nash",
  "eu",
  "smp",
  "ensemble",
  "influence",
] as const satisfies readonly ForecastModelName[];
type MissingModel = Exclude<ForecastModelName, (typeof MODELS)[number]>;
const complete: [MissingModel] extends [never] ? true : false = true;
void complete;
type Model = (typeof MODELS)[number];
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

function th(text: string) {
  return h("th", { scope: "col" }, text);
}

/** The actors table. */
function Actors(props: { report: AnalysisReport }) {
  return h(
    "table",
    { class: "data actors" },
    h("caption", null, t("explorer.actors.caption")),
    h(
      "thead",
      null,
      h(
        "tr",
        null,
        ["actor", "kind", "roles", "capability", "confidence", "source"].map((c) =>
          th(t(`explorer.col.${c}` as "explorer.col.actor")),
        ),
      ),
    ),
    h(
      "tbody",
      null,
      props.report.actors.map((a) =>
        h(
          "tr",
          null,
          h("th", { scope: "row" }, a.name),
          h("td", null, a.kind),
          h("td", null, a.roles.join(", ")),
          h("td", { class: "num" }, a.capability.toLocaleString("en")),
          h("td", { class: "num" }, a.capabilityConfidence.toFixed(2)),
          h("td", { class: "source" }, a.capabilitySource),
        ),
      ),
    ),
  );
}

/** The guarantee rules side by side, then each rule's voting power (chart) and stress test. */
function Guarantees(props: { section: GuaranteesSection | undefined; colours: ReadonlyMap<string, string> }) {
  const g = props.section;
  if (!g || g.mechanisms.length === 0) return h("p", null, t("explorer.guarantees.none"));
  const c = g.comparison;
  return h(
    "div",
    { class: "guarantees" },
    h(
      "table",
      { class: "data compare" },
      h("caption", null, t("explorer.guarantees.compare")),
      h(
        "thead",
        null,
        h(
          "tr",
          null,
          th(t("explorer.col.accused")),
          c.mechanisms.map((m) => th(m.name)),
        ),
      ),
      h(
        "tbody",
        null,
        c.violators.map((v, i) =>
          h(
            "tr",
            null,
            h("th", { scope: "row" }, v.name),
            c.mechanisms.map((_, j) => {
              const p = c.probability[i]?.[j];
              return h("td", { class: "num" }, p ? pct(p.value) : "—");
            }),
          ),
        ),
      ),
    ),
    g.findings.map((f) => h("p", { class: "finding" }, f)),
    g.mechanisms.map((m) =>
      h(
        "div",
        { class: "mechanism" },
        h("h3", null, m.name),
        h("p", { class: "meta" }, m.rule),
        h(
          "div",
          { class: "chart-block", "data-actors": JSON.stringify(m.power.map((p) => p.name)) },
          h(Legend, {
            items: m.power.map((p) => ({ label: p.name, colour: props.colours.get(p.actor) ?? "#767b84" })),
          }),
          h(Chart, {
            deps: [m],
            draw: (charts, doc) =>
              charts.powerChart(doc, {
                id: `power-${m.id}`,
                rule: m.name,
                index: "Shapley–Shubik index",
                bars: m.power.map((p) => ({
                  actor: p.actor,
                  name: p.name,
                  value: p.shapleyShubik.value,
                  veto: p.veto,
                })),
                colours: props.colours,
              }),
          }),
        ),
        h(
          "table",
          { class: "data stress" },
          h("caption", null, t("explorer.guarantees.stress", { rule: m.name })),
          h(
            "thead",
            null,
            h(
              "tr",
              null,
              th(t("explorer.col.accused")),
              th(t("explorer.col.probability")),
              th(t("explorer.col.hours")),
              th(t("explorer.col.finding")),
            ),
          ),
          h(
            "tbody",
            null,
            m.stress.map((s) =>
              h(
                "tr",
                null,
                h("th", { scope: "row" }, s.accusedName),
                h("td", { class: "num" }, pct(s.probability.value)),
                h("td", { class: "num" }, s.expectedHours === null ? "—" : s.expectedHours.toFixed(0)),
                h("td", null, s.finding),
              ),
            ),
          ),
        ),
      ),
    ),
  );
}

/** Each model's forecast per issue. */
function Forecasts(props: { section: ForecastSection }) {
  const s = props.section;
  const point = (p: { outcome?: unknown; label?: string; value?: number | null }) =>
    p.label ?? (p.value !== null && p.value !== undefined ? p.value.toFixed(1) : String(p.outcome ?? "—"));
  const models = MODELS.filter((m) => s.issues.some((i) => i.forecasts[m]));
  return h(
    "table",
    { class: "data forecasts" },
    h("caption", null, t("explorer.forecast.caption", { model: s.model })),
    h(
      "thead",
      null,
      h(
        "tr",
        null,
        th(t("explorer.col.issue")),
        models.map((m) => th(m)),
      ),
    ),
    h(
      "tbody",
      null,
      s.issues.map((i) =>
        h(
          "tr",
          null,
          h("th", { scope: "row" }, i.name),
          models.map((m) => {
            const p = i.forecasts[m] as unknown as {
              outcome?: unknown;
              label?: string;
              value?: number | null;
            };
            return h(
              "td",
              { class: m === s.model ? "headline" : undefined },
              h(FullLabel, { text: p ? point(p) : "—" }),
            );
          }),
        ),
      ),
    ),
  );
}

/** The Monte Carlo result: a distribution chart per issue with options, an interval per numeric issue. */
function Distributions(props: { result: MonteCarloResult; scenario: Scenario }) {
  return h(
    "div",
    { class: "distributions" },
    props.result.distributions.map((d) => {
      const issue = props.scenario.issues.find((i) => i.id === d.issue);
      if (!issue) return null;
      if (issue.kind === "numeric" || !d.optionProbabilities)
        return h(
          "p",
          null,
          t("explorer.mc.interval", {
            issue: issue.name,
            median: d.median?.toFixed(0) ?? "—",
            p05: d.p05?.toFixed(0) ?? "—",
            p95: d.p95?.toFixed(0) ?? "—",
            unit: issue.kind === "numeric" ? issue.unit : "",
          }),
        );
      const probs = d.optionProbabilities;
      return h(
        "div",
        { class: "chart-block", "data-actors": "[]" },
        h(Chart, {
          deps: [d],
          draw: (charts, doc) =>
            charts.distributionChart(doc, {
              id: `distribution-${d.issue}`,
              title: issue.name,
              draws: d.draws,
              bars: issue.options.map((o) => ({ label: o.label, probability: probs[o.id] ?? 0 })),
            }),
        }),
      );
    }),
  );
}

const SOLUTIONS = [
  ["nash", "explorer.solution.nash"],
  ["kalaiSmorodinsky", "explorer.solution.kalaiSmorodinsky"],
  ["egalitarian", "explorer.solution.egalitarian"],
] as const;

/** The agreement space of two actors: the chart and the solutions' packages. */
function AgreementSpace(props: {
  section: AgreementSection;
  a: string;
  b: string;
  names: ReadonlyMap<string, string>;
}) {
  const s = props.section;
  const util = (p: PackageView, id: string) => 100 * (p.utilities.find((u) => u.actor === id)?.utility ?? 0);
  const at = (p: PackageView) => ({ a: util(p, props.a), b: util(p, props.b) });
  const present = SOLUTIONS.flatMap(([k, key]) => {
    const v = s.solutions[k];
    return v ? [{ name: t(key), view: v }] : [];
  });
  const pts = [...s.pareto.shown, ...present.map((p) => p.view)].map(at);
  const frontier = pts.filter((p) => !pts.some((q) => q.a >= p.a && q.b >= p.b && (q.a > p.a || q.b > p.b)));
  const A = s.actors.find((x) => x.id === props.a);
  const B = s.actors.find((x) => x.id === props.b);
  const nameA = props.names.get(props.a) ?? props.a;
  const nameB = props.names.get(props.b) ?? props.b;
  return h(
    "div",
    { class: "agreement" },
    h(
      "p",
      null,
      t("explorer.agreement.count", {
        count: s.count.lower.toLocaleString("en"),
        total: s.space.packages.toLocaleString("en"),
      }),
    ),
    h(
      "div",
      { class: "chart-block", "data-actors": JSON.stringify([nameA, nameB]) },
      h(Legend, {
        items: [
          { label: `${nameA} (→)`, colour: "#0072B2" },
          { label: `${nameB} (↑)`, colour: "#D55E00" },
        ],
      }),
      present.length && A && B
        ? h(Chart, {
            deps: [s, props.a, props.b],
            draw: (charts, doc) =>
              charts.agreementSpaceChart(doc, {
                id: "agreement-space",
                actorA: nameA,
                actorB: nameB,
                frontier,
                noDeal: { a: 100 * A.disagreement, b: 100 * B.disagreement },
                solutions: present.map((p) => ({ name: p.name, ...at(p.view) })),
              }),
          })
        : null,
    ),
    h(
      "table",
      { class: "data solutions" },
      h("caption", null, t("explorer.agreement.solutions")),
      h(
        "thead",
        null,
        h(
          "tr",
          null,
          th(t("explorer.col.solution")),
          th(t("explorer.col.utility", { actor: nameA })),
          th(t("explorer.col.utility", { actor: nameB })),
          th(t("explorer.col.package")),
        ),
      ),
      h(
        "tbody",
        null,
        present.map((p) =>
          h(
            "tr",
            null,
            h("th", { scope: "row" }, p.name),
            h("td", { class: "num" }, util(p.view, props.a).toFixed(1)),
            h("td", { class: "num" }, util(p.view, props.b).toFixed(1)),
            h(
              "td",
              null,
              h(
                "ul",
                { class: "choices" },
                p.view.choices.map((c) => h("li", null, `${c.issueName ?? c.issue}: ${c.label}`)),
              ),
            ),
          ),
        ),
      ),
    ),
  );
}

/** The explorer of one stored scenario version. */
function Explore(props: { id: number; version: number }) {
  const { id, version } = props;
  const state = useLoad(
    () => call(client.GET("/api/scenarios/{id}/versions/{version}", { params: { path: { id, version } } })),
    [id, version],
  );
  const [model, setModel] = useState<Model>("compromise");
  const [runs, setRuns] = useState(20000);
  const [pair, setPair] = useState<[string, string] | null>(null);
  return loaded(state, (v) => {
    const scenario = v.parsed as Scenario;
    const names = new Map(scenario.actors.map((a) => [a.id, a.name]));
    const colours = actorColourMap(scenario.actors.map((a) => a.id));
    const withPositions = scenario.actors.filter((a) => scenario.positions.some((p) => p.actor === a.id));
    const [a, b] = pair ?? [withPositions[0]?.id ?? "", withPositions[1]?.id ?? ""];
    const actorSelect = (label: string, value: string, set: (x: string) => void) =>
      h(
        Field,
        { label },
        h(
          "select",
          { value, onChange: (e: Event) => set((e.target as HTMLSelectElement).value) },
          withPositions.map((x) => h("option", { value: x.id }, x.name)),
        ),
      );
    return h(
      "div",
      null,
      h("p", { class: "lead" }, t("explorer.heading", { title: scenario.title, version })),
      h(
        Section,
        { title: t("explorer.overview"), name: "overview" },
        h(JobPanel, {
          label: t("explorer.overview.label"),
          action: t("explorer.overview.run"),
          auto: true,
          start: (): JobRequest => ({
            kind: "analysis",
            scenarioId: id,
            version,
            engine: "analyze",
            options: { sections: ["guarantees"] },
          }),
          children: (result: unknown) => {
            const report = result as AnalysisReport;
            return h(
              "div",
              null,
              h("h3", null, t("explorer.actors")),
              h(Actors, { report }),
              h("h3", null, t("explorer.positions")),
              h(Positions, { report, names, colours }),
              h("h3", null, t("explorer.guarantees")),
              h(Guarantees, {
                section: report.sections.guarantees as GuaranteesSection | undefined,
                colours,
              }),
            );
          },
        }),
      ),
      h(
        Section,
        { title: t("explorer.forecast"), name: "forecast" },
        h(JobPanel, {
          label: t("explorer.forecast.label"),
          action: t("explorer.forecast.run"),
          start: (): JobRequest => ({ kind: "analysis", scenarioId: id, version, engine: "forecast" }),
          children: (result: unknown) => h(Forecasts, { section: result as ForecastSection }),
        }),
        h("h3", null, t("explorer.mc")),
        h(
          "div",
          { class: "inline-fields" },
          h(
            Field,
            { label: t("explorer.mc.model") },
            h(
              "select",
              {
                value: model,
                onChange: (e: Event) => setModel((e.target as HTMLSelectElement).value as Model),
              },
              MODELS.map((m) => h("option", { value: m }, m)),
            ),
          ),
          h(
            Field,
            { label: t("explorer.mc.runs") },
            h("input", {
              type: "number",
              min: 10,
              max: 1_000_000,
              step: 1,
              value: runs,
              onInput: (e: Event) => setRuns(Number((e.target as HTMLInputElement).value) || 0),
            }),
          ),
        ),
        h(JobPanel, {
          label: t("explorer.mc.label"),
          action: t("explorer.mc.run"),
          start: (): JobRequest => ({ kind: "montecarlo", scenarioId: id, version, model, runs, seed: 1 }),
          children: (result: unknown) => h(Distributions, { result: result as MonteCarloResult, scenario }),
        }),
      ),
      h(
        Section,
        { title: t("explorer.agreement"), name: "agreement" },
        h(
          "div",
          { class: "inline-fields" },
          actorSelect(t("explorer.agreement.a"), a, (x) => setPair([x, b])),
          actorSelect(t("explorer.agreement.b"), b, (x) => setPair([a, x])),
        ),
        a === b
          ? h("p", { role: "status" }, t("explorer.agreement.same"))
          : h(JobPanel, {
              key: `${a}-${b}`,
              label: t("explorer.agreement.label"),
              action: t("explorer.agreement.run"),
              start: (): JobRequest => ({
                kind: "agreement-search",
                scenarioId: id,
                version,
                options: { actors: [a, b], nodeBudget: 2_000_000 },
              }),
              children: (result: unknown) =>
                h(AgreementSpace, { section: result as AgreementSection, a, b, names }),
            }),
      ),
    );
  });
}

/** Without a scenario chosen: the list of scenarios, each opening its latest version. */
function ChooseScenario() {
  const state = useLoad(() => call(client.GET("/api/scenarios")), []);
  return loaded(state, (r) =>
    r.scenarios.length
      ? h(
          "div",
          null,
          h("p", null, t("explorer.pick")),
          h(
            "ul",
            { class: "scenario-list" },
            r.scenarios.map((s) =>
              h(
                "li",
                null,
                h(
                  "a",
                  { href: href(`/explorer/${s.id}/${s.latestVersion}`) },
                  `${s.slug} (v${s.latestVersion})`,
                ),
              ),
            ),
          ),
        )
      : h("p", null, t("explorer.none")),
  );
}

/** The screen: `#/explorer` (choose) or `#/explorer/:scenarioId/:version`. */
export default function ExplorerScreen(props: ScreenProps) {
  const id = Number(props.params.scenarioId);
  const version = Number(props.params.version);
  return h(
    Page,
    { title: t("explorer.title"), class: "explorer" },
    h("p", { class: "note" }, t("explorer.lead")),
    id && version ? h(Explore, { id, version }) : h(ChooseScenario, null),
  );
}
