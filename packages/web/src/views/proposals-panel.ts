/// <reference lib="dom" />

import type { AcceptanceAnswer, Package, Proposal, Score } from "../api/types.js";
import { api } from "../api.js";
import { field, h, replace, select } from "../dom.js";
import { actorName, formatTime } from "../format.js";
import { defaultPackage, issueControls, readPackage } from "../package-form.js";
import { threadProposals } from "../proposal-tree.js";
import { formValues, onSubmit, packageTable, section, showError } from "../ui.js";
import type { NegotiationData } from "./negotiation.js";

/** Proposals and counter-proposals as threads, with the form to table one. */
export async function proposalsPanel(d: NegotiationData): Promise<HTMLElement> {
  const form = d.standing.canTable ? tableForm(d) : null;
  const rows = threadProposals(d.proposals);
  const cards = await Promise.all(rows.map((r) => proposalCard(d, r.proposal, r.depth, form)));
  return h(
    "div",
    null,
    section(
      `Proposals (${d.proposals.length})`,
      "proposals",
      cards.length ? h("ol", { class: "threads" }, cards) : h("p", null, "Nothing tabled yet."),
    ),
    form ? form.element : null,
  );
}

interface TableForm {
  element: HTMLElement;
  /** Prefills the form with a proposal's package to counter it. */
  counter(p: Proposal): void;
}

function author(d: NegotiationData, p: Proposal): string {
  return p.authorActor ? `delegation of ${actorName(d.scenario, p.authorActor)}` : p.authorRole;
}

async function proposalCard(
  d: NegotiationData,
  p: Proposal,
  depth: number,
  form: TableForm | null,
): Promise<HTMLElement> {
  const title = p.parentId ? `Counter-proposal ${p.id} to ${p.parentId}` : `Proposal ${p.id}`;
  const id = `proposal-${p.id}`;
  const actions: HTMLElement[] = [];
  if (form) {
    actions.push(
      h(
        "button",
        { type: "button", class: "secondary", onclick: () => form.counter(p) },
        `Counter proposal ${p.id}`,
      ),
    );
  }
  if (d.standing.isMediator) actions.push(acceptanceControl(d, p));
  const scores = await Promise.all(d.standing.delegationActors.map((a) => scoreForm(d, p, a)));
  return h(
    "li",
    { class: `proposal depth-${Math.min(depth, 4)}`, "aria-labelledby": id },
    h("h3", { id }, title),
    h("p", { class: "meta" }, `Round ${p.round} · by ${author(d, p)} · ${formatTime(p.createdAt)}`),
    packageTable(d.scenario, p.package),
    p.note ? h("p", { class: "note-text" }, p.note) : null,
    actions.length ? h("div", { class: "actions" }, actions) : null,
    scores,
  );
}

/** The mediator's one-bit question about a tabled proposal: would every delegation accept it? */
function acceptanceControl(d: NegotiationData, p: Proposal): HTMLElement {
  const out = h("div", { class: "acceptance", "aria-live": "polite" });
  const button = h("button", { type: "button" }, `Would every delegation accept proposal ${p.id}?`);
  button.addEventListener("click", async () => {
    button.disabled = true;
    try {
      const r = await api<AcceptanceAnswer>(
        "GET",
        `/api/negotiations/${d.n.id}/mediator/proposals/${p.id}/acceptance`,
      );
      replace(
        out,
        h(
          "p",
          { class: r.allAccept ? "yes" : "no" },
          `${r.allAccept ? "Every delegation would accept it" : "Not every delegation would accept it"} (disclosure budget: ${r.budget.spent} of ${r.budget.budget} bits spent)`,
        ),
      );
    } catch (e) {
      showError(out, e);
    } finally {
      button.disabled = false;
    }
  });
  return h("div", { class: "ask" }, button, out);
}

