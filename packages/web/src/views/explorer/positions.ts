/// <reference lib="dom" />
/**
 * Per issue, every actor's position on the issue's axis, drawn as a dot whose area grows with the
 * actor's capability × salience (its weight in the compromise and median models), one row per
 * actor so that every name is written in full; the legend names every actor drawn. Plain SVG
 * attributes (no inline style), so the CSP holds.
 */
import type { AnalysisReport, IssueAnalysis } from "@entente/core";
import { h } from "preact";
import { t } from "../../i18n/index.js";
import { Legend } from "./legend.js";

const W = 420;
const ROW = 22;
const PAD = 12;

function axisLabel(issue: IssueAnalysis, v: number): string {
  if (issue.kind === "numeric") return `${Math.round(v).toLocaleString("en")} ${issue.unit ?? ""}`.trim();
  const opts = (issue.options ?? []).filter((o) => o.value !== undefined);
  const near = opts.reduce<(typeof opts)[number] | null>(
    (b, o) => (b === null || Math.abs(o.value! - v) < Math.abs(b.value! - v) ? o : b),
    null,
  );
  return near?.label ?? String(v);
}

function idealLabel(issue: IssueAnalysis, ideal: unknown): string {
  if (issue.kind === "numeric") return `${Number(ideal).toLocaleString("en")} ${issue.unit ?? ""}`.trim();
  return issue.options?.find((o) => o.id === ideal)?.label ?? String(ideal);
}

/** One issue: the strip chart (rows of actors) and a table of the same numbers. */
export function IssuePositions(props: {
  issue: IssueAnalysis;
  names: ReadonlyMap<string, string>;
  colours: ReadonlyMap<string, string>;
}) {
  const { issue, names, colours } = props;
  const rows = [...issue.actors].sort((a, b) => b.weight - a.weight);
  const maxW = Math.max(...rows.map((r) => r.weight), 1e-9);
  const [lo, hi] = issue.axis;
  const x = (v: number) => PAD + ((W - 2 * PAD) * (v - lo)) / (hi - lo || 1);
  const drawn = rows.filter((r) => r.axis !== null);
  const height = drawn.length * ROW + 28;
  const name = (id: string) => names.get(id) ?? id;
  const title = t("explorer.positions.axis", { issue: issue.name });
  return h(
    "figure",
    { class: "positions", "data-actors": JSON.stringify(drawn.map((r) => name(r.actor))) },
    h("figcaption", null, title),
    h(
      "p",
      { class: "meta" },
      t("explorer.positions.forecast", {
        mean: issue.forecast.mean.label,
        median: issue.forecast.median.label,
      }),
    ),
    drawn.length
      ? h(
          "div",
          { class: "strip" },
          h(
            "ul",
            { class: "strip-names", "aria-hidden": "true" },
            drawn.map((r) => h("li", { title: name(r.actor) }, name(r.actor))),
          ),
          h(
            "svg",
            { viewBox: `0 0 ${W} ${height}`, width: W, height, role: "img", "aria-label": title },
            drawn.map((_, k) =>
              h("line", {
                x1: PAD,
                x2: W - PAD,
                y1: 11 + k * ROW,
                y2: 11 + k * ROW,
                stroke: "#d0d7de",
                "stroke-width": 1,
              }),
            ),
            issue.forecast.mean.value !== null
              ? h("line", {
                  x1: x(issue.forecast.mean.value),
                  x2: x(issue.forecast.mean.value),
                  y1: 0,
                  y2: drawn.length * ROW,
                  stroke: "#1b1f24",
                  "stroke-dasharray": "3 3",
                })
              : null,
            drawn.map((r, k) =>
              h(
                "circle",
                {
                  cx: x(r.axis!),
                  cy: 11 + k * ROW,
                  r: 3 + 7 * Math.sqrt(r.weight / maxW),
                  fill: colours.get(r.actor) ?? "#767b84",
                  "fill-opacity": 0.85,
                },
                h("title", null, `${name(r.actor)}: ${idealLabel(issue, r.ideal)}`),
              ),
            ),
            h("text", { x: PAD, y: height - 6, "font-size": 11, fill: "#57606a" }, axisLabel(issue, lo)),
            h(
              "text",
              { x: W - PAD, y: height - 6, "font-size": 11, "text-anchor": "end", fill: "#57606a" },
              axisLabel(issue, hi),
            ),
          ),
        )
      : null,
    h(Legend, {
      items: drawn.map((r) => ({ label: name(r.actor), colour: colours.get(r.actor) ?? "#767b84" })),
    }),
    h(
      "details",
      null,
      h("summary", null, t("explorer.col.weight")),
      h(
        "table",
        { class: "data" },
        h(
          "thead",
          null,
          h(
            "tr",
            null,
            h("th", { scope: "col" }, t("explorer.col.actor")),
            h("th", { scope: "col" }, t("explorer.col.position")),
            h("th", { scope: "col" }, t("explorer.col.salience")),
            h("th", { scope: "col" }, t("explorer.col.weight")),
            h("th", { scope: "col" }, t("explorer.col.source")),
          ),
        ),
        h(
          "tbody",
          null,
          rows.map((r) =>
            h(
              "tr",
              null,
              h("th", { scope: "row" }, name(r.actor)),
              h("td", null, idealLabel(issue, r.ideal)),
              h("td", null, r.salience.toFixed(2)),
              h("td", null, r.weight.toLocaleString("en", { maximumFractionDigits: 1 })),
              h("td", null, r.source),
            ),
          ),
        ),
      ),
    ),
  );
}

/** Every issue's positions. */
export function Positions(props: {
  report: AnalysisReport;
  names: ReadonlyMap<string, string>;
  colours: ReadonlyMap<string, string>;
}) {
  return h(
    "div",
    { class: "issues-positions" },
    props.report.issues.map((issue) =>
      h(IssuePositions, { issue, names: props.names, colours: props.colours }),
    ),
  );
}
