import type { GuaranteesSection, MechanismSection, ReportNumber } from "@entente/core";
import pc from "picocolors";
import { chartKit } from "./chart-kit.js";
import { esc, htmlTable } from "./html.js";
import { actorColours } from "./issue-chart.js";
import type { SectionRenderer } from "./sections.js";
import { num, textTable } from "./text-table.js";

/** "0.1963" for exact values (the fraction is in the JSON), "≈0.196 [0.190, 0.202]" for estimates. */
function value(x: ReportNumber | undefined, digits = 4): string {
  if (!x) return "–";
  if (x.interval) return `≈${num(x.value, 3)} [${num(x.interval[0], 3)}, ${num(x.interval[1], 3)}]`;
  return num(x.value, digits);
}

function percent(x: ReportNumber | null | undefined): string {
  if (!x) return "–";
  const p = x.value * 100;
  const text = p > 0 && p < 0.1 ? "<0.1%" : `${num(p, 1)}%`;
  return x.interval ? `≈${text}` : text;
}

function hoursText(h: number | null | undefined): string {
  return h === null || h === undefined ? "–" : `${num(h, 0)} h`;
}

function mechanismText(m: MechanismSection): string {
  const out: string[] = [];
  out.push(`${pc.bold(m.name)} ${pc.dim(`[${m.id}]`)}`);
  out.push(
    `  Rule: ${m.rule}; the accused ${m.accusedVote === "counts-as-no" ? "counts as voting no" : m.accusedVote}.`,
  );
  out.push(
    pc.dim(
      `  ${m.method === "exact" ? "Exact" : "Monte Carlo estimate"}, ${m.engine}; a random proposal passes with probability ${value(m.passProbability)}` +
        (m.minimalWinning ? `; ${m.minimalWinning.count} minimal winning coalitions` : "") +
        (m.minimalBlocking ? `, ${m.minimalBlocking.count} minimal blocking` : ""),
    ),
  );
  out.push(
    textTable(
      ["guarantor", "Shapley–Shubik", "Banzhaf (norm.)", "swings", "Deegan–Packel", "Holler", "veto"],
      m.power.map((p) => [
        p.name,
        value(p.shapleyShubik),
        value(p.banzhafNormalised ?? p.banzhafAbsolute),
        p.banzhafRaw ?? "–",
        value(p.deeganPackel),
        value(p.holler),
        p.veto ? pc.red("veto") : p.dummy ? pc.dim("dummy") : "",
      ]),
    ),
  );
  if (m.minimalWinning?.list && m.minimalWinning.list.length > 0)
    out.push(pc.dim(`  Minimal winning: ${m.minimalWinning.list.map((c) => `{${c.join(", ")}}`).join(" ")}`));
  out.push(
    textTable(
      ["against", "P(activated)", "by half-time", "mean time", "method", "assumed backing"],
      m.stress.map((r) => [
        r.accusedName,
        percent(r.probability),
        percent(r.probabilityHalfTime),
        hoursText(r.expectedHours),
        r.method,
        r.assumed.length ? `${r.assumed.length} guarantor(s) at 50%` : "",
      ]),
    ),
  );
  out.push(`  ${pc.yellow("▸")} ${m.finding}`);
  return out.join("\n");
}

/** The guarantees section for a terminal: a table per rule, the rules side by side, one sentence each. */
export function renderGuaranteesText(s: GuaranteesSection): string {
  const out: string[] = [pc.bold("Guarantees: voting power and stress test of each activation rule")];
  if (s.mechanisms.length === 0 && s.problems.length === 0) {
    out.push("  The scenario proposes no guarantee mechanism.");
    return out.join("\n");
  }
  for (const m of s.mechanisms) out.push("", mechanismText(m));
  if (s.mechanisms.length > 1) {
    out.push("", pc.bold("Rules side by side: probability that a response is activated within the deadline"));
    out.push(
      textTable(
        ["against", ...s.comparison.mechanisms.map((m) => m.id)],
        s.comparison.violators.map((v, i) => [v.name, ...s.comparison.probability[i]!.map(percent)]),
      ),
    );
  }
  out.push("", pc.bold("Findings"));
  for (const f of s.findings) out.push(`  ${pc.yellow("▸")} ${f}`);
  for (const p of s.problems)
    out.push(pc.red(`  ✗ ${p.mechanism}: ${p.message} (${p.code} at ${p.path.join(".")})`));
  out.push(
    pc.dim(
      "  Time model: each guarantor backs a response with its stated probability and says so at a uniformly random time within the consultation period; a response is activated when the backers first form a winning coalition.",
    ),
  );
  return out.join("\n");
}