/** A delegation's private score of a proposal (0–1), with its latest score shown. */
async function scoreForm(d: NegotiationData, p: Proposal, actor: string): Promise<HTMLElement> {
  const base = `/api/negotiations/${d.n.id}/proposals/${p.id}/scores/${actor}`;
  const { scores } = await api<{ scores: Score[] }>("GET", base);
  const last = scores[scores.length - 1];
  const result = h("div", { "aria-live": "polite" });
  const shown = h(
    "p",
    { class: "meta" },
    last
      ? `Your latest private score: ${last.score}${last.comment ? ` — “${last.comment}”` : ""}`
      : "Not scored yet.",
  );
  const form = h(
    "form",
    { class: "score inline" },
    field(
      `Private score for ${actorName(d.scenario, actor)} (0–1)`,
      h("input", {
        name: "score",
        type: "number",
        min: 0,
        max: 1,
        step: 0.05,
        required: true,
        value: last?.score ?? "",
      }),
    ),
    field("Comment (private)", h("input", { name: "comment", maxlength: 2000, value: last?.comment ?? "" })),
    h("button", { type: "submit", class: "secondary" }, "Save score"),
    result,
  );
  onSubmit(form, async () => {
    const v = formValues(form);
    try {
      const s = await api<Score>("POST", base, { score: Number(v.score), comment: v.comment ?? "" });
      replace(shown, `Your latest private score: ${s.score}${s.comment ? ` — “${s.comment}”` : ""}`);
      showError(result, null);
      d.ctx.announce(`Score ${s.score} saved for proposal ${p.id}`);
    } catch (e) {
      showError(result, e);
    }
  });
  return h("div", { class: "private-score" }, h("h4", null, "Private to your delegation"), shown, form);
}

/** The form to table a proposal: one select (or number input) per issue of the scenario. */
function tableForm(d: NegotiationData): TableForm {
  const s = d.standing;
  const result = h("div");
  let parentId: number | null = null;
  const parentNote = h("p", { class: "meta", "aria-live": "polite" });
  const inputs = new Map<string, HTMLInputElement | HTMLSelectElement>();
  const fields = issueControls(d.scenario).map((c) => {
    const control =
      c.kind === "choice"
        ? select(`issue:${c.issue}`, c.options)
        : h("input", {
            name: `issue:${c.issue}`,
            type: "number",
            min: c.min,
            max: c.max,
            step: c.step,
            required: true,
          });
    inputs.set(c.issue, control);
    return field(c.kind === "number" ? `${c.label} (${c.unit}, ${c.min}–${c.max})` : c.label, control);
  });
  const fill = (pkg: Package) => {
    for (const [k, el] of inputs) if (pkg[k] !== undefined) el.value = String(pkg[k]);
  };
  fill(defaultPackage(d.scenario));
  const asOptions = [
    ...s.delegationActors.map((a) => ({ value: a, label: `delegation of ${actorName(d.scenario, a)}` })),
    ...(s.isMediator ? [{ value: "", label: "mediator" }] : []),
  ];
  const clear = h(
    "button",
    { type: "button", class: "link", hidden: true },
    "Make it a new proposal instead",
  );
  const setParent = (id: number | null) => {
    parentId = id;
    parentNote.textContent = id ? `Countering proposal ${id}.` : "";
    clear.hidden = id === null;
  };
  clear.addEventListener("click", () => setParent(null));
  const heading = h("h2", { id: "sec-table", tabindex: "-1" }, "Table a proposal");
  const form = h(
    "form",
    { class: "table-proposal" },
    h("div", { class: "grid" }, fields),
    asOptions.length > 1 ? field("Table as", select("as", asOptions)) : null,
    field("Note (public)", h("textarea", { name: "note", rows: 2, maxlength: 2000 })),
    parentNote,
    clear,
    result,
    h("button", { type: "submit" }, "Table proposal"),
  );
  onSubmit(form, async () => {
    const v = formValues(form);
    // Issue fields are prefixed so that an issue called "note" cannot collide with the note field.
    const raw = Object.fromEntries(
      Object.entries(v)
        .filter(([k]) => k.startsWith("issue:"))
        .map(([k, x]) => [k.slice("issue:".length), x]),
    );
    const read = readPackage(d.scenario, raw);
    if (!read.ok) {
      showError(result, new Error("the package is incomplete"), read.errors);
      return;
    }
    const as = v.as ?? asOptions[0]?.value ?? "";
    try {
      const p = await api<Proposal>("POST", `/api/negotiations/${d.n.id}/proposals`, {
        package: read.package,
        note: v.note ?? "",
        ...(parentId ? { parentId } : {}),
        ...(as ? { actorId: as } : {}),
      });
      d.ctx.announce(`Proposal ${p.id} tabled`);
      d.ctx.refresh();
    } catch (e) {
      showError(result, e);
    }
  });
  return {
    element: h("section", { class: "panel table", "aria-labelledby": "sec-table" }, heading, form),
    counter(p) {
      fill(p.package);
      setParent(p.id);
      heading.focus();
    },
  };
}
