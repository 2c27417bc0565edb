/// <reference lib="dom" />
/**
 * Scenarios (#/scenarios): the list, and (for admins) upload. A text is checked with POST
 * /api/scenarios/validate first, so every error is listed with its line:column and field path.
 */
import { Fragment, h } from "preact";
import { useState } from "preact/hooks";
import { call, client } from "../../api/client.js";
import type { ApiIssue, Me, ScenarioSummary } from "../../api/types.js";
import { announce, me, refresh } from "../../app/state.js";
import { formatTime } from "../../format.js";
import { t } from "../../i18n/index.js";
import { ErrorBox, Field, loaded, Page, Section, useLoad } from "../../ui/components.js";
import { ScenarioVersions } from "./versions.js";

/** A scenario's row and, below it, its versions (loaded on first opening). */
function ScenarioRow({ s }: { s: ScenarioSummary }) {
  const [open, setOpen] = useState(false);
  const [opened, setOpened] = useState(false);
  return h(
    Fragment,
    null,
    h(
      "tr",
      null,
      h("td", null, s.slug),
      h("td", null, `v${s.latestVersion}`),
      h("td", null, formatTime(s.createdAt)),
      h(
        "td",
        null,
        h(
          "button",
          {
            type: "button",
            class: "secondary small",
            "aria-expanded": open ? "true" : "false",
            onClick: () => {
              setOpen(!open);
              setOpened(true);
            },
          },
          t("scenarios.versionsOf", { slug: s.slug }),
        ),
      ),
    ),
    h("tr", { hidden: !open }, h("td", { colSpan: 4 }, opened ? h(ScenarioVersions, { s }) : null)),
  );
}

function UploadForm() {
  const [text, setText] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ error: unknown; issues?: ApiIssue[] } | null>(null);
  const [stored, setStored] = useState<string | null>(null);
  const pick = async (ev: Event) => {
    const f = (ev.currentTarget as HTMLInputElement).files?.[0];
    if (f) setText(await f.text());
  };
  const submit = async (ev: Event) => {
    ev.preventDefault();
    const slug = String(new FormData(ev.currentTarget as HTMLFormElement).get("slug") ?? "");
    const body = text.trim();
    setStored(null);
    setError(null);
    if (!body) {
      setError({ error: new Error(t("scenarios.empty")) });
      return;
    }
    const format = /^\s*[{[]/.test(body) ? ("json" as const) : ("yaml" as const);
    setBusy(true);
    try {
      const check = await call(client.POST("/api/scenarios/validate", { body: { text: body, format } }));
      if (!check.ok) {
        setError({
          error: new Error(t("scenarios.problems", { count: check.errors.length })),
          issues: check.errors as ApiIssue[],
        });
        return;
      }
      const up = await call(
        client.POST("/api/scenarios", { body: { text: body, format, ...(slug ? { slug } : {}) } }),
      );
      setStored(t("scenarios.stored1", { slug: up.slug, version: up.version }));
      announce(t("scenarios.storedAnnounce", { slug: up.slug, version: up.version }));
      refresh();
    } catch (e) {
      setError({ error: e });
    } finally {
      setBusy(false);
    }
  };
  return h(
    Section,
    { title: t("scenarios.upload"), name: "scenario-upload" },
    h(
      "form",
      { class: "upload", onSubmit: submit },
      h(
        Field,
        { label: t("scenarios.fieldFile"), hint: t("scenarios.fileHint") },
        h("input", {
          type: "file",
          name: "file",
          accept: ".yaml,.yml,.json,application/json,text/yaml",
          onChange: pick,
        }),
      ),
      h(
        Field,
        { label: t("scenarios.fieldText") },
        h("textarea", {
          name: "text",
          rows: 10,
          spellcheck: false,
          class: "code",
          value: text,
          onInput: (ev: Event) => setText((ev.currentTarget as HTMLTextAreaElement).value),
        }),
      ),
      h(
        Field,
        { label: t("scenarios.fieldSlug"), hint: t("scenarios.slugHint") },
        h("input", {
          name: "slug",
          pattern: "[a-z0-9][a-z0-9_-]{0,63}",
          placeholder: t("scenarios.slugPlaceholder"),
        }),
      ),
      h(
        "div",
        { "aria-live": "polite" },
        stored ? h("p", { class: "ok", role: "status" }, stored) : null,
        error ? h(ErrorBox, { error: error.error, ...(error.issues ? { issues: error.issues } : {}) }) : null,
      ),
      h("button", { type: "submit", disabled: busy }, t("scenarios.submit")),
    ),
  );
}

/** The screen at #/scenarios. */
export function ScenariosScreen() {
  const user = me.value as Me;
  const state = useLoad(() => call(client.GET("/api/scenarios")), []);
  return h(
    Page,
    { title: t("scenarios.title") },
    h(
      Section,
      { title: t("scenarios.stored"), name: "scenario-list" },
      loaded(state, ({ scenarios }) =>
        scenarios.length
          ? h(
              "table",
              { class: "list" },
              h(
                "thead",
                null,
                h(
                  "tr",
                  null,
                  h("th", null, t("scenarios.colSlug")),
                  h("th", null, t("scenarios.colLatest")),
                  h("th", null, t("scenarios.colCreated")),
                  h("th", null, h("span", { class: "visually-hidden" }, t("scenarios.colVersions"))),
                ),
              ),
              h(
                "tbody",
                null,
                scenarios.map((s) => h(ScenarioRow, { key: s.id, s })),
              ),
            )
          : h("p", null, t("scenarios.none")),
      ),
    ),
    user.user.isAdmin ? h(UploadForm, null) : h("p", { class: "note" }, t("scenarios.adminOnly")),
  );
}
