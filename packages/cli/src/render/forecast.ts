import type {
  ForecastModelName,
  ForecastSection,
  IssueForecastSection,
  SectionPoint,
  Trajectory,
} from "@entente/core";
import { chartKit } from "./chart-kit.js";
import { esc, htmlTable } from "./html.js";
import { PALETTE } from "./issue-chart.js";
import { num, textTable } from "./text-table.js";

const MODEL_ORDER: ForecastModelName[] = [
  "ensemble",
  "compromise",
  "median",
  "nash",
  "eu",
  "smp",
  "influence",
];
const MODEL_LABEL: Record<ForecastModelName, string> = {
  ensemble: "Ensemble",
  compromise: "Compromise (mean)",
  median: "Weighted median",
  nash: "Nash bargaining",
  eu: "Expected utility (BDM)",
  smp: "SMP (KTAB)",
  influence: "Influence (learned, DEU)",
};

function optionLabel(i: IssueForecastSection, id: unknown): string {
  return i.options?.find((o) => o.id === id)?.label ?? String(id);
}

/** A point forecast in words: the option (with its axis value) or the number with its unit. */
export function describePoint(i: IssueForecastSection, p: SectionPoint): string {
  if (i.kind === "numeric") return `${num(p.value, 1)} ${i.unit ?? ""}`.trim();
  if (i.kind === "categorical") return optionLabel(i, p.outcome);
  return `${optionLabel(i, p.outcome)} (${num(p.value, 1)})`;
}

function interval(i: IssueForecastSection): string {
  const d = i.distribution;
  if (!d || d.median === null) return "";
  const unit = i.kind === "numeric" && i.unit ? ` ${i.unit}` : "";
  return `median ${num(d.median, 1)}${unit}, 90% interval ${num(d.p05, 1)}–${num(d.p95, 1)}${unit}`;
}

function topOptions(i: IssueForecastSection, k = 3): string {
  const probs = i.distribution?.optionProbabilities;
  if (!probs) return "";
  return Object.entries(probs)
    .filter(([, p]) => p > 0)
    .sort((a, b) => b[1] - a[1])
    .slice(0, k)
    .map(([o, p]) => `${optionLabel(i, o)} ${Math.round(p * 100)}%`)
    .join(", ");
}

function pullsText(i: IssueForecastSection, k = 3): string {
  if (i.kind === "categorical") {
    const movers = i.pulls.filter((p) => p.changesOutcome).map((p) => p.actor);
    return movers.length
      ? `without ${movers.join(" or ")} the outcome would change`
      : "no single actor decides it";
  }
  return i.pulls
    .slice(0, k)
    .map((p) => `${p.actor} ${p.pull >= 0 ? "+" : "−"}${num(Math.abs(p.pull), 1)}`)
    .join(", ");
}

/**
 * Why the headline and the Monte Carlo can disagree, in one or two sentences beside the
 * distribution: the headline is the model's forecast with every input at its stated value; the
 * draws redraw positions, saliences and capabilities within their stated confidence, and the
 * likeliest outcome of the draws need not be the point forecast of the central values (a skewed or
 * two-humped distribution). Empty when there is no distribution.
 */
export function headlineNote(i: IssueForecastSection, model: ForecastModelName): string {
  const d = i.distribution;
  if (!d) return "";
  const head = describePoint(i, i.headline);
  const probs = d.optionProbabilities;
  if (probs && i.kind !== "numeric") {
    const ranked = Object.entries(probs).sort((a, b) => b[1] - a[1]);
    const [top, p] = ranked[0] ?? [];
    if (top === undefined || p === undefined) return "";
    const pct = (x: number | undefined) => `${Math.round((x ?? 0) * 100)}%`;
    const own = probs[String(i.headline.outcome)];
    if (String(top) === String(i.headline.outcome))
      return `The headline (${head}) is also the likeliest outcome of the draws (${pct(p)}).`;
    return (
      `Why the headline (${head}) is not the likeliest outcome (${optionLabel(i, top)}, ${pct(p)} of draws; the headline's option ${pct(own)}): ` +
      `the headline is the ${MODEL_LABEL[model]} forecast with every position, salience and capability at its stated value, ` +
      "while the draws vary them within their stated confidence; when the draws pile up on either side of the central value, " +
      "the point forecast can fall on an option few draws reach. Read the headline as the settlement at the stated values, the percentages as how robust it is."
    );
  }
  if (
    i.kind === "numeric" &&
    d.median !== null &&
    i.headline.value !== null &&
    d.p05 !== null &&
    d.p95 !== null
  ) {
    const inside = i.headline.value >= d.p05 && i.headline.value <= d.p95;
    return inside
      ? `The headline (${head}) lies within the draws' 90% interval.`
      : `The headline (${head}) lies outside the draws' 90% interval: the forecast at the stated values is not where the uncertain inputs usually lead.`;
  }
  return "";
}

