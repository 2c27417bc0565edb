import type { AgreementSection, PackageView, SolutionView } from "@entente/core";
import pc from "picocolors";
import { chartKit } from "./chart-kit.js";
import { esc, htmlTable } from "./html.js";
import type { SectionRenderer } from "./sections.js";
import { num, textTable } from "./text-table.js";

const SOLUTIONS = [
  ["nash", "Nash"],
  ["utilitarian", "Utilitarian"],
  ["egalitarian", "Egalitarian"],
  ["kalaiSmorodinsky", "Kalai–Smorodinsky"],
] as const;

function short(s: string, n = 38): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

function count(x: number): string {
  return x < 1e12 ? num(x, 0) : x.toExponential(3);
}

/**
 * "17,073,085 (exact)", or "between 1.2e7 and 3.4e7 (proven bounds; …)" followed, when sampled, by
 * "; estimated about 2.1e7 (99% interval …, sampled: not a bound)".
 */
export function countPhrase(c: AgreementSection["count"]): string {
  if (c.exact) return `${count(c.lower)} (exact)`;
  const proven = `between ${count(c.lower)} and ${count(c.upper)} (proven bounds; ${c.depth} issues searched, the rest bounded)`;
  const e = c.estimate;
  if (!e) return proven;
  const r = Math.round;
  return `${proven}; estimated about ${count(r(e.estimate))} (99% interval ${count(r(e.low))}–${count(r(e.high))}, from ${count(e.samples)} sampled walks: an estimate, not a bound)`;
}

function status(s: SolutionView | null): string {
  if (!s) return "none";
  return s.exact ? "proven optimal" : `best found; proven bound ${num(s.bound, 4)}`;
}

function utilPct(u: number): string {
  return num(u * 100, 1);
}

/** Which issues of an assessed proposal were left open and filled in, and how. */
export interface ProposalCompletion {
  open: string[];
  how: "nash" | "status quo";
}

/** What "filled in" means, said once below the package. */
export function completionNote(c: ProposalCompletion): string {
  return c.how === "nash"
    ? `Filled in: the ${c.open.length} issue(s) the proposal left open, set to the best completion — the Nash bargaining solution given the issues it settles.`
    : `Filled in: the ${c.open.length} issue(s) the proposal left open; no completion is acceptable to every actor, so they take the status quo.`;
}

/** The package judged, issue by issue, the filled-in issues labelled. */
function proposalChoices(p: NonNullable<AgreementSection["proposal"]>, c?: ProposalCompletion): string[][] {
  return p.package.choices.map((ch) => [
    ch.issueName,
    ch.label,
    c?.open.includes(ch.issue) ? "filled in" : "as proposed",
  ]);
}

