/// <reference lib="dom" />
import type { Issue } from "@entente/core";
import type { PrivateBody } from "../api/types.js";
import { ApiFailure, api } from "../api.js";
import { field, h, replace, select, uid } from "../dom.js";
import { actorName, formatTime } from "../format.js";
import { type PositionDraft, privateBody, privateDraft } from "../private-form.js";
import { onSubmit, section, showError } from "../ui.js";
import type { NegotiationData } from "./negotiation.js";

/**
 * A delegation's own private positions and red lines: read, edit and lodge a new version. Only
 * the delegation of this actor can call these routes; the mediator sees only derived answers.
 */
export async function privatePanel(d: NegotiationData, actor: string): Promise<HTMLElement> {
  const path = `/api/negotiations/${d.n.id}/private/${actor}`;
  let lodged: { version: number; body: PrivateBody; createdAt: string } | null = null;
  try {
    lodged = await api("GET", path);
  } catch (e) {
    if (!(e instanceof ApiFailure && e.code === "not_found")) throw e;
  }
  const draft = privateDraft(d.scenario, actor, lodged?.body ?? null);
  const status = h(
    "p",
    { class: "meta" },
    lodged
      ? `Version ${lodged.version} lodged ${formatTime(lodged.createdAt)}.`
      : "Nothing lodged yet: the form starts from your public positions.",
  );
  const result = h("div", { "aria-live": "polite" });
  const batna = h("input", { type: "number", min: 0, max: 1, step: 0.05, value: draft.batna });
  batna.addEventListener("input", () => {
    draft.batna = batna.value;
  });
  const form = h(
    "form",
    { class: "private" },
    h(
      "div",
      { class: "positions" },
      d.scenario.issues.map((issue, k) => issueFieldset(issue, draft.positions[k]!)),
    ),
    field("BATNA (utility if talks fail, 0–1; blank keeps the public one)", batna),
    result,
    h("button", { type: "submit" }, "Lodge private positions"),
  );
  onSubmit(form, async () => {
    const built = privateBody(d.scenario, draft);
    if (!built.ok) {
      showError(result, new Error("some values need fixing"), built.errors);
      return;
    }
    try {
      const r = await api<{ version: number; createdAt: string }>("POST", path, built.body);
      replace(status, `Version ${r.version} lodged ${formatTime(r.createdAt)}.`);
      showError(result, null);
      d.ctx.announce(`Private positions version ${r.version} lodged`);
    } catch (e) {
      showError(result, e);
    }
  });
  return section(
    `Private positions of ${actorName(d.scenario, actor)}`,
    `private-${actor}`,
    h(
      "p",
      { class: "note confidential" },
      "Confidential: only your delegation can read this. The mediator never sees it.",
    ),
    status,
    form,
  );
}

/** One issue's position: whether to lodge it, the ideal, salience, confidence, source and red line. */
function issueFieldset(issue: Issue, p: PositionDraft): HTMLElement {
  const bind = (
    el: HTMLInputElement | HTMLSelectElement,
    key: "ideal" | "salience" | "confidence" | "source" | "atLeast" | "atMost",
  ) => {
    el.value = p[key];
    el.addEventListener("input", () => {
      p[key] = el.value;
    });
    el.addEventListener("change", () => {
      p[key] = el.value;
    });
    return el;
  };
  const includeId = uid("inc");
  const include = h("input", { type: "checkbox", id: includeId, checked: p.include });
  const body = h("div", { class: "position-body" });
  const sync = () => {
    p.include = include.checked;
    body.hidden = !include.checked;
  };
  include.addEventListener("change", sync);
  const ideal =
    issue.kind === "numeric"
      ? h("input", { type: "number", min: issue.min, max: issue.max, step: "any" })
      : select(
          "ideal",
          issue.options.map((o) => ({ value: o.id, label: o.label })),
        );
  const redLine =
    issue.kind === "numeric"
      ? [
          field(
            `Lowest acceptable (${issue.unit})`,
            bind(h("input", { type: "number", step: "any" }), "atLeast"),
          ),
          field(
            `Highest acceptable (${issue.unit})`,
            bind(h("input", { type: "number", step: "any" }), "atMost"),
          ),
        ]
      : h(
          "fieldset",
          { class: "reject" },
          h("legend", null, "Red line: options you will not accept"),
          issue.options.map((o) => {
            const id = uid("rej");
            const box = h("input", { type: "checkbox", id, checked: p.reject.includes(o.id) });
            box.addEventListener("change", () => {
              p.reject = issue.options
                .map((x) => x.id)
                .filter((x) => (x === o.id ? box.checked : p.reject.includes(x)));
            });
            return h("div", { class: "check" }, box, h("label", { for: id }, o.label));
          }),
        );
  body.append(
    h(
      "div",
      { class: "grid" },
      h("div", { class: "wide" }, field("Ideal", bind(ideal, "ideal"))),
      field("Salience (0–1)", bind(h("input", { type: "number", min: 0, max: 1, step: 0.05 }), "salience")),
      field(
        "Confidence (0–1)",
        bind(h("input", { type: "number", min: 0, max: 1, step: 0.05 }), "confidence"),
      ),
    ),
    h("div", { class: "redline" }, redLine),
    field("Source", bind(h("input", { maxlength: 500 }), "source")),
  );
  sync();
  return h(
    "fieldset",
    { class: "position" },
    h("legend", null, issue.name),
    h(
      "div",
      { class: "check" },
      include,
      h("label", { for: includeId }, "Lodge a private position on this issue"),
    ),
    body,
  );
}
