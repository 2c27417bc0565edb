/// <reference lib="dom" />

import type { Negotiation, ScenarioSummary } from "../api/types.js";
import { api } from "../api.js";
import { describeRoles } from "../capabilities.js";
import { field, h, select } from "../dom.js";
import { formatTime } from "../format.js";
import { type Ctx, formValues, onSubmit, section, showError } from "../ui.js";

/** The negotiations the user takes part in (all, for an admin), and for admins a form to open one. */
export async function negotiationsView(ctx: Ctx): Promise<HTMLElement> {
  const { negotiations } = await api<{ negotiations: Negotiation[] }>("GET", "/api/negotiations");
  const list = negotiations.length
    ? h(
        "ul",
        { class: "cards" },
        negotiations.map((n) =>
          h(
            "li",
            null,
            h("a", { href: `#/negotiations/${n.id}` }, n.title),
            h("span", { class: "meta" }, ` · ${n.venue} · opened ${formatTime(n.createdAt)}`),
            h("span", { class: "roles" }, describeRoles(ctx.me, n.id) || "no role"),
          ),
        ),
      )
    : h(
        "p",
        null,
        ctx.me.user.isAdmin
          ? "No negotiation yet; open one below."
          : "You are not a member of any negotiation yet.",
      );
  return h(
    "main",
    { id: "main" },
    h("h1", { tabindex: "-1" }, "Negotiations"),
    section("Your negotiations", "negotiation-list", list),
    ctx.me.user.isAdmin ? await createForm(ctx) : null,
  );
}

async function createForm(ctx: Ctx): Promise<HTMLElement> {
  const { scenarios } = await api<{ scenarios: ScenarioSummary[] }>("GET", "/api/scenarios");
  if (!scenarios.length)
    return section("Open a negotiation", "negotiation-create", h("p", null, "Upload a scenario first."));
  const result = h("div");
  const form = h(
    "form",
    null,
    field("Title", h("input", { name: "title", required: true, maxlength: 200 })),
    field("Venue", h("input", { name: "venue", required: true, maxlength: 200 })),
    field(
      "Scenario",
      select(
        "scenario",
        scenarios.map((s) => ({
          value: `${s.id}:${s.latestVersion}`,
          label: `${s.slug} (v${s.latestVersion})`,
        })),
      ),
    ),
    result,
    h("button", { type: "submit" }, "Open negotiation"),
  );
  onSubmit(form, async () => {
    const v = formValues(form);
    const [scenarioId, scenarioVersion] = (v.scenario ?? "").split(":").map(Number);
    try {
      const n = await api<Negotiation>("POST", "/api/negotiations", {
        title: v.title ?? "",
        venue: v.venue ?? "",
        scenarioId,
        scenarioVersion,
      });
      ctx.announce(`Opened negotiation ${n.title}`);
      location.hash = `#/negotiations/${n.id}`;
    } catch (e) {
      showError(result, e);
    }
  });
  return section("Open a negotiation", "negotiation-create", form);
}
