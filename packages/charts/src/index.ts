// Chart components shared by the HTML reports and the web app: Observable Plot specifications
// rendered against a DOM document (linkedom's in Node, see node-document.ts; the page's own in the
// browser) and returned as self-contained SVG markup wrapped in a <figure> with its text alternative.
import * as Plot from "@observablehq/plot";
import { OVERFLOW_COLOUR, PALETTE, wrapLabel } from "./palette.js";

export { actorColourMap, CHART_CSS, OVERFLOW_COLOUR, PALETTE, wrapLabel } from "./palette.js";

/** The DOM document Plot renders into (typed loosely: core code has no DOM library types). */
export type ChartDocument = unknown;

const FONT = 12;
/** Average advance of a character at the chart font, in px (system-ui at 12 px ≈ 0.55 em). */
const CHAR = 0.62 * FONT;
/** Room for an axis's ticks and their padding beside its labels, in px. */
const TICK_ROOM = 22;

function esc(s: unknown): string {
  return String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function render(doc: ChartDocument, options: Plot.PlotOptions): string {
  const node = Plot.plot({
    ...options,
    document: doc as never,
    style: { fontSize: `${FONT}px`, overflow: "visible" },
  });
  return (node as unknown as { outerHTML: string }).outerHTML;
}

/**
 * A chart in a <figure>: a caption, the SVG (role img, with a one-sentence aria-label), a legend
 * where colours carry meaning, and the data as a table in a <details> for screen readers and for
 * anyone who wants the numbers.
 */
function figure(
  id: string,
  caption: string,
  summary: string,
  svg: string,
  table: { headers: string[]; rows: string[][] },
  legend: Array<{ label: string; colour: string }> = [],
): string {
  const labelled = svg.replace(/^<svg /, `<svg role="img" aria-label="${esc(summary)}" `);
  const key = legend.length
    ? `<p class="legend">${legend.map((l) => `<span><i style="background:${l.colour}"></i>${esc(l.label)}</span>`).join(" ")}</p>`
    : "";
  const data = `<details><summary>The data</summary><table><thead><tr>${table.headers.map((h) => `<th>${esc(h)}</th>`).join("")}</tr></thead><tbody>${table.rows.map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join("")}</tr>`).join("")}</tbody></table></details>`;
  return `<figure class="chart" id="${esc(id)}"><figcaption>${esc(caption)}</figcaption>${key}${labelled}<p class="alt">${esc(summary)}</p>${data}</figure>`;
}

/** One option's share of the Monte Carlo draws. */
export interface DistributionBar {
  label: string;
  probability: number;
  /** The headline model's option. */
  headline?: boolean;
}

/**
 * The Monte Carlo distribution of one issue: a bar per option (full labels, wrapped), its share of
 * the draws written at the bar's end, the headline forecast's option in the accent colour.
 */
export function distributionChart(
  doc: ChartDocument,
  spec: { id: string; title: string; bars: DistributionBar[]; draws: number },
): string {
  const wrapAt = 30;
  const rows = spec.bars.map((b) => ({ ...b, text: wrapLabel(b.label, wrapAt).join("\n") }));
  const longest = Math.max(...rows.flatMap((r) => r.text.split("\n").map((l) => l.length)), 4);
  const lines = Math.max(...rows.map((r) => r.text.split("\n").length));
  const marginLeft = Math.ceil(longest * CHAR) + TICK_ROOM;
  const rowHeight = Math.max(28, lines * FONT * 1.2 + 10);
  const svg = render(doc, {
    width: 680,
    height: 40 + rows.length * rowHeight,
    marginLeft,
    marginRight: 120,
    marginTop: 16,
    x: { domain: [0, 1], label: null, tickFormat: "%", grid: true },
    y: { domain: rows.map((r) => r.text), label: null },
    marks: [
      Plot.barX(rows, {
        x: "probability",
        y: "text",
        fill: (d: DistributionBar) => (d.headline ? PALETTE[1] : PALETTE[0]),
      }),
      Plot.text(rows, {
        x: "probability",
        y: "text",
        text: (d: DistributionBar) => `${Math.round(d.probability * 100)}%${d.headline ? " (headline)" : ""}`,
        textAnchor: "start",
        dx: 4,
      }),
      Plot.ruleX([0]),
    ],
  });
  const top = [...spec.bars].sort((a, b) => b.probability - a.probability)[0];
  const head = spec.bars.find((b) => b.headline);
  const summary = `${spec.title}: across ${spec.draws} draws, ${top ? `${top.label} is the likeliest outcome (${Math.round(top.probability * 100)}%)` : "no outcome"}${head ? `; the headline forecast is ${head.label} (${Math.round(head.probability * 100)}% of draws)` : ""}.`;
  return figure(
    spec.id,
    `${spec.title} (share of ${spec.draws} draws, %)`,
    summary,
    svg,
    {
      headers: ["option", "share of draws", "headline"],
      rows: spec.bars.map((b) => [b.label, `${(b.probability * 100).toFixed(1)}%`, b.headline ? "yes" : ""]),
    },
    [
      { label: "share of draws", colour: PALETTE[0] },
      { label: "the headline forecast's option", colour: PALETTE[1] },
    ],
  );
}

/** A package on the plane of two actors' utilities (points out of 100). */
export interface UtilityPoint {
  a: number;
  b: number;
}

/**
 * The agreement space of two actors: the Pareto-efficient packages (frontier), the no-deal point,
 * and each bargaining solution marked and labelled; solutions at the same point share one label.
 */
export function agreementSpaceChart(
  doc: ChartDocument,
  spec: {
    id: string;
    actorA: string;
    actorB: string;
    frontier: UtilityPoint[];
    noDeal: UtilityPoint;
    solutions: Array<UtilityPoint & { name: string }>;
  },
): string {
  const frontier = [...spec.frontier].sort((p, q) => p.a - q.a);
  const groups = new Map<string, UtilityPoint & { names: string[] }>();
  for (const s of spec.solutions) {
    const key = `${s.a.toFixed(1)},${s.b.toFixed(1)}`;
    const g = groups.get(key) ?? { a: s.a, b: s.b, names: [] };
    g.names.push(s.name);
    groups.set(key, g);
  }
  const marks = [...groups.values()].map((g) => ({ ...g, label: g.names.join(", ") }));
  // Each label goes at the first of a few spots around its point (right, left, above, below, then
  // further out) where its estimated box meets no other label, the frontier's own dots aside; a
  // label moved away from its point gets a thin leader line back to it.
  const W = 560;
  const H = 420;
  const m = { left: 56, right: 24, top: 24, bottom: 44 };
  // The axes zoom to the points (in steps of 10, within 0–100), so that close solutions come apart.
  const span = (vs: number[]): [number, number] => [
    Math.max(0, Math.floor((Math.min(...vs) - 5) / 10) * 10),
    Math.min(100, Math.ceil((Math.max(...vs) + 5) / 10) * 10),
  ];
  const everything = [...frontier, spec.noDeal, ...marks];
  const [xa, xb] = span(everything.map((p) => p.a));
  const [ya, yb] = span(everything.map((p) => p.b));
  const px = (a: number) => m.left + ((W - m.left - m.right) * (a - xa)) / (xb - xa);
  const py = (b: number) => H - m.bottom - ((H - m.top - m.bottom) * (b - ya)) / (yb - ya);
  const spots: Array<[number, number, "start" | "end"]> = [
    [8, -6, "start"],
    [-8, -6, "end"],
    [8, 14, "start"],
    [-8, 14, "end"],
    [0, -16, "start"],
    [0, 26, "start"],
    [24, -28, "start"],
    [-24, -28, "end"],
    [24, 40, "start"],
    [-24, 40, "end"],
    [40, -48, "start"],
    [-40, 56, "end"],
  ];
  // The solutions' own dots are taken first, so that no label covers one.
  const boxes: Array<{ x0: number; x1: number; y0: number; y1: number }> = marks.map((p) => ({
    x0: px(p.a) - 6,
    x1: px(p.a) + 6,
    y0: py(p.b) - 6,
    y1: py(p.b) + 6,
  }));
  marks.sort((p, q) => q.b - p.b || p.a - q.a);
  const placed = marks.map((mk) => {
    const w = mk.label.length * CHAR;
    const x = px(mk.a);
    const y = py(mk.b);
    const box = ([dx, dy, anchor]: (typeof spots)[number]) => {
      const x0 = anchor === "start" ? x + dx : x + dx - w;
      return { x0, x1: x0 + w, y0: y + dy - FONT, y1: y + dy + 3 };
    };
    const free = (b: ReturnType<typeof box>) =>
      b.x0 >= m.left &&
      b.x1 <= W - m.right &&
      b.y0 >= 0 &&
      b.y1 <= H - m.bottom &&
      !boxes.some((o) => b.x0 < o.x1 && o.x0 < b.x1 && b.y0 < o.y1 && o.y0 < b.y1);
    const k = Math.max(
      0,
      spots.findIndex((sp) => free(box(sp))),
    );
    const spot = spots[k]!;
    boxes.push(box(spot));
    return { ...mk, dx: spot[0], dy: spot[1], anchor: spot[2], leader: k >= 4 };
  });
  const svg = render(doc, {
    width: W,
    height: H,
    marginLeft: m.left,
    marginBottom: m.bottom,
    marginRight: m.right,
    marginTop: m.top,
    x: { domain: [xa, xb], label: `${spec.actorA}'s utility (points out of 100) →`, grid: true },
    y: { domain: [ya, yb], label: `↑ ${spec.actorB}'s utility`, grid: true },
    marks: [
      Plot.line(frontier, { x: "a", y: "b", stroke: PALETTE[0], strokeWidth: 1.5 }),
      Plot.dot(frontier, { x: "a", y: "b", fill: PALETTE[0], r: 2.5 }),
      Plot.dot([spec.noDeal], { x: "a", y: "b", symbol: "times", stroke: OVERFLOW_COLOUR, r: 5 }),
      Plot.text([spec.noDeal], { x: "a", y: "b", text: () => "no deal", dy: 14, fill: OVERFLOW_COLOUR }),
      Plot.dot(placed, { x: "a", y: "b", fill: PALETTE[1], r: 5 }),
      ...placed.map((p) =>
        Plot.text([p], {
          x: "a",
          y: "b",
          text: "label",
          dy: p.dy,
          dx: p.dx,
          textAnchor: p.anchor,
          fill: PALETTE[1],
        }),
      ),
      // Leaders: from the point towards a label set further out (drawn in pixels from the point).
      ...placed
        .filter((p) => p.leader)
        .map((p) =>
          Plot.link([p], {
            x1: "a",
            y1: "b",
            x2: (d: UtilityPoint) => d.a + ((p.dx * (xb - xa)) / (W - m.left - m.right)) * 0.8,
            y2: (d: UtilityPoint) => d.b - (((p.dy - 4) * (yb - ya)) / (H - m.top - m.bottom)) * 0.8,
            stroke: PALETTE[1],
            strokeOpacity: 0.6,
          }),
        ),
    ],
  });
  const summary = `Agreement space of ${spec.actorA} and ${spec.actorB}: ${frontier.length} efficient packages; ${marks.map((m) => `${m.label} at ${m.a.toFixed(0)} and ${m.b.toFixed(0)}`).join("; ")}; no deal at ${spec.noDeal.a.toFixed(0)} and ${spec.noDeal.b.toFixed(0)}.`;
  return figure(
    spec.id,
    `Agreement space: ${spec.actorA} and ${spec.actorB}`,
    summary,
    svg,
    {
      headers: ["point", `${spec.actorA}`, `${spec.actorB}`],
      rows: [
        ...marks.map((m) => [m.label, m.a.toFixed(1), m.b.toFixed(1)]),
        ["no deal", spec.noDeal.a.toFixed(1), spec.noDeal.b.toFixed(1)],
        ...frontier.map((p, i) => [`efficient package ${i + 1}`, p.a.toFixed(1), p.b.toFixed(1)]),
      ],
    },
    [
      { label: "efficient packages (Pareto frontier)", colour: PALETTE[0] },
      { label: "bargaining solutions", colour: PALETTE[1] },
      { label: "no deal", colour: OVERFLOW_COLOUR },
    ],
  );
}