const PALETTE = ["#3b6fb6", "#d9822b", "#2f9e6e", "#b4456b", "#7a5bc4", "#8a8f98", "#c9a227", "#3aa6b9"];

/**
 * Horizontal grouped bar chart as inline SVG: one group per label, one bar per series (values 0…1).
 * Exact values are drawn as they are; estimates get a whisker for their 95% interval.
 */
export function barChartSvg(
  title: string,
  labels: readonly string[],
  series: ReadonlyArray<{ name: string; values: ReadonlyArray<ReportNumber | null> }>,
  max = 1,
): string {
  const W = 720;
  const left = 170;
  const barH = 12;
  const groupH = series.length * barH + 10;
  const top = 26 + 16 * Math.ceil(series.length / 3);
  const height = top + labels.length * groupH + 24;
  const scale = (v: number) => ((W - left - 70) * Math.min(v, max)) / (max || 1);
  const parts: string[] = [`<text x="0" y="14" font-size="13" font-weight="600">${esc(title)}</text>`];
  series.forEach((s, k) => {
    const x = (k % 3) * 230;
    const y = 28 + 16 * Math.floor(k / 3);
    parts.push(
      `<rect x="${x}" y="${y - 9}" width="10" height="10" fill="${PALETTE[k % PALETTE.length]}"/><text x="${x + 14}" y="${y}" font-size="11">${esc(s.name)}</text>`,
    );
  });
  labels.forEach((label, i) => {
    const y0 = top + i * groupH;
    parts.push(
      `<text x="${left - 6}" y="${y0 + groupH / 2}" font-size="11" text-anchor="end">${esc(label)}</text>`,
    );
    series.forEach((s, k) => {
      const v = s.values[i];
      const y = y0 + k * barH;
      if (!v) return;
      const w = scale(v.value);
      parts.push(
        `<rect x="${left}" y="${y}" width="${w.toFixed(1)}" height="${barH - 2}" fill="${PALETTE[k % PALETTE.length]}"><title>${esc(`${s.name}, ${label}: ${v.exact ?? num(v.value, 4)}`)}</title></rect>`,
      );
      if (v.interval)
        parts.push(
          `<line x1="${(left + scale(v.interval[0])).toFixed(1)}" x2="${(left + scale(v.interval[1])).toFixed(1)}" y1="${y + barH / 2 - 1}" y2="${y + barH / 2 - 1}" stroke="#1d2433"/>`,
        );
      parts.push(
        `<text x="${(left + w + 4).toFixed(1)}" y="${y + barH - 3}" font-size="10" fill="#6b7689">${esc(max === 1 && title.includes("probab") ? percent(v) : num(v.value, 3))}</text>`,
      );
    });
  });
  parts.push(`<line x1="${left}" x2="${left}" y1="${top - 4}" y2="${height - 20}" stroke="#8a8f98"/>`);
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${height}" width="${W}" height="${height}" role="img" aria-label="${esc(title)}">${parts.join("")}</svg>`;
}

function exactCell(x: ReportNumber | undefined): string {
  if (!x) return "–";
  if (x.interval)
    return `≈${num(x.value, 3)} <span class="dim">[${num(x.interval[0], 3)}, ${num(x.interval[1], 3)}]</span>`;
  return `${num(x.value, 4)}${x.exact && x.exact.length < 16 && x.exact.includes("/") ? ` <span class="dim">${esc(x.exact)}</span>` : ""}`;
}

