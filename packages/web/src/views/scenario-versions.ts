/// <reference lib="dom" />

import { scenarioDiffPhrases } from "../../../core/src/format/scenario-diff-words.js";
import type { ScenarioSummary } from "../api/types.js";
import { api } from "../api.js";
import { field, h, replace, select } from "../dom.js";
import { formatTime } from "../format.js";
import { type MessageKey, t } from "../i18n/index.js";
import { formValues, onSubmit, showError } from "../ui.js";

interface VersionMeta {
  version: number;
  format: "yaml" | "json";
  createdAt: string;
}

interface Change {
  path: string;
  op: "added" | "removed" | "changed";
  before?: unknown;
  after?: unknown;
}

const show = (v: unknown) => (v === undefined ? "" : JSON.stringify(v).slice(0, 300));

/**
 * A scenario's versions, and a comparison of any two field by field (GET /api/scenarios/{id}/diff),
 * so everyone can see what changed between the version a negotiation opened on and the latest.
 */
export async function scenarioVersions(s: ScenarioSummary): Promise<HTMLElement> {
  const { versions } = await api<{ versions: VersionMeta[] }>("GET", `/api/scenarios/${s.id}/versions`);
  const out = h("div", { "aria-live": "polite" });
  const opts = versions.map((v) => ({
    value: String(v.version),
    label: `v${v.version} (${formatTime(v.createdAt)})`,
  }));
  const last = versions[versions.length - 1]?.version ?? 1;
  const form = h(
    "form",
    { class: "inline" },
    field("From", select("from", opts, String(Math.max(1, last - 1)))),
    field("To", select("to", opts, String(last))),
    h("button", { type: "submit", class: "secondary" }, "Compare"),
  );
  onSubmit(form, async () => {
    const v = formValues(form);
    try {
      const d = await api<{ from: number; to: number; changes: Change[] }>(
        "GET",
        `/api/scenarios/${s.id}/diff?from=${Number(v.from)}&to=${Number(v.to)}`,
      );
      // The changes in words, naming actors, issues and options, in the reader's language.
      const parsed = async (n: number) =>
        (await api<{ parsed: unknown }>("GET", `/api/scenarios/${s.id}/versions/${n}`)).parsed;
      const phrases = d.changes.length
        ? scenarioDiffPhrases(d.changes, await parsed(d.from), await parsed(d.to))
        : [];
      replace(
        out,
        d.changes.length
          ? h(
              "div",
              { class: "scroll-x" },
              h("h3", null, t("diff.title")),
              h(
                "ul",
                { class: "diff-words" },
                phrases.map((p) => h("li", null, t(p.key as MessageKey, p.params))),
              ),
              h(
                "table",
                { class: "list diff" },
                h(
                  "caption",
                  null,
                  `${d.changes.length} change${d.changes.length === 1 ? "" : "s"} from v${d.from} to v${d.to}`,
                ),
                h(
                  "thead",
                  null,
                  h(
                    "tr",
                    null,
                    ["Field", "Change", "Before", "After"].map((t) => h("th", { scope: "col" }, t)),
                  ),
                ),
                h(
                  "tbody",
                  null,
                  d.changes.map((c) =>
                    h(
                      "tr",
                      null,
                      h("td", null, h("code", null, c.path)),
                      h("td", null, c.op),
                      h("td", { class: "payload" }, show(c.before)),
                      h("td", { class: "payload" }, show(c.after)),
                    ),
                  ),
                ),
              ),
            )
          : h("p", { role: "status" }, `No differences between v${d.from} and v${d.to}.`),
      );
    } catch (e) {
      showError(out, e);
    }
  });
  return h(
    "div",
    { class: "versions" },
    versions.length > 1 ? form : h("p", { class: "note" }, "Only one version so far."),
    out,
  );
}
