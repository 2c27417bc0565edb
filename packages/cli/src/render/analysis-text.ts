import type { AnalysisReport, IssueAnalysis } from "@entente/core";
import pc from "picocolors";
import { provenanceLine } from "./provenance.js";
import { issueRedLines, utilityPoints } from "./red-lines.js";
import type { SectionRenderer } from "./sections.js";
import { capList } from "./terminal.js";
import { num, textTable } from "./text-table.js";

/** Actors listed before "…and N more" (--all lists every one). */
const ACTOR_ROWS = 12;

function ideal(issue: IssueAnalysis, v: string | number): string {
  if (issue.kind === "numeric") return `${num(Number(v), 0)}`;
  return issue.options?.find((o) => o.id === v)?.label ?? String(v);
}

function issueBlock(issue: IssueAnalysis, names: Map<string, string>): string {
  const unit = issue.unit ? ` (${issue.unit})` : "";
  const head = `${pc.bold(issue.name)} ${pc.dim(`[${issue.id}, ${issue.kind}${unit}]`)}`;
  const axis =
    issue.kind === "categorical" ? "" : ` ${pc.dim(`axis ${num(issue.axis[0])}–${num(issue.axis[1])}`)}`;
  const f = issue.forecast;
  const fmt = (m: "mean" | "median") =>
    issue.kind === "ordinal" ? `${f[m].label} ${pc.dim(`(${num(f[m].value, 1)})`)}` : f[m].label;
  const forecasts =
    issue.kind === "categorical"
      ? `  weighted plurality: ${pc.cyan(f.mean.label)} ${pc.dim("(no mean or median on unordered options)")}`
      : `  weighted mean: ${pc.cyan(fmt("mean"))}\n  weighted median: ${pc.cyan(fmt("median"))}`;
  const rows = [...issue.actors]
    .sort((a, b) => b.weight - a.weight)
    .map((a) => {
      const crossed = (["mean", "median"] as const).filter((m) => a.redLineCrossed[m]);
      return [
        names.get(a.actor) ?? a.actor,
        ideal(issue, a.ideal),
        num(a.salience),
        num(a.weight),
        num(a.distance.mean, 1),
        num(a.distance.median, 1),
        crossed.length ? pc.red(`crossed (${crossed.join(", ")})`) : pc.dim("–"),
        num(a.confidence),
      ];
    });
  const table = textTable(
    ["actor", "ideal", "salience", "weight", "Δ mean", "Δ median", "red line", "conf."],
    rows,
  );
  const lines = issueRedLines(issue, names);
  const redLines = lines.length
    ? `\n  ${pc.bold("Red lines")}\n${lines.map((l) => `  • ${l}`).join("\n")}`
    : `\n  ${pc.dim("No actor states a red line on this issue.")}`;
  return `${head}${axis}\n${forecasts}\n${table}${redLines}`;
}

/** The analysis report as text for a terminal (colour is dropped automatically when not a TTY). */
export function renderAnalysisText(report: AnalysisReport, extra: readonly SectionRenderer[] = []): string {
  const names = new Map(report.actors.map((a) => [a.id, a.name]));
  const out: string[] = [];
  out.push(pc.bold(report.scenario.title));
  if (report.scenario.asOf) out.push(pc.dim(`as of ${report.scenario.asOf}`));
  out.push("", pc.bold("Actors"));
  out.push(
    textTable(
      ["id", "name", "kind", "roles", "capability", "conf."],
      report.actors.map((a) => [
        a.id,
        a.name,
        a.kind,
        a.roles.join(", "),
        num(a.capability),
        num(a.capabilityConfidence),
      ]),
      "  ",
      { limit: ACTOR_ROWS },
    ),
  );
  // Sources are prose: listed once each below the table, with the actors they back.
  const bySource = new Map<string, string[]>();
  for (const a of report.actors)
    bySource.set(a.capabilitySource, [...(bySource.get(a.capabilitySource) ?? []), a.id]);
  out.push(pc.dim("  Capability sources:"));
  out.push(
    ...capList(
      [...bySource].map(([source, ids]) => `  ${ids.join(", ")}: ${source}`),
      ACTOR_ROWS,
    ),
  );
  out.push("", pc.bold(`Issues: forecasts by the compromise model (weighted mean) and the weighted median`));
  out.push(
    pc.dim(
      "  weight = capability × salience; Δ = distance of the actor's ideal from the forecast on the issue's axis",
    ),
  );
  for (const issue of report.issues) out.push("", issueBlock(issue, names));
  out.push(
    "",
    pc.bold(
      "Each actor's utility for the forecast package (points out of 100; 100 = its ideal on every issue)",
    ),
  );
  const actorsWithUtility = report.packages[0]?.utilities.map((u) => u.actor) ?? [];
  out.push(
    textTable(
      ["actor", ...report.packages.map((p) => `${p.model} package`), "red lines crossed (mean | median)"],
      actorsWithUtility.map((actor) => {
        const per = report.packages.map((p) => p.utilities.find((u) => u.actor === actor)!);
        const crossed = per
          .map((u) => (u.redLinesCrossed.length ? pc.red(u.redLinesCrossed.join(", ")) : "none"))
          .join(" | ");
        return [names.get(actor) ?? actor, ...per.map((u) => utilityPoints(u.utility)), crossed];
      }),
    ),
  );
  for (const section of extra) {
    const data = report.sections[section.name];
    if (data === undefined) continue;
    const body = section.text(data, report);
    // Renderers that also serve a command of their own start with their heading; give the others one.
    out.push("", /^\s/.test(body) ? `${pc.bold(section.title)}\n${body.replace(/^(\s*\n)+/, "")}` : body);
  }
  if (report.provenance) out.push("", pc.dim(`Provenance: ${provenanceLine(report.provenance)}`));
  return `${out.join("\n")}\n`;
}
