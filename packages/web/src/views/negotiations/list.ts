/// <reference lib="dom" />
/** The negotiations the user takes part in (all, for an admin), and for admins a form to open one. */
import { h } from "preact";
import { useState } from "preact/hooks";
import { call, client } from "../../api/client.js";
import type { Me } from "../../api/types.js";
import { navigate } from "../../app/router.js";
import { announce, me } from "../../app/state.js";
import { describeRoles } from "../../capabilities.js";
import { formatTime } from "../../format.js";
import { t } from "../../i18n/index.js";
import { ErrorBox, Field, loaded, Page, Section, useLoad } from "../../ui/components.js";

function CreateForm() {
  const state = useLoad(() => call(client.GET("/api/scenarios")), []);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  return h(
    Section,
    { title: t("negotiations.open"), name: "negotiation-create" },
    loaded(state, ({ scenarios }) => {
      if (!scenarios.length) return h("p", null, t("negotiations.uploadFirst"));
      const submit = async (ev: Event) => {
        ev.preventDefault();
        const form = new FormData(ev.currentTarget as HTMLFormElement);
        const [scenarioId, scenarioVersion] = String(form.get("scenario") ?? "")
          .split(":")
          .map(Number);
        setBusy(true);
        try {
          const n = await call(
            client.POST("/api/negotiations", {
              body: {
                title: String(form.get("title") ?? ""),
                venue: String(form.get("venue") ?? ""),
                scenarioId: scenarioId!,
                scenarioVersion: scenarioVersion!,
              },
            }),
          );
          announce(t("negotiations.opened", { title: n.title }));
          navigate(`/negotiations/${n.id}`);
        } catch (e) {
          setError(e);
        } finally {
          setBusy(false);
        }
      };
      return h(
        "form",
        { onSubmit: submit },
        h(
          Field,
          { label: t("negotiations.fieldTitle") },
          h("input", { name: "title", required: true, maxLength: 200 }),
        ),
        h(
          Field,
          { label: t("negotiations.fieldVenue") },
          h("input", { name: "venue", required: true, maxLength: 200 }),
        ),
        h(
          Field,
          { label: t("negotiations.fieldScenario") },
          h(
            "select",
            { name: "scenario" },
            scenarios.map((s) =>
              h("option", { value: `${s.id}:${s.latestVersion}` }, `${s.slug} (v${s.latestVersion})`),
            ),
          ),
        ),
        h(ErrorBox, { error }),
        h("button", { type: "submit", disabled: busy }, t("negotiations.submit")),
      );
    }),
  );
}

/** The screen at #/negotiations. */
export function NegotiationsScreen() {
  const user = me.value as Me;
  const state = useLoad(() => call(client.GET("/api/negotiations")), []);
  return h(
    Page,
    { title: t("negotiations.title") },
    h(
      Section,
      { title: t("negotiations.yours"), name: "negotiation-list" },
      loaded(state, ({ negotiations }) =>
        negotiations.length
          ? h(
              "ul",
              { class: "cards" },
              negotiations.map((n) =>
                h(
                  "li",
                  null,
                  h("a", { href: `#/negotiations/${n.id}` }, n.title),
                  h(
                    "span",
                    { class: "meta" },
                    t("negotiations.meta", { venue: n.venue, time: formatTime(n.createdAt) }),
                  ),
                  h("span", { class: "roles" }, describeRoles(user, n.id) || t("negotiations.noRole")),
                ),
              ),
            )
          : h("p", null, user.user.isAdmin ? t("negotiations.noneAdmin") : t("negotiations.none")),
      ),
    ),
    user.user.isAdmin ? h(CreateForm, null) : null,
  );
}