/** Voting power of each guarantor under one activation rule, as bars in the actors' colours. */
export function powerChart(
  doc: ChartDocument,
  spec: {
    id: string;
    rule: string;
    index: string;
    bars: Array<{ actor: string; name: string; value: number; veto?: boolean }>;
    colours: ReadonlyMap<string, string>;
  },
): string {
  const longest = Math.max(...spec.bars.map((b) => b.name.length), 4);
  const rows = spec.bars.map((b) => ({ ...b, colour: spec.colours.get(b.actor) ?? OVERFLOW_COLOUR }));
  const max = Math.max(0.05, ...rows.map((r) => r.value));
  const svg = render(doc, {
    width: 640,
    height: 44 + rows.length * 24,
    marginLeft: Math.ceil(longest * CHAR) + TICK_ROOM,
    marginRight: 90,
    marginTop: 16,
    x: { domain: [0, max * 1.05], label: null, grid: true },
    y: { domain: rows.map((r) => r.name), label: null },
    marks: [
      Plot.barX(rows, { x: "value", y: "name", fill: "colour" }),
      Plot.text(rows, {
        x: "value",
        y: "name",
        text: (d: { value: number; veto?: boolean }) => `${d.value.toFixed(3)}${d.veto ? " veto" : ""}`,
        textAnchor: "start",
        dx: 4,
      }),
      Plot.ruleX([0]),
    ],
  });
  const sorted = [...spec.bars].sort((a, b) => b.value - a.value);
  const summary = `${spec.index} under ${spec.rule}: ${sorted.map((b) => `${b.name} ${b.value.toFixed(3)}${b.veto ? " (veto)" : ""}`).join(", ")}.`;
  return figure(spec.id, `${spec.index}: ${spec.rule}`, summary, svg, {
    headers: ["guarantor", spec.index, "veto"],
    rows: spec.bars.map((b) => [b.name, b.value.toFixed(4), b.veto ? "yes" : ""]),
  });
}