/** The agreement section for a terminal (with the proposal's filled-in issues labelled, if any). */
export function renderAgreementText(s: AgreementSection, completion?: ProposalCompletion): string {
  const out: string[] = [];
  const actors = s.actors.length;
  out.push(
    `${pc.bold("Agreement space")}: ${actors} actors must accept · ${s.space.issues} issues · ${count(s.space.packages)} packages`,
  );
  out.push(
    `  Acceptable to every actor (no red line crossed, each at least its no-deal utility): ${pc.bold(countPhrase(s.count))}`,
  );
  out.push(
    textTable(
      ["actor", "no-deal utility", "from"],
      s.actors.map((a) => [a.name, utilPct(a.disagreement), a.disagreementSource]),
    ),
  );
  out.push(pc.dim("  Utilities are points out of 100 (each actor's ideal package = 100)."));

  const sols = SOLUTIONS.map(([k, label]) => [label, s.solutions[k]] as const);
  const present = sols.filter(([, v]) => v !== null) as [string, SolutionView][];
  out.push("", pc.bold("Bargaining solutions") + pc.dim(" (packages every actor accepts)"));
  if (present.length === 0) out.push("  No package is acceptable to every actor.");
  else {
    out.push(
      textTable(
        ["issue", ...present.map(([l]) => l)],
        present[0]![1].choices.map((c, i) => [
          short(c.issueName, 30),
          ...present.map(([, v]) => short(v.choices[i]!.label, 30)),
        ]),
      ),
    );
    out.push(
      textTable(
        ["utility (gain)", ...present.map(([l]) => l)],
        s.actors.map((a, k) => [
          a.name,
          ...present.map(
            ([, v]) => `${utilPct(v.utilities[k]!.utility)} (+${utilPct(v.utilities[k]!.gain)})`,
          ),
        ]),
      ),
    );
    out.push(`  ${present.map(([l, v]) => `${l}: ${status(v)}`).join(" · ")}`);
  }

  out.push("", pc.bold("Pareto frontier"));
  const listed = s.pareto.shown.slice(0, 3);
  out.push(
    s.pareto.complete
      ? `  ${s.pareto.size} efficient package(s) (complete); the ${listed.length} with the largest total utility:`
      : `  Too large to list in full; ${s.pareto.shown.length} proven efficient packages found (maximisers of positive ` +
          `weightings), the ${listed.length} with the largest total utility:`,
  );
  for (const p of listed) out.push(`  • ${utilityLine(p)}`);

  if (s.proposal) {
    const p = s.proposal;
    out.push("", pc.bold("Proposed package"));
    out.push(textTable(["issue", "option", ""], proposalChoices(p, completion)));
    if (completion?.open.length) out.push(pc.dim(`  ${completionNote(completion)}`));
    out.push(
      textTable(
        ["actor", "accepts", "utility", "no-deal", "red lines crossed"],
        p.verdicts.map((v) => [
          v.name,
          v.accepts ? pc.green("yes") : pc.red("no"),
          utilPct(v.utility),
          utilPct(v.disagreement),
          v.redLinesCrossed.join(", ") || "–",
        ]),
      ),
    );
    out.push(
      p.improvable
        ? `  Post-settlement improvement: ${count(p.improvements.lower)}${p.improvements.exact ? "" : `–${count(p.improvements.upper)}`} packages leave every actor at least as well off; the best for the group:`
        : p.verdicts.every((v) => v.accepts)
          ? `  No package leaves every actor at least as well off and someone better: the proposal is Pareto-efficient${p.exact ? " (proven)" : " (within the node budget)"}.`
          : `  No package every actor accepts leaves every actor at least as well off as this proposal${p.exact ? " (proven)" : " (within the node budget)"}.`,
    );
    if (p.improvement) {
      for (const [k, c] of p.improvement.choices.entries()) {
        if (c.option !== p.package.choices[k]!.option)
          out.push(`    ${c.issueName}: ${p.package.choices[k]!.label} → ${pc.cyan(c.label)}`);
      }
      out.push(
        `    ${p.improvement.utilities.map((u, k) => `${u.name} ${utilPct(p.package.utilities[k]!.utility)}→${utilPct(u.utility)}`).join(", ")}`,
      );
    }
  }

  out.push("", pc.bold("Logrolling") + pc.dim(` (trades of concessions from ${s.logrollReference})`));
  if (s.logrolls.length === 0)
    out.push("  No two actors can both gain by trading concessions across two issues.");
  for (const t of s.logrolls) out.push(`  • ${t.sentence}`);

  out.push("", pc.bold("What would it take"));
  out.push(`  ${s.whatWouldItTake.summary}`);
  s.whatWouldItTake.plans.forEach((p, k) => {
    out.push(`  ${k + 1}. ${p.sentence}`);
    if (p.package)
      out.push(pc.dim(`     Fairest package it opens: ${p.package.choices.map((c) => c.label).join("; ")}.`));
  });
  for (const b of s.whatWouldItTake.binding) out.push(`  • ${b.sentence}`);

  out.push("", pc.dim(s.notes.map((n) => `  ${n}`).join("\n")));
  return `${out.join("\n")}\n`;
}

function utilityLine(p: PackageView): string {
  return p.utilities.map((u) => `${u.name} ${utilPct(u.utility)}`).join(", ");
}

/**
 * The agreement space of the first two actors who must accept (the parties, in the scenario's
 * order) when the chart components are loaded: the efficient packages found, projected onto these
 * two actors' utilities, the no-deal point and the bargaining solutions.
 */
function agreementSpaceFigure(s: AgreementSection, present: [string, SolutionView][]): string {
  const kit = chartKit();
  if (!kit || s.actors.length < 2 || present.length === 0) return "";
  const [A, B] = [s.actors[0]!, s.actors[1]!];
  const at = (p: PackageView) => ({
    a: 100 * (p.utilities.find((u) => u.actor === A.id)?.utility ?? 0),
    b: 100 * (p.utilities.find((u) => u.actor === B.id)?.utility ?? 0),
  });
  const pts = [...s.pareto.shown, ...present.map(([, v]) => v)].map(at);
  // The two-actor frontier: the points no other point beats for both of them.
  const frontier = pts.filter((p) => !pts.some((q) => q.a >= p.a && q.b >= p.b && (q.a > p.a || q.b > p.b)));
  return kit.agreementSpaceChart(kit.doc, {
    id: "agreement-space",
    actorA: A.name,
    actorB: B.name,
    frontier,
    noDeal: { a: 100 * A.disagreement, b: 100 * B.disagreement },
    solutions: present.map(([name, v]) => ({ name, ...at(v) })),
  });
}

