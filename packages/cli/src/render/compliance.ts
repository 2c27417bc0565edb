import {
  type CommitmentStatus,
  type ComplianceSection,
  commitmentStatuses,
  formatInstant,
  type MonitoringView,
  type TimelineEntry,
} from "@entente/core";
import pc from "picocolors";
import { esc, htmlPage, htmlTable } from "./html.js";
import type { SectionRenderer } from "./sections.js";
import { num, textTable } from "./text-table.js";

/** How a monitoring report shows times and parties: the agreement's zone, actors by name. */
export interface MonitorDisplay {
  /** IANA zone the agreement's times are read in (default UTC). */
  zone?: string;
  /** Actor names by id. */
  names?: ReadonlyMap<string, string>;
}

/** "2015-03-10 00:00" on the zone's wall clock (UTC with a trailing Z when there is no zone). */
export function zonedTime(ms: number, zone: string | undefined): string {
  if (!zone) return formatInstant(ms).replace("T", " ");
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone: zone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(new Date(ms));
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? "";
  return `${get("year")}-${get("month")}-${get("day")} ${get("hour")}:${get("minute")}`;
}

function helpers(d: MonitorDisplay) {
  const when = (ms: number | undefined) => (ms === undefined ? "–" : zonedTime(ms, d.zone));
  const name = (id: string) => d.names?.get(id) ?? id;
  const zoneNote = d.zone ? `times in ${d.zone}` : "times in UTC";
  return { when, name, zoneNote };
}

const colour: Record<CommitmentStatus, string> = {
  pending: "#98a2b3",
  due: "#53b1fd",
  met: "#84caff",
  verified: "#12b76a",
  violated: "#d92d20",
  overdue: "#f79009",
  disputed: "#9e77ed",
  unverifiable: "#667085",
};

function paint(s: CommitmentStatus): string {
  if (s === "violated") return pc.red(s);
  if (s === "overdue") return pc.yellow(s);
  if (s === "verified") return pc.green(s);
  if (s === "disputed") return pc.magenta(s);
  return s;
}

/** The monitoring dashboard for a terminal: per party, per commitment, overdue, triggered, unlocked. */
export function renderComplianceText(v: MonitoringView, d: MonitorDisplay = {}): string {
  const { when, name, zoneNote } = helpers(d);
  const out: string[] = [];
  out.push(pc.bold(`${v.agreement.title} — compliance as of ${when(v.asOf)}`), pc.dim(`  (${zoneNote})`), "");
  out.push(pc.bold("Parties") + pc.dim(" (commitments in each state; states no party is in are left out)"));
  const seen = commitmentStatuses.filter((s) => v.parties.some((p) => (p.counts[s] ?? 0) > 0));
  out.push(
    textTable(
      ["party", "trust", ...seen],
      v.parties.map((p) => [name(p.party), num(p.trust, 2), ...seen.map((s) => String(p.counts[s] ?? 0))]),
    ),
    "",
  );
  out.push(pc.bold("Commitments"));
  out.push(
    textTable(
      ["commitment", "obligor", "status", "since", "deadline", "evidence"],
      v.report.slots.map((s) => [
        s.commitment,
        name(s.obligor),
        paint(s.status),
        when(s.since),
        when(s.deadline),
        s.evidence.join(" ") + (s.allegations ? ` (+${s.allegations} unverified)` : ""),
      ]),
    ),
    "",
  );
  const overdue = v.report.slots.filter((s) => s.status === "overdue");
  out.push(pc.bold(`Overdue (${overdue.length})`));
  for (const s of overdue) out.push(`  ${s.commitment} — ${name(s.obligor)}, deadline ${when(s.deadline)}`);
  out.push("", pc.bold(`Consultations (${v.report.consultations.length})`));
  for (const c of v.report.consultations)
    out.push(`  ${c.id} [${c.status}] under ${c.mechanism}, deadline ${when(c.deadline)}: ${c.summary}`);
  out.push("", pc.bold("Linked benefits"));
  for (const b of v.report.benefits)
    out.push(`  ${b.id}: ${b.status}${b.since !== undefined ? ` since ${when(b.since)} (${b.cause})` : ""}`);
  if (v.notifications.length) {
    out.push("", pc.bold(`Notification findings (${v.notifications.length})`));
    for (const f of v.notifications)
      out.push(
        `  ${when(f.at)} ${f.kind} — ${name(f.party)}${f.activity ? ` ${f.activity}` : ""}: ${f.detail}`,
      );
  }
  if (v.report.warnings.length) {
    out.push("", pc.bold(`Warnings (${v.report.warnings.length})`));
    for (const w of v.report.warnings) out.push(`  ${w.event}: ${w.message}`);
  }
  return `${out.join("\n")}\n`;
}

