/// <reference lib="dom" />
/**
 * A scenario's versions, and a comparison of any two field by field (GET /api/scenarios/{id}/diff),
 * so everyone can see what changed between the version a negotiation opened on and the latest.
 */
import { h } from "preact";
import { useState } from "preact/hooks";
import { scenarioDiffPhrases } from "../../../../core/src/format/scenario-diff-words.js";
import { call, client } from "../../api/client.js";
import type { ScenarioSummary } from "../../api/types.js";
import { formatTime } from "../../format.js";
import { type MessageKey, t } from "../../i18n/index.js";
import { ErrorBox, Field, loaded, useLoad } from "../../ui/components.js";

interface Change {
  path: string;
  op: "added" | "removed" | "changed";
  before?: unknown;
  after?: unknown;
}

interface Diff {
  from: number;
  to: number;
  changes: Change[];
  phrases: { key: string; params?: Record<string, unknown> }[];
}

const show = (v: unknown) => (v === undefined ? "" : JSON.stringify(v).slice(0, 300));

/** Fetches the diff of two versions and, when they differ, the changes in words. */
async function compare(id: number, from: number, to: number): Promise<Diff> {
  const d = await call(
    client.GET("/api/scenarios/{id}/diff", { params: { path: { id }, query: { from, to } } }),
  );
  const changes = d.changes as Change[];
  const parsed = async (version: number) =>
    (await call(client.GET("/api/scenarios/{id}/versions/{version}", { params: { path: { id, version } } })))
      .parsed;
  const phrases = changes.length
    ? scenarioDiffPhrases(changes, await parsed(d.from), await parsed(d.to))
    : [];
  return { from: d.from, to: d.to, changes, phrases };
}

function DiffView({ d }: { d: Diff }) {
  if (!d.changes.length) return h("p", { role: "status" }, t("versions.same", { from: d.from, to: d.to }));
  const cols = ["colField", "colChange", "colBefore", "colAfter"] as const;
  return h(
    "div",
    { class: "scroll-x" },
    h("h3", null, t("diff.title")),
    h(
      "ul",
      { class: "diff-words" },
      d.phrases.map((p) => h("li", null, t(p.key as MessageKey, p.params))),
    ),
    h(
      "table",
      { class: "list diff" },
      h("caption", null, t("versions.changes", { count: d.changes.length, from: d.from, to: d.to })),
      h(
        "thead",
        null,
        h(
          "tr",
          null,
          cols.map((c) => h("th", { scope: "col" }, t(`versions.${c}`))),
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
  );
}

/** The versions of scenario `s` with a from/to comparison form. */
export function ScenarioVersions({ s }: { s: ScenarioSummary }) {
  const state = useLoad(
    () => call(client.GET("/api/scenarios/{id}/versions", { params: { path: { id: s.id } } })),
    [s.id],
  );
  const [diff, setDiff] = useState<Diff | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  return loaded(state, ({ versions }) => {
    const last = versions[versions.length - 1]?.version ?? 1;
    const options = (selected: number) =>
      versions.map((v) =>
        h(
          "option",
          { value: String(v.version), selected: v.version === selected },
          `v${v.version} (${formatTime(v.createdAt)})`,
        ),
      );
    const submit = async (ev: Event) => {
      ev.preventDefault();
      const form = new FormData(ev.currentTarget as HTMLFormElement);
      setBusy(true);
      setError(null);
      try {
        setDiff(await compare(s.id, Number(form.get("from")), Number(form.get("to"))));
      } catch (e) {
        setDiff(null);
        setError(e);
      } finally {
        setBusy(false);
      }
    };
    return h(
      "div",
      { class: "versions" },
      versions.length > 1
        ? h(
            "form",
            { class: "inline", onSubmit: submit },
            h(
              Field,
              { label: t("versions.from") },
              h("select", { name: "from" }, options(Math.max(1, last - 1))),
            ),
            h(Field, { label: t("versions.to") }, h("select", { name: "to" }, options(last))),
            h("button", { type: "submit", class: "secondary", disabled: busy }, t("versions.compare")),
          )
        : h("p", { class: "note" }, t("versions.onlyOne")),
      h("div", { "aria-live": "polite" }, diff ? h(DiffView, { d: diff }) : null, h(ErrorBox, { error })),
    );
  });
}