/** Positions per round of a dynamic bargaining model (expected utility, KTAB's SMP). */
export interface TrajectorySpec {
  id: string;
  title: string;
  /** One series per actor: id (for the colour), name, position per round. */
  series: Array<{ actor: string; name: string; values: number[] }>;
  /** Ordinal issues: the options on the axis (value 0–100 each); else the axis is numeric. */
  ticks?: Array<{ value: number; label: string }>;
  unit?: string;
  colours: ReadonlyMap<string, string>;
}

/**
 * Each actor's position per round as a line in its colour, named at its end; names that would
 * collide are spread apart (at least one line of text between them) with a thin leader to their line.
 * Ordinal axes show the options' full labels, wrapped.
 */
export function trajectoryChart(doc: ChartDocument, spec: TrajectorySpec): string {
  const rounds = Math.max(1, ...spec.series.map((s) => s.values.length - 1));
  const rows = spec.series.flatMap((s) =>
    s.values.map((v, r) => ({ actor: s.actor, name: s.name, round: r, value: v })),
  );
  const all = rows.map((r) => r.value);
  let [lo, hi] = spec.ticks ? [0, 100] : [Math.min(...all), Math.max(...all)];
  if (hi - lo < 1e-9) [lo, hi] = [lo - 1, hi + 1];
  const tickLines = spec.ticks?.map((t) => ({ ...t, text: wrapLabel(t.label, 22).join("\n") }));
  // Multi-line labels at the ends of the axis reach half their height beyond it.
  const half = Math.ceil(
    ((Math.max(1, ...(tickLines ?? []).map((t) => t.text.split("\n").length)) - 1) * FONT * 1.2) / 2,
  );
  const height = 300 + 2 * half;
  const marginTop = 16 + half;
  const marginBottom = 36 + half;
  const inner = height - marginTop - marginBottom;
  const py = (v: number) => marginTop + inner * (1 - (v - lo) / (hi - lo));
  // End labels: sorted by their line's end, pushed apart to 13 px, then kept inside the plot.
  const ends = spec.series
    .map((s) => ({ actor: s.actor, name: s.name, end: s.values.at(-1) ?? lo, y: py(s.values.at(-1) ?? lo) }))
    .sort((a, b) => a.y - b.y);
  const gap = 13;
  for (let k = 1; k < ends.length; k++) ends[k]!.y = Math.max(ends[k]!.y, ends[k - 1]!.y + gap);
  const overflow = (ends.at(-1)?.y ?? 0) - (height - marginBottom);
  if (overflow > 0) for (const e of ends) e.y -= overflow;
  for (let k = ends.length - 2; k >= 0; k--) ends[k]!.y = Math.min(ends[k]!.y, ends[k + 1]!.y - gap);
  const vy = (y: number) => lo + (hi - lo) * (1 - (y - marginTop) / inner);
  const widest = tickLines
    ? Math.max(...tickLines.flatMap((t) => t.text.split("\n").map((l) => l.length)))
    : Math.max(...[lo, hi].map((v) => Math.round(v).toLocaleString("en-US").length));
  const marginLeft = Math.ceil(widest * CHAR) + TICK_ROOM + (tickLines ? 0 : 16);
  const longestName = Math.max(4, ...spec.series.map((s) => s.name.length));
  const colour = (id: string) => spec.colours.get(id) ?? OVERFLOW_COLOUR;
  const svg = render(doc, {
    width: 680,
    height,
    marginLeft,
    marginTop,
    marginBottom,
    marginRight: Math.ceil(longestName * CHAR) + 24,
    x: { domain: [0, rounds], label: "round →", ticks: Math.min(rounds, 10), tickFormat: "d" },
    y: {
      domain: [lo, hi],
      label: null,
      ...(tickLines
        ? {
            ticks: tickLines.map((t) => t.value),
            tickFormat: (v: number) => tickLines.find((t) => t.value === v)?.text ?? "",
          }
        : {}),
      grid: true,
    },
    marks: [
      Plot.line(rows, {
        x: "round",
        y: "value",
        z: "actor",
        stroke: (d: { actor: string }) => colour(d.actor),
        strokeWidth: 1.6,
      }),
      Plot.link(ends, {
        x1: rounds,
        y1: "end",
        x2: rounds,
        y2: (e: { y: number }) => vy(e.y),
        stroke: (e: { actor: string }) => colour(e.actor),
        strokeOpacity: 0.5,
      }),
      Plot.text(ends, {
        x: rounds,
        y: (e: { y: number }) => vy(e.y),
        text: "name",
        textAnchor: "start",
        dx: 6,
        fill: (e: { actor: string }) => colour(e.actor),
      }),
    ],
  });
  const label = (v: number) =>
    spec.ticks?.reduce((b, t) => (Math.abs(t.value - v) < Math.abs(b.value - v) ? t : b)).label ??
    `${v.toFixed(1)}${spec.unit ? ` ${spec.unit}` : ""}`;
  const summary = `${spec.title}: after ${rounds} rounds, ${ends.map((e) => `${e.name} at ${label(e.end)}`).join("; ")}.`;
  return figure(
    spec.id,
    spec.title,
    summary,
    svg,
    {
      headers: ["actor", ...Array.from({ length: rounds + 1 }, (_, r) => `round ${r}`)],
      rows: spec.series.map((s) => [s.name, ...s.values.map((v) => v.toFixed(1))]),
    },
    spec.series.map((s) => ({ label: s.name, colour: colour(s.actor) })),
  );
}

