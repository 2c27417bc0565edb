import type { AnalysisReport, IssueAnalysis } from "@entente/core";
import { esc, htmlPage, htmlTable } from "./html.js";
import { actorColours, issueAxisSvg } from "./issue-chart.js";
import { provenanceLine } from "./provenance.js";
import { issueRedLines, utilityPoints } from "./red-lines.js";
import type { SectionRenderer } from "./sections.js";
import { num } from "./text-table.js";

function idealLabel(issue: IssueAnalysis, v: string | number): string {
  if (issue.kind === "numeric") return num(Number(v), 0);
  return issue.options?.find((o) => o.id === v)?.label ?? String(v);
}

function issueSection(issue: IssueAnalysis, report: AnalysisReport, colours: Map<string, string>): string {
  const names = new Map(report.actors.map((a) => [a.id, a.name]));
  const f = issue.forecast;
  const forecast =
    issue.kind === "categorical"
      ? `<p>Weighted plurality: <b>${esc(f.mean.label)}</b> <span class="dim">(unordered options have no mean or median)</span></p>`
      : `<p>Weighted mean: <b>${esc(f.mean.label)}</b>${issue.kind === "ordinal" ? ` <span class="dim">(${num(f.mean.value, 1)})</span>` : ""}
         &nbsp; Weighted median: <b>${esc(f.median.label)}</b>${issue.kind === "ordinal" ? ` <span class="dim">(${num(f.median.value, 1)})</span>` : ""}</p>`;
  const rows = [...issue.actors]
    .sort((a, b) => b.weight - a.weight)
    .map((a) => {
      const crossed = (["mean", "median"] as const).filter((m) => a.redLineCrossed[m]);
      return [
        esc(names.get(a.actor) ?? a.actor),
        esc(idealLabel(issue, a.ideal)),
        num(a.salience),
        num(a.weight),
        num(a.distance.mean, 1),
        num(a.distance.median, 1),
        crossed.length ? `<span class="bad">crossed (${esc(crossed.join(", "))})</span>` : "–",
        num(a.confidence),
        `<span class="src">${esc(a.source)}</span>`,
      ];
    });
  const lines = issueRedLines(issue, names);
  const redLines = lines.length
    ? `<p><b>Red lines</b></p><ul class="redlines">${lines.map((l) => `<li>${esc(l)}</li>`).join("")}</ul>`
    : `<p class="dim">No actor states a red line on this issue.</p>`;
  return `<h3 id="issue-${esc(issue.id)}">${esc(issue.name)} <span class="dim">(${esc(issue.kind)}${issue.unit ? `, ${esc(issue.unit)}` : ""})</span></h3>
${forecast}
${issueAxisSvg(issue, colours)}
${htmlTable(["actor", "ideal", "salience", "weight", "Δ mean", "Δ median", "red line", "confidence", "source"], rows, [2, 3, 4, 5, 7])}
${redLines}`;
}

/** The analysis report as one self-contained HTML page with an SVG chart per issue. */
export function renderAnalysisHtml(report: AnalysisReport, extra: readonly SectionRenderer[] = []): string {
  const colours = actorColours(report);
  const names = new Map(report.actors.map((a) => [a.id, a.name]));
  const actors = htmlTable(
    ["", "id", "name", "kind", "roles", "capability", "confidence", "source"],
    report.actors.map((a) => [
      `<svg class="dot" viewBox="0 0 12 12" width="12" height="12"><circle cx="6" cy="6" r="5" fill="${colours.get(a.id)}"/></svg>`,
      esc(a.id),
      esc(a.name),
      esc(a.kind),
      esc(a.roles.join(", ")),
      num(a.capability),
      num(a.capabilityConfidence),
      `<span class="src">${esc(a.capabilitySource)}</span>`,
    ]),
    [5, 6],
  );
  const packageActors = report.packages[0]?.utilities.map((u) => u.actor) ?? [];
  const utilities = htmlTable(
    ["actor", ...report.packages.map((p) => `utility, ${p.model} package`), "red lines crossed"],
    packageActors.map((actor) => {
      const per = report.packages.map((p) => p.utilities.find((u) => u.actor === actor)!);
      const crossed = per
        .map((u, i) =>
          u.redLinesCrossed.length
            ? `<span class="bad">${esc(report.packages[i]!.model)}: ${esc(u.redLinesCrossed.join(", "))}</span>`
            : "",
        )
        .filter(Boolean)
        .join("<br>");
      return [esc(names.get(actor) ?? actor), ...per.map((u) => utilityPoints(u.utility)), crossed || "none"];
    }),
    report.packages.map((_, i) => i + 1),
  );
  const sections = extra
    .filter((s) => report.sections[s.name] !== undefined)
    .map((s) => {
      const inner = s.html(report.sections[s.name], report);
      // A renderer that also serves a command of its own (e.g. `entente agree --html`) brings its heading.
      const heading = /^\s*<h2[\s>]/.test(inner) ? "" : `<h2>${esc(s.title)}</h2>\n`;
      return `<section id="${esc(s.name)}">${heading}${inner}</section>`;
    })
    .join("\n");
  const body = `<h1>${esc(report.scenario.title)}</h1>
<p class="dim">Entente analysis report${report.scenario.asOf ? ` · as of ${esc(report.scenario.asOf)}` : ""} · format ${esc(report.format)} v${report.version}</p>
${report.scenario.description ? `<p>${esc(report.scenario.description)}</p>` : ""}
<h2>Actors</h2>
${actors}
<h2>Issues</h2>
<p class="dim">Each circle is an actor at its ideal point; its area is proportional to its weight (capability × salience).
The solid line is the weighted mean (compromise model), the dashed line the weighted median.</p>
${report.issues.map((i) => issueSection(i, report, colours)).join("\n")}
<h2>Utility of the forecast packages</h2>
<p class="dim">Salience-weighted utility of the package of forecasts, in points out of 100 (100 is the actor's ideal on every issue) — the scale of every utility in this report.</p>
${utilities}
${sections}${report.provenance ? `\n<footer class="dim" id="provenance"><p>Provenance: ${esc(provenanceLine(report.provenance))}</p></footer>` : ""}`;
  return htmlPage(`Entente — ${report.scenario.title}`, body);
}