/** The forecast section for a terminal: one block per issue, then every model side by side. */
export function renderForecastText(section: ForecastSection): string {
  const out: string[] = [];
  const mc = section.monteCarlo;
  out.push(
    `Forecast (${MODEL_LABEL[section.model]}${mc ? `; Monte Carlo ${mc.runs} draws, seed ${mc.seed}` : ""})`,
  );
  for (const i of section.issues) {
    out.push("");
    out.push(`  ${i.name} → ${describePoint(i, i.headline)}`);
    const iv = interval(i);
    if (iv) out.push(`    ${iv}`);
    const top = topOptions(i);
    if (top) out.push(`    likeliest: ${top}`);
    const note = headlineNote(i, section.model);
    if (note) out.push(`    ${note}`);
    const pulls = pullsText(i);
    if (pulls) out.push(`    pulled by: ${pulls}`);
    const dyn = (["eu", "smp"] as const).map((m) => i.forecasts[m]).filter((p) => p.rounds !== undefined);
    if (dyn.length) {
      out.push(
        `    rounds: ${(["eu", "smp"] as const)
          .filter((m) => i.forecasts[m].rounds !== undefined)
          .map((m) => `${m} ${i.forecasts[m].rounds}${i.forecasts[m].converged ? "" : " (round limit)"}`)
          .join(", ")}`,
      );
    }
  }
  out.push("");
  out.push("  Every model:");
  const models = MODEL_ORDER.filter((m) => m !== section.model).concat(section.model);
  out.push(
    textTable(
      ["issue", ...models.map((m) => m)],
      section.issues.map((i) => [i.issue, ...models.map((m) => describePoint(i, i.forecasts[m]))]),
      "    ",
    ),
  );
  return out.join("\n");
}

/** An SVG line chart of positions per round (x: round, y: the issue's axis). */
export function trajectorySvg(
  i: IssueForecastSection,
  t: Trajectory,
  title: string,
  colours?: ReadonlyMap<string, string>,
): string {
  const W = 460;
  const H = 200;
  const L = 46;
  const R = 90;
  const T = 22;
  const B = 26;
  const all = t.rounds.flat();
  let lo = Math.min(...all);
  let hi = Math.max(...all);
  if (i.kind === "ordinal") [lo, hi] = [0, 100];
  if (hi - lo < 1e-9) [lo, hi] = [lo - 1, hi + 1];
  const n = Math.max(1, t.rounds.length - 1);
  const x = (r: number) => L + ((W - L - R) * r) / n;
  const y = (v: number) => T + (H - T - B) * (1 - (v - lo) / (hi - lo));
  const lines = t.actors
    .map((a, k) => {
      const colour = colours?.get(a) ?? PALETTE[k % PALETTE.length]!;
      const pts = t.rounds.map((row, r) => `${x(r).toFixed(1)},${y(row[k]!).toFixed(1)}`).join(" ");
      const last = t.rounds[t.rounds.length - 1]![k]!;
      return `<polyline fill="none" stroke="${colour}" stroke-width="1.6" points="${pts}"><title>${esc(a)}</title></polyline><text x="${W - R + 4}" y="${(y(last) + 4).toFixed(1)}" font-size="10" fill="${colour}">${esc(a)}</text>`;
    })
    .join("");
  const ticks =
    i.kind === "ordinal" && i.options
      ? i.options
          .map((o, k, arr) => {
            const v = arr.length === 1 ? 0 : (100 * k) / (arr.length - 1);
            return `<text x="${L - 4}" y="${(y(v) + 3).toFixed(1)}" font-size="9" text-anchor="end" fill="#6b7689">${esc(o.id.slice(0, 10))}</text>`;
          })
          .join("")
      : [lo, (lo + hi) / 2, hi]
          .map(
            (v) =>
              `<text x="${L - 4}" y="${(y(v) + 3).toFixed(1)}" font-size="9" text-anchor="end" fill="#6b7689">${esc(num(v, 0))}</text>`,
          )
          .join("");
  return `<svg viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${esc(title)}"><text x="${L}" y="14" font-size="11" font-weight="600">${esc(title)}</text><line x1="${L}" y1="${H - B}" x2="${W - R}" y2="${H - B}" stroke="#c9d1dd"/><line x1="${L}" y1="${T}" x2="${L}" y2="${H - B}" stroke="#c9d1dd"/>${ticks}<text x="${(W - R + L) / 2}" y="${H - 6}" font-size="10" text-anchor="middle" fill="#6b7689">round (0–${n})</text>${lines}</svg>`;
}