/** One horizontal band per commitment × obligor, coloured by status over time. */
export function timelineSvg(v: MonitoringView, d: MonitorDisplay = {}): string {
  const { when, name } = helpers(d);
  const slots = v.report.slots;
  const from = Math.min(v.asOf, ...v.trust.flatMap((t) => t.points.slice(0, 1).map((p) => p.at)));
  const to = v.asOf;
  const left = 230;
  const width = 900;
  const row = 18;
  const x = (t: number) => left + ((width - left - 10) * (t - from)) / Math.max(1, to - from);
  const bands: string[] = [];
  slots.forEach((s, i) => {
    const changes = v.report.changes.filter((c) => c.commitment === s.commitment && c.obligor === s.obligor);
    let status: CommitmentStatus = changes[0]?.from ?? s.status;
    let t = from;
    const y = 20 + i * row;
    for (const c of [...changes, undefined]) {
      const end = c ? Math.max(from, c.at) : to;
      if (end > t)
        bands.push(
          `<rect x="${x(t).toFixed(1)}" y="${y}" width="${(x(end) - x(t)).toFixed(1)}" height="${row - 4}" fill="${colour[status]}"><title>${esc(`${s.commitment} / ${name(s.obligor)}: ${status} from ${when(t)}`)}</title></rect>`,
        );
      if (c) {
        status = c.to;
        t = end;
      }
    }
    bands.push(
      `<text x="${left - 6}" y="${y + row - 8}" text-anchor="end" font-size="11">${esc(`${s.commitment} · ${name(s.obligor)}`)}</text>`,
    );
  });
  const height = 40 + slots.length * row;
  const axis = `<text x="${left}" y="${height - 4}" font-size="11">${esc(when(from))}</text><text x="${width - 10}" y="${height - 4}" font-size="11" text-anchor="end">${esc(when(to))}</text>`;
  const legend = commitmentStatuses
    .map(
      (s, i) =>
        `<rect x="${left + i * 82}" y="2" width="10" height="10" fill="${colour[s]}"/><text x="${left + 14 + i * 82}" y="11" font-size="11">${s}</text>`,
    )
    .join("");
  return `<svg viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="Compliance timeline">${legend}${bands.join("")}${axis}</svg>`;
}

/** The trust index of each party over time, one line each, on a 0–1 axis. */
export function trustSvg(v: MonitoringView, d: MonitorDisplay = {}): string {
  const { when, name } = helpers(d);
  const width = 900;
  const height = 220;
  const pad = 40;
  const palette = ["#1f6feb", "#d92d20", "#12b76a", "#f79009", "#9e77ed", "#667085"];
  const pts = v.trust[0]?.points ?? [];
  if (pts.length < 2) return "";
  const from = pts[0]!.at;
  const to = pts.at(-1)!.at;
  const x = (t: number) => pad + ((width - 2 * pad) * (t - from)) / Math.max(1, to - from);
  const y = (p: number) => height - pad - (height - 2 * pad) * p;
  const lines = v.trust.map((s, i) => {
    const d = s.points
      .map((p, k) => `${k ? "L" : "M"}${x(p.at).toFixed(1)},${y(p.trust).toFixed(1)}`)
      .join("");
    const c = palette[i % palette.length]!;
    return `<path d="${d}" fill="none" stroke="${c}" stroke-width="2"/><text x="${width - pad + 4}" y="${y(s.points.at(-1)!.trust) + 4}" font-size="11" fill="${c}">${esc(name(s.party))}</text>`;
  });
  const grid = [0, 0.5, 1]
    .map(
      (g) =>
        `<line x1="${pad}" x2="${width - pad}" y1="${y(g)}" y2="${y(g)}" stroke="#e6eaf0"/><text x="${pad - 6}" y="${y(g) + 4}" font-size="11" text-anchor="end">${g}</text>`,
    )
    .join("");
  return `<svg viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="Trust index over time">${grid}${lines.join("")}<text x="${pad}" y="${height - 8}" font-size="11">${esc(when(from))}</text><text x="${width - pad}" y="${height - 8}" font-size="11" text-anchor="end">${esc(when(to))}</text></svg>`;
}

const entryText = (e: TimelineEntry, name: (id: string) => string): string =>
  e.type === "status"
    ? `${e.commitment} · ${name(e.obligor)}: ${e.from} → ${e.to} (${e.reason}${e.events.length ? `; ${e.events.join(", ")}` : ""})`
    : e.type === "consultation"
      ? `consultation ${e.id}: ${e.status} — ${e.summary}`
      : `benefit ${e.id}: ${e.status} (${e.cause})`;