/** The agreement section as HTML (escaped; no scripts). */
export function renderAgreementHtml(s: AgreementSection, completion?: ProposalCompletion): string {
  const h: string[] = [];
  h.push(`<h2>Agreement space</h2>`);
  h.push(
    `<p>${s.actors.length} actors must accept · ${s.space.issues} issues · ${esc(count(s.space.packages))} packages. ` +
      `Acceptable to every actor: <strong>${esc(countPhrase(s.count))}</strong>.</p>`,
  );
  h.push(
    htmlTable(
      ["actor", "no-deal utility", "from"],
      s.actors.map((a) => [esc(a.name), esc(utilPct(a.disagreement)), esc(a.disagreementSource)]),
      [1],
    ),
  );
  const present = SOLUTIONS.map(([k, l]) => [l, s.solutions[k]] as const).filter(([, v]) => v) as [
    string,
    SolutionView,
  ][];
  h.push(`<h3>Bargaining solutions</h3>`);
  const space = agreementSpaceFigure(s, present);
  if (space) h.push(space);
  if (present.length) {
    h.push(
      htmlTable(
        ["issue", ...present.map(([l]) => l)],
        present[0]![1].choices.map((c, i) => [
          esc(c.issueName),
          ...present.map(([, v]) => esc(v.choices[i]!.label)),
        ]),
      ),
    );
    h.push(
      htmlTable(
        ["utility (gain)", ...present.map(([l]) => l)],
        s.actors.map((a, k) => [
          esc(a.name),
          ...present.map(([, v]) =>
            esc(`${utilPct(v.utilities[k]!.utility)} (+${utilPct(v.utilities[k]!.gain)})`),
          ),
        ]),
        present.map((_, i) => i + 1),
      ),
    );
    h.push(`<p class="dim">${present.map(([l, v]) => esc(`${l}: ${status(v)}`)).join(" · ")}</p>`);
  } else h.push(`<p class="bad">No package is acceptable to every actor.</p>`);
  if (s.proposal) {
    const p = s.proposal;
    h.push(`<h3>Proposed package</h3>`);
    h.push(
      htmlTable(
        ["issue", "option", ""],
        proposalChoices(p, completion).map((r) => r.map(esc)),
      ),
    );
    h.push(
      htmlTable(
        ["actor", "accepts", "utility", "no-deal", "red lines crossed"],
        p.verdicts.map((v) => [
          esc(v.name),
          v.accepts ? `<span class="ok">yes</span>` : `<span class="bad">no</span>`,
          esc(utilPct(v.utility)),
          esc(utilPct(v.disagreement)),
          esc(v.redLinesCrossed.join(", ") || "–"),
        ]),
        [2, 3],
      ),
    );
    h.push(
      `<p>${p.improvable ? "A post-settlement improvement exists: every actor at least as well off, someone better." : p.verdicts.every((v) => v.accepts) ? "The proposal is Pareto-efficient." : "No package every actor accepts leaves every actor at least as well off as this proposal."}</p>`,
    );
  }
  h.push(`<h3>Logrolling</h3><p class="dim">From ${esc(s.logrollReference)}.</p><ul>`);
  for (const t of s.logrolls) h.push(`<li>${esc(t.sentence)}</li>`);
  h.push(`</ul><h3>What would it take</h3><div class="finding">${esc(s.whatWouldItTake.summary)}</div><ol>`);
  for (const p of s.whatWouldItTake.plans) {
    const pk = p.package
      ? `<br><span class="dim">Fairest package it opens: ${esc(p.package.choices.map((c) => c.label).join("; "))}.</span>`
      : "";
    h.push(`<li>${esc(p.sentence)}${pk}</li>`);
  }
  for (const b of s.whatWouldItTake.binding) h.push(`<li>${esc(b.sentence)}</li>`);
  h.push(`</ol><p class="src">${s.notes.map(esc).join("<br>")}</p>`);
  return h.join("\n");
}

/** How the "agreement" section of `entente analyze` is shown (see report-sections.ts). */
export const agreementSectionRenderer: SectionRenderer = {
  name: "agreement",
  title: "Agreement space",
  text: (data) => renderAgreementText(data as AgreementSection),
  html: (data) => renderAgreementHtml(data as AgreementSection),
};