/** Trust per party over time (the compliance engine's trust index, 0–1). */
export interface TrustChartSpec {
  id: string;
  title: string;
  /** One series per party: id (for the colour), name, the index at each moment (epoch ms). */
  series: Array<{ actor: string; name: string; points: Array<{ at: number; trust: number }> }>;
  colours: ReadonlyMap<string, string>;
  /** Writes a moment for the axis and the data table (e.g. on the agreement's wall clock). @default ISO date */
  formatTime?: (ms: number) => string;
  /** The sentence for screen readers and the table's headers, in the page's language. @default English */
  summary?: string;
  headers?: { party: string };
}

/**
 * The trust index of each party over time: a line per party in its colour on a 0–1 axis, the
 * no-information level 0.5 marked, names at the lines' ends (spread apart where they would collide).
 */
export function trustChart(doc: ChartDocument, spec: TrustChartSpec): string {
  const fmt = spec.formatTime ?? ((ms: number) => new Date(ms).toISOString().slice(0, 10));
  const rows = spec.series.flatMap((s) =>
    s.points.map((p) => ({ actor: s.actor, name: s.name, at: new Date(p.at), trust: p.trust })),
  );
  const times = rows.map((r) => r.at.getTime());
  const [t0, t1] = times.length ? [Math.min(...times), Math.max(...times)] : [0, 1];
  const height = 260;
  const marginTop = 14;
  const marginBottom = 36;
  const inner = height - marginTop - marginBottom;
  const py = (v: number) => marginTop + inner * (1 - v);
  const ends = spec.series
    .map((s) => ({ actor: s.actor, name: s.name, end: s.points.at(-1)?.trust ?? 0.5 }))
    .map((e) => ({ ...e, y: py(e.end) }))
    .sort((a, b) => a.y - b.y);
  for (let k = 1; k < ends.length; k++) ends[k]!.y = Math.max(ends[k]!.y, ends[k - 1]!.y + 13);
  const colour = (id: string) => spec.colours.get(id) ?? OVERFLOW_COLOUR;
  const longestName = Math.max(4, ...spec.series.map((s) => s.name.length));
  const svg = render(doc, {
    width: 680,
    height,
    marginLeft: 40,
    marginTop,
    marginBottom,
    marginRight: Math.ceil(longestName * CHAR) + 24,
    x: {
      type: "utc",
      domain: [new Date(t0), new Date(t1 > t0 ? t1 : t0 + 1)],
      label: null,
      ticks: 5,
      tickFormat: (d: Date) => fmt(d.getTime()),
    },
    y: { domain: [0, 1], label: null, grid: true, ticks: 5 },
    marks: [
      Plot.ruleY([0.5], { stroke: "#888", strokeDasharray: "3,3" }),
      Plot.line(rows, {
        x: "at",
        y: "trust",
        z: "actor",
        stroke: (d: { actor: string }) => colour(d.actor),
        strokeWidth: 1.8,
      }),
      Plot.text(ends, {
        x: () => new Date(t1),
        y: (e: { y: number }) => 1 - (e.y - marginTop) / inner,
        text: "name",
        textAnchor: "start",
        dx: 6,
        fill: (e: { actor: string }) => colour(e.actor),
      }),
    ],
  });
  const summary =
    spec.summary ??
    `${spec.title}: ${ends.map((e) => `${e.name} ${e.end.toFixed(2)}`).join(", ")} at ${fmt(t1)} (0.5 means no record either way).`;
  const moments = spec.series[0]?.points ?? [];
  const step = Math.max(1, Math.ceil(moments.length / 12));
  const shown = moments.filter((_, i) => i % step === 0 || i === moments.length - 1);
  return figure(
    spec.id,
    spec.title,
    summary,
    svg,
    {
      headers: [spec.headers?.party ?? "party", ...shown.map((p) => fmt(p.at))],
      rows: spec.series.map((s) => [
        s.name,
        ...shown.map((p) => (s.points.find((q) => q.at === p.at)?.trust ?? Number.NaN).toFixed(3)),
      ]),
    },
    spec.series.map((s) => ({ label: s.name, colour: colour(s.actor) })),
  );
}
