import { actorColourMap, wrapLabel } from "@entente/charts/palette";
import type { AnalysisReport, IssueAnalysis } from "@entente/core";
import { esc } from "./html.js";
import { num } from "./text-table.js";

const W = 760;
const LEFT = 80;
const RIGHT = 80;

export { PALETTE } from "@entente/charts/palette";

/**
 * A colour per actor, stable for the whole report: the colour-blind-safe palette of
 * @entente/charts, given in order of capability (the largest actors get colours; past seven, a
 * shared grey, and every chart labels its marks directly).
 */
export function actorColours(report: AnalysisReport): Map<string, string> {
  return actorColourMap([...report.actors].sort((x, y) => y.capability - x.capability).map((a) => a.id));
}

/**
 * An issue's axis as SVG: each actor a circle at its ideal, its area proportional to its weight
 * (capability × salience), the weighted mean and median marked, and the status quo if known.
 */
export function issueAxisSvg(issue: IssueAnalysis, colours: Map<string, string>): string {
  if (issue.kind === "categorical") return categoricalSvg(issue, colours);
  const [lo, hi] = issue.axis;
  const span = hi - lo || 1;
  const x = (v: number) => LEFT + ((v - lo) / span) * (W - LEFT - RIGHT);
  const maxWeight = Math.max(...issue.actors.map((a) => a.weight), 1e-9);
  const radius = (w: number) => 4 + 16 * Math.sqrt(w / maxWeight);
  // Actors at the same point are stacked upwards so none hides another.
  const stackAt = new Map<number, number>();
  const placed = [...issue.actors]
    .sort((a, b) => b.weight - a.weight)
    .map((a) => {
      const key = Math.round((a.axis ?? 0) * 1000);
      const level = stackAt.get(key) ?? 0;
      stackAt.set(key, level + 1);
      return { a, level };
    });
  const levels = Math.max(1, ...stackAt.values());
  const axisY = 50 + levels * 38;
  const parts: string[] = [];
  parts.push(
    `<line x1="${LEFT}" y1="${axisY}" x2="${W - RIGHT}" y2="${axisY}" stroke="#8792a2" stroke-width="2"/>`,
  );
  const ticks =
    issue.kind === "ordinal"
      ? (issue.options ?? []).map((o, i, all) => ({
          v: o.value ?? (all.length > 1 ? lo + (span * i) / (all.length - 1) : lo),
          label: o.label,
        }))
      : [0, 0.25, 0.5, 0.75, 1].map((t) => ({ v: lo + t * span, label: num(lo + t * span, 0) }));
  // Full labels, wrapped to the room between neighbouring ticks (about 6.3 px a character at 11 px);
  // where ticks crowd, labels alternate between two rows.
  const room = ticks.map((t, i) =>
    Math.min(
      i > 0 ? x(t.v) - x(ticks[i - 1]!.v) : Number.POSITIVE_INFINITY,
      i < ticks.length - 1 ? x(ticks[i + 1]!.v) - x(t.v) : Number.POSITIVE_INFINITY,
      2 * (x(t.v) - 4),
      2 * (W - x(t.v) - 4),
    ),
  );
  const chars = room.map((r) => Math.floor(r / 6.3) - 1);
  const stagger = chars.some((c) => c < 10);
  const wrapped = ticks.map((t, i) => wrapLabel(t.label, stagger ? Math.max(10, 2 * chars[i]!) : chars[i]!));
  const maxLines = Math.max(1, ...wrapped.map((w) => w.length));
  ticks.forEach((t, i) => {
    const ty = axisY + 18 + (stagger ? (i % 2) * (maxLines * 13 + 4) : 0);
    parts.push(`<line x1="${x(t.v)}" y1="${axisY - 4}" x2="${x(t.v)}" y2="${axisY + 4}" stroke="#8792a2"/>`);
    const lines = wrapped[i]!.map((l, k) => `<tspan x="${x(t.v)}" dy="${k ? 13 : 0}">${esc(l)}</tspan>`).join(
      "",
    );
    parts.push(
      `<text x="${x(t.v)}" y="${ty}" font-size="11" text-anchor="middle" fill="#4a5568">${lines}</text>`,
    );
  });
  const labelsEnd = axisY + 18 + (stagger ? 2 : 1) * maxLines * 13 + (stagger ? 4 : 0);
  const sqY = labelsEnd + 14;
  const height = sqY + 16;
  if (issue.unit)
    parts.push(
      `<text x="${W - RIGHT}" y="${axisY - 8}" font-size="11" text-anchor="end" fill="#6b7689">${esc(issue.unit)}</text>`,
    );
  for (const { a, level } of placed) {
    const cx = x(a.axis ?? 0);
    const cy = axisY - 24 - level * 38;
    const r = radius(a.weight);
    const c = colours.get(a.actor) ?? "#555";
    parts.push(
      `<circle cx="${cx}" cy="${cy}" r="${r.toFixed(1)}" fill="${c}" fill-opacity="0.55" stroke="${c}"><title>${esc(a.actor)}: ideal ${esc(a.ideal)}, weight ${num(a.weight)}</title></circle>`,
    );
    parts.push(`<text x="${cx + r + 3}" y="${cy + 4}" font-size="11" fill="#1d2433">${esc(a.actor)}</text>`);
  }
  const marker = (v: number | null, label: string, colour: string, dash: string, dy: number) => {
    if (v === null || Number.isNaN(v)) return;
    parts.push(
      `<line x1="${x(v)}" y1="${28}" x2="${x(v)}" y2="${axisY}" stroke="${colour}" stroke-width="2" stroke-dasharray="${dash}"/>`,
    );
    parts.push(
      `<text x="${x(v)}" y="${14 + dy}" font-size="11" text-anchor="middle" fill="${colour}">${esc(label)}</text>`,
    );
  };
  marker(issue.forecast.mean.value, `mean ${num(issue.forecast.mean.value, 1)}`, "#1c3faa", "", 0);
  const labelsCollide =
    Math.abs(x(issue.forecast.mean.value ?? 0) - x(issue.forecast.median.value ?? 0)) < 90;
  marker(
    issue.forecast.median.value,
    `median ${num(issue.forecast.median.value, 1)}`,
    "#c2410c",
    "5 3",
    labelsCollide ? 12 : 0,
  );
  if (issue.statusQuo !== undefined) {
    const sq =
      issue.kind === "numeric"
        ? Number(issue.statusQuo)
        : ticks[(issue.options ?? []).findIndex((o) => o.id === issue.statusQuo)]?.v;
    if (sq !== undefined) {
      const sx = x(sq);
      parts.push(
        `<path d="M${sx - 6},${sqY} L${sx + 6},${sqY} L${sx},${sqY - 10} Z" fill="#6b7689"><title>status quo</title></path>`,
      );
      parts.push(`<text x="${sx + 9}" y="${sqY}" font-size="10" fill="#6b7689">status quo</text>`);
    }
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${height}" width="${W}" height="${height}" role="img" aria-label="${esc(issue.name)}: actors on the axis, forecasts marked">${parts.join("")}</svg>`;
}

/** Unordered options as bars of the share of weight behind each, with the actors named in each bar. */
function categoricalSvg(issue: IssueAnalysis, colours: Map<string, string>): string {
  const options = issue.options ?? [];
  // Full labels, wrapped to the 220 px left of the bars (about 7 px a character at 12 px, bold included).
  const labels = options.map((o) => wrapLabel(o.label, 30));
  const rowH = Math.max(28, 13 * Math.max(1, ...labels.map((l) => l.length)) + 10);
  const height = 20 + options.length * rowH;
  const barX = 230;
  const barW = W - barX - 120;
  const parts: string[] = [];
  options.forEach((o, i) => {
    const y = 10 + i * rowH;
    const share = issue.optionShares?.[o.id] ?? 0;
    const winner = issue.forecast.mean.outcome === o.id;
    parts.push(
      `<text x="${barX - 8}" y="${y + 16}" font-size="12" text-anchor="end" fill="#1d2433"${winner ? ' font-weight="700"' : ""}>${labels[i]!.map((l, k) => `<tspan x="${barX - 8}" dy="${k ? 13 : 0}">${esc(l)}</tspan>`).join("")}</text>`,
    );
    parts.push(`<rect x="${barX}" y="${y + 4}" width="${barW}" height="16" fill="#f1f3f7"/>`);
    let offset = 0;
    const total = issue.actors.reduce((s, a) => s + a.weight, 0) || 1;
    for (const a of issue.actors.filter((a) => a.ideal === o.id)) {
      const w = (a.weight / total) * barW;
      parts.push(
        `<rect x="${barX + offset}" y="${y + 4}" width="${w}" height="16" fill="${colours.get(a.actor) ?? "#555"}" fill-opacity="0.7"><title>${esc(a.actor)}: weight ${num(a.weight)}</title></rect>`,
      );
      offset += w;
    }
    parts.push(
      `<text x="${barX + barW + 8}" y="${y + 16}" font-size="11" fill="#4a5568">${(share * 100).toFixed(0)}%${winner ? " ← plurality" : ""}</text>`,
    );
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${height}" width="${W}" height="${height}" role="img" aria-label="${esc(issue.name)}: share of weight per option">${parts.join("")}</svg>`;
}