function mechanismHtml(m: MechanismSection, colours?: ReadonlyMap<string, string>): string {
  const power = htmlTable(
    [
      "guarantor",
      "Shapley–Shubik",
      "Banzhaf (normalised)",
      "swings",
      "Deegan–Packel",
      "Holler",
      "Coleman: prevent",
      "Coleman: initiate",
      "",
    ],
    m.power.map((p) => [
      esc(p.name),
      exactCell(p.shapleyShubik),
      exactCell(p.banzhafNormalised ?? p.banzhafAbsolute),
      esc(p.banzhafRaw ?? "–"),
      exactCell(p.deeganPackel),
      exactCell(p.holler),
      exactCell(p.colemanPrevent),
      exactCell(p.colemanInitiate),
      p.veto ? '<span class="bad">veto</span>' : p.dummy ? '<span class="dim">dummy</span>' : "",
    ]),
    [1, 2, 3, 4, 5, 6, 7],
  );
  const ss = m.power.map((p) => p.shapleyShubik);
  const bz = m.power.map((p) => p.banzhafNormalised ?? p.banzhafAbsolute);
  const top = Math.max(0.05, ...[...ss, ...bz].map((x) => x.interval?.[1] ?? x.value));
  const kit = chartKit();
  const chart = kit
    ? kit.powerChart(kit.doc, {
        id: `power-${m.id}`,
        rule: m.name,
        index: "Shapley–Shubik index",
        bars: m.power.map((p) => ({
          actor: p.actor,
          name: p.name,
          value: p.shapleyShubik.value,
          veto: p.veto,
        })),
        colours: colours ?? new Map(),
      })
    : barChartSvg(
        `Voting power of each guarantor (${m.id})`,
        m.power.map((p) => p.name),
        [
          { name: "Shapley–Shubik", values: ss },
          { name: "Banzhaf (normalised)", values: bz },
        ],
        top,
      );
  const stress = htmlTable(
    ["against", "P(activated)", "by half-time", "mean time to activation", "method", "assumed backing"],
    m.stress.map((r) => [
      esc(r.accusedName),
      `${percent(r.probability)}${r.probability.exact && r.probability.exact.length < 24 ? ` <span class="dim">${esc(r.probability.exact)}</span>` : ""}`,
      percent(r.probabilityHalfTime),
      hoursText(r.expectedHours),
      r.method,
      r.assumed.length ? `${r.assumed.length} guarantor(s) at 50%` : "",
    ]),
    [1, 2, 3],
  );
  const families = [
    m.minimalWinning ? `${esc(m.minimalWinning.count)} minimal winning coalitions` : "",
    m.minimalBlocking ? `${esc(m.minimalBlocking.count)} minimal blocking coalitions` : "",
  ]
    .filter(Boolean)
    .join(", ");
  const listed = m.minimalWinning?.list?.length
    ? `<p class="src">Minimal winning: ${m.minimalWinning.list.map((c) => `{${esc(c.join(", "))}}`).join(" ")}</p>`
    : "";
  return `<h3>${esc(m.name)} <span class="dim">${esc(m.id)}</span></h3>
<p>Rule: ${esc(m.rule)}; the accused ${m.accusedVote === "counts-as-no" ? "counts as voting no" : esc(m.accusedVote)}. Consultation: ${num(m.consultationHours, 1)} h.</p>
<p class="src">${m.method === "exact" ? "Exact" : "Monte Carlo estimate"}, ${esc(m.engine)}; a random proposal passes with probability ${exactCell(m.passProbability)}${families ? `; ${families}` : ""}.</p>
${chart}
${power}
${listed}
${stress}
<p class="finding">${esc(m.finding)}</p>`;
}

/** The guarantees section as HTML (inside the report page): charts, tables and the findings. */
export function renderGuaranteesHtml(s: GuaranteesSection, colours?: ReadonlyMap<string, string>): string {
  if (s.mechanisms.length === 0 && s.problems.length === 0)
    return "<p>The scenario proposes no guarantee mechanism.</p>";
  const findings = s.findings.map((f) => `<p class="finding">${esc(f)}</p>`).join("\n");
  const comparison =
    s.mechanisms.length > 1
      ? barChartSvg(
          "Rules side by side: probability that a response is activated within the deadline",
          s.comparison.mechanisms.map((m) => m.id),
          s.comparison.violators.map((v, i) => ({
            name: `against ${v.name}`,
            values: s.comparison.mechanisms.map((_, j) => s.comparison.probability[i]![j] ?? null),
          })),
        )
      : "";
  const problems = s.problems
    .map(
      (p) =>
        `<p class="bad">${esc(p.mechanism)}: ${esc(p.message)} (${esc(p.code)} at ${esc(p.path.join("."))})</p>`,
    )
    .join("\n");
  return `${findings}
${comparison}
${s.mechanisms.map((m) => mechanismHtml(m, colours)).join("\n")}
${problems}
<p class="src">Time model: each guarantor backs a response with its stated probability (the scenario's <code>support</code>, with its source) and says so at a uniformly random time within the consultation period; a response is activated when the backers first form a winning coalition. Exact values are computed with rational arithmetic; estimates are marked ≈ with a 95% interval.</p>`;
}

/** How the guarantees section is shown by `entente analyze` (see report-sections.ts). */
export const guaranteesRenderer: SectionRenderer = {
  name: "guarantees",
  title: "Guarantees",
  text: (data) => renderGuaranteesText(data as GuaranteesSection),
  html: (data, report) => renderGuaranteesHtml(data as GuaranteesSection, actorColours(report)),
};