/** The self-contained HTML report: dashboard tables, the status timeline and the trust chart. */
export function renderComplianceHtml(v: MonitoringView, d: MonitorDisplay = {}): string {
  const { when, name, zoneNote } = helpers(d);
  const parties = htmlTable(
    ["party", "trust", ...commitmentStatuses],
    v.parties.map((p) => [
      esc(name(p.party)),
      num(p.trust, 2),
      ...commitmentStatuses.map((s) => String(p.counts[s] ?? 0)),
    ]),
    [1, 2, 3, 4, 5, 6, 7, 8, 9],
  );
  const slots = htmlTable(
    ["commitment", "obligor", "status", "since", "deadline", "evidence"],
    v.report.slots.map((s) => [
      esc(s.commitment),
      esc(name(s.obligor)),
      `<span style="color:${colour[s.status]};font-weight:600">${esc(s.status)}</span>`,
      esc(when(s.since)),
      esc(when(s.deadline)),
      esc(s.evidence.join(" ") + (s.allegations ? ` (+${s.allegations} unverified)` : "")),
    ]),
  );
  const consultations = v.report.consultations.length
    ? v.report.consultations
        .map((c) => `<p class="finding"><b>${esc(c.id)}</b> [${esc(c.status)}]: ${esc(c.summary)}</p>`)
        .join("")
    : `<p class="dim">No consultation was opened.</p>`;
  const benefits = htmlTable(
    ["benefit", "status", "since", "cause"],
    v.report.benefits.map((b) => [esc(b.id), esc(b.status), esc(when(b.since)), esc(b.cause ?? "")]),
  );
  const notes = v.notifications.length
    ? htmlTable(
        ["when", "finding", "party", "activity", "detail"],
        v.notifications.map((f) => [
          esc(when(f.at)),
          esc(f.kind),
          esc(name(f.party)),
          esc(f.activity ?? ""),
          esc(f.detail),
        ]),
      )
    : `<p class="dim">No notification finding.</p>`;
  const timeline = `<ol>${v.report.timeline.map((e) => `<li><span class="dim">${esc(when(e.at))}</span> ${esc(entryText(e, name))}</li>`).join("")}</ol>`;
  const body = `<h1>${esc(v.agreement.title)}</h1>
<p class="dim">Compliance as of ${esc(when(v.asOf))} (${esc(zoneNote)}). States: pending, due, met (claimed), verified, violated, overdue, disputed, unverifiable. Trust index: docs/trust-index.md.</p>
<h2>Parties</h2>${parties}
<h2>Timeline</h2>${timelineSvg(v, d)}
<h2>Trust over time</h2>${trustSvg(v, d)}
<h2>Commitments</h2>${slots}
<h2>Consultations</h2>${consultations}
<h2>Linked benefits</h2>${benefits}
<h2>Notification checks</h2>${notes}
<h2>Every change</h2>${timeline}`;
  return htmlPage(`${v.agreement.title} — compliance`, body);
}

/**
 * The renderer of the "compliance" section of `entente analyze` (built by `complianceSection` in
 * @entente/core): add to `sectionRenderers`. It shows the agreement's schedule and, for each breach
 * linked to a mechanism, whether it could ever trigger a response.
 */
export const complianceSectionRenderer: SectionRenderer = {
  name: "compliance",
  title: "Commitments and what a breach would trigger",
  text(data) {
    const s = data as ComplianceSection;
    const rows = s.commitments.map((c) => [
      c.id,
      c.obligors.join(", "),
      c.start,
      c.deadline,
      c.unlocks.join(", ") || "–",
      c.trigger
        ? c.trigger.map((t) => `${t.obligor}: ${t.canActivate ? "can trigger" : "cannot trigger"}`).join("; ")
        : "–",
    ]);
    const lines = [
      textTable(["commitment", "obligors", "start", "deadline", "unlocks", "breach → response"], rows),
    ];
    for (const c of s.commitments)
      for (const t of c.trigger ?? []) if (!t.canActivate) lines.push(`  ${t.summary}`);
    if (s.notifications)
      lines.push(
        `  Notification: ${Object.entries(s.notifications.notify)
          .map(([k, v]) => `${k} ≥ ${v}`)
          .join(" or ")}, ${s.notifications.noticeDays} days ahead (${s.notifications.source})`,
      );
    return `${lines.join("\n")}\n`;
  },
  html(data) {
    const s = data as ComplianceSection;
    const table = htmlTable(
      ["commitment", "obligors", "start", "deadline", "unlocks", "breach → response"],
      s.commitments.map((c) => [
        esc(c.id),
        esc(c.obligors.join(", ")),
        esc(c.start),
        esc(c.deadline),
        esc(c.unlocks.join(", ") || "–"),
        esc(c.trigger ? c.trigger.map((t) => t.summary).join(" ") : "–"),
      ]),
    );
    return table;
  },
};