/** The forecast section as HTML: per issue the headline, interval, option odds, pulls and trajectory charts. */
export function renderForecastHtml(
  section: ForecastSection,
  colours?: ReadonlyMap<string, string>,
  names?: ReadonlyMap<string, string>,
): string {
  const kit = chartKit();
  const mc = section.monteCarlo;
  const parts: string[] = [
    `<p class="dim">Headline model: ${esc(MODEL_LABEL[section.model])}${mc ? `; Monte Carlo over ${mc.runs} draws (seed ${mc.seed}) redrawing positions, saliences and capabilities within their stated confidence` : ""}. Ensemble weights: ${esc(
      Object.entries(section.ensembleWeights)
        .map(([m, w]) => `${m} ${w}`)
        .join(", "),
    )}.</p>`,
  ];
  parts.push(
    htmlTable(
      ["issue", ...MODEL_ORDER.map((m) => MODEL_LABEL[m])],
      section.issues.map((i) => [
        esc(i.name),
        ...MODEL_ORDER.map((m) => esc(describePoint(i, i.forecasts[m]))),
      ]),
    ),
  );
  for (const i of section.issues) {
    parts.push(`<h3>${esc(i.name)} → ${esc(describePoint(i, i.headline))}</h3>`);
    const iv = interval(i);
    if (iv) parts.push(`<p>${esc(iv)}</p>`);
    const note = headlineNote(i, section.model);
    if (note) parts.push(`<p class="finding">${esc(note)}</p>`);
    const probs = i.distribution?.optionProbabilities;
    if (probs && kit && i.options) {
      parts.push(
        kit.distributionChart(kit.doc, {
          id: `distribution-${i.issue}`,
          title: `${i.name}: Monte Carlo distribution of the outcome`,
          draws: i.distribution!.draws,
          bars: i.options.map((o) => ({
            label: o.label,
            probability: probs[o.id] ?? 0,
            headline: String(i.headline.outcome) === o.id,
          })),
        }),
      );
    } else if (probs) {
      parts.push(
        htmlTable(
          ["option", "probability"],
          Object.entries(probs).map(([o, p]) => [esc(optionLabel(i, o)), `${num(p * 100, 1)}%`]),
          [1],
        ),
      );
    }
    if (i.pulls.length) {
      parts.push(
        htmlTable(
          ["actor", i.kind === "categorical" ? "decisive?" : "pull (forecast with − without)"],
          i.pulls.map((p) => [
            esc(p.actor),
            i.kind === "categorical" ? (p.changesOutcome ? "yes" : "no") : esc(num(p.pull, 2)),
          ]),
          [1],
        ),
      );
    }
    const runs: Array<[Trajectory | undefined, string, string]> = [
      [i.trajectories.smp, "smp", "SMP (KTAB): positions per turn"],
      [i.trajectories.eu, "eu", "Expected utility: positions per round"],
    ];
    for (const [t, key, title] of runs) {
      if (!t) continue;
      if (!kit) {
        parts.push(trajectorySvg(i, t, title, colours));
        continue;
      }
      const n = i.options?.length ?? 0;
      parts.push(
        kit.trajectoryChart(kit.doc, {
          id: `trajectory-${key}-${i.issue}`,
          title: `${i.name}: ${title}`,
          series: t.actors.map((a, k) => ({
            actor: a,
            name: names?.get(a) ?? a,
            values: t.rounds.map((row) => row[k]!),
          })),
          ...(i.kind === "ordinal" && i.options
            ? {
                ticks: i.options.map((o, k) => ({
                  value: n === 1 ? 0 : (100 * k) / (n - 1),
                  label: o.label,
                })),
              }
            : {}),
          ...(i.unit ? { unit: i.unit } : {}),
          colours: colours ?? new Map(),
        }),
      );
    }
  }
  return parts.join("\n");
}
