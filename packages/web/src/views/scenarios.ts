/// <reference lib="dom" />

import type { ScenarioError, ScenarioSummary } from "../api/types.js";
import { api } from "../api.js";
import { field, h, replace } from "../dom.js";
import { formatTime } from "../format.js";
import { type Ctx, formValues, onSubmit, section, showError } from "../ui.js";
import { scenarioVersions } from "./scenario-versions.js";

/**
 * Scenarios: the list, and (for admins) upload. A file is checked with POST /api/scenarios/validate
 * first, so every error is listed with its line:column and field path, not only the first.
 */
export async function scenariosView(ctx: Ctx): Promise<HTMLElement> {
  const { scenarios } = await api<{ scenarios: ScenarioSummary[] }>("GET", "/api/scenarios");
  const list = scenarios.length
    ? h(
        "table",
        { class: "list" },
        h(
          "thead",
          null,
          h(
            "tr",
            null,
            h("th", null, "Slug"),
            h("th", null, "Latest version"),
            h("th", null, "Created"),
            h("th", null, h("span", { class: "visually-hidden" }, "Versions")),
          ),
        ),
        h(
          "tbody",
          null,
          scenarios.map((s) => {
            const slot = h("td", { colspan: 4 });
            const row = h("tr", { hidden: true }, slot);
            const toggle = h(
              "button",
              { type: "button", class: "secondary small", "aria-expanded": "false" },
              `Versions of ${s.slug}`,
            );
            toggle.addEventListener("click", async () => {
              const open = toggle.getAttribute("aria-expanded") === "true";
              toggle.setAttribute("aria-expanded", String(!open));
              row.hidden = open;
              if (!open && !slot.hasChildNodes()) {
                try {
                  replace(slot, await scenarioVersions(s));
                } catch (e) {
                  showError(slot, e);
                }
              }
            });
            return [
              h(
                "tr",
                null,
                h("td", null, s.slug),
                h("td", null, `v${s.latestVersion}`),
                h("td", null, formatTime(s.createdAt)),
                h("td", null, toggle),
              ),
              row,
            ];
          }),
        ),
      )
    : h("p", null, "No scenarios yet.");
  return h(
    "main",
    { id: "main" },
    h("h1", { tabindex: "-1" }, "Scenarios"),
    section("Stored scenarios", "scenario-list", list),
    ctx.me.user.isAdmin
      ? uploadForm(ctx)
      : h("p", { class: "note" }, "Only an administrator uploads scenarios."),
  );
}

function uploadForm(ctx: Ctx): HTMLElement {
  const result = h("div", { "aria-live": "polite" });
  const file = h("input", {
    type: "file",
    name: "file",
    accept: ".yaml,.yml,.json,application/json,text/yaml",
  });
  const text = h("textarea", { name: "text", rows: 10, spellcheck: "false", class: "code" });
  const slug = h("input", {
    name: "slug",
    pattern: "[a-z0-9][a-z0-9_-]{0,63}",
    placeholder: "(the scenario's own id)",
  });
  file.addEventListener("change", async () => {
    const f = file.files?.[0];
    if (f) text.value = await f.text();
  });
  const form = h(
    "form",
    { class: "upload" },
    field("YAML or JSON file", file, "The file's text appears below; you may also paste it."),
    field("Scenario text", text),
    field("Store as slug (optional)", slug, "Uploading a known slug makes a new version."),
    result,
    h("button", { type: "submit" }, "Validate and upload"),
  );
  onSubmit(form, async () => {
    const v = formValues(form);
    const body = (v.text ?? "").trim();
    if (!body) {
      showError(result, new Error("choose a file or paste the scenario text"));
      return;
    }
    const format = /^\s*[{[]/.test(body) ? ("json" as const) : ("yaml" as const);
    try {
      const check = await api<{ ok: boolean; errors: ScenarioError[] }>("POST", "/api/scenarios/validate", {
        text: body,
        format,
      });
      if (!check.ok) {
        showError(
          result,
          new Error(`the scenario has ${check.errors.length} problem${check.errors.length === 1 ? "" : "s"}`),
          check.errors,
        );
        return;
      }
      const up = await api<{ slug: string; version: number }>("POST", "/api/scenarios", {
        text: body,
        format,
        ...(v.slug ? { slug: v.slug } : {}),
      });
      replace(result, h("p", { class: "ok", role: "status" }, `Stored ${up.slug} v${up.version}.`));
      ctx.announce(`Stored ${up.slug} version ${up.version}`);
      ctx.refresh();
    } catch (e) {
      showError(result, e);
    }
  });
  return section("Upload a scenario", "scenario-upload", form);
}
