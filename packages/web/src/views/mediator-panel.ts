/// <reference lib="dom" />

import type { ZoneAnswer } from "../api/types.js";
import { api } from "../api.js";
import { h, replace } from "../dom.js";
import { actorName, formatCount } from "../format.js";
import { comparisonTable, section, showError } from "../ui.js";
import type { NegotiationData } from "./negotiation.js";

const SUGGESTION_LABEL: Record<string, string> = {
  nash: "Nash bargaining package",
  "kalai-smorodinsky": "Kalai–Smorodinsky package",
  utilitarian: "Largest total utility",
  egalitarian: "Best for the worst-off",
};

/**
 * The mediator's derived answers, and nothing else: the server computes them from every
 * delegation's private positions together and returns aggregates. The UI asks only on request,
 * because each question spends a rate-limit token and is written to the audit log.
 */
export function mediatorPanel(d: NegotiationData): HTMLElement {
  const out = h("div", { "aria-live": "polite" });
  const button = h("button", { type: "button" }, "Is there a zone of agreement?");
  button.addEventListener("click", async () => {
    button.disabled = true;
    try {
      const z = await api<ZoneAnswer>("GET", `/api/negotiations/${d.n.id}/mediator/zone`);
      replace(out, zoneAnswer(d, z));
    } catch (e) {
      showError(out, e);
    } finally {
      button.disabled = false;
    }
  });
  return section(
    "Mediator: derived answers",
    "mediator",
    h(
      "p",
      { class: "note" },
      "Answers are computed from all delegations' private positions at once; no position or red line is ever shown. Each question is rate-limited and recorded in the audit log, which the delegations can read. To ask whether each delegation would accept a tabled proposal, use the button under that proposal.",
    ),
    button,
    out,
  );
}

function zoneAnswer(d: NegotiationData, z: ZoneAnswer): HTMLElement {
  const suggested = [
    ...(z.nash ? [{ label: SUGGESTION_LABEL.nash!, package: z.nash }] : []),
    ...z.suggestions
      .filter((x) => x.kind !== "nash")
      .map((x) => ({ label: SUGGESTION_LABEL[x.kind] ?? x.kind, package: x.package })),
  ];
  const parties = z.parties.map((a) => actorName(d.scenario, a)).join(", ");
  return h(
    "div",
    { class: "zone" },
    h(
      "dl",
      null,
      h("dt", null, "Zone of agreement"),
      h(
        "dd",
        { class: z.exists ? "yes" : "no" },
        z.exists
          ? "Yes — some package is acceptable to every delegation"
          : "No package is acceptable to every delegation",
      ),
      h("dt", null, "Acceptable packages"),
      h("dd", null, `${formatCount(z.count)} of ${z.total.toLocaleString("en")}`),
      h("dt", null, "Delegations counted"),
      h("dd", null, parties || "—"),
    ),
    z.withheld ? h("p", { class: "note" }, `Packages withheld: ${z.withheld}.`) : null,
    suggested.length
      ? h(
          "div",
          { class: "scroll-x", tabindex: "0", role: "region", "aria-label": "Suggested packages" },
          comparisonTable(d.scenario, suggested, "Suggested packages (rows where they differ are marked)"),
        )
      : null,
  );
}
