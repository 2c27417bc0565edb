/// <reference lib="dom" />
/** The admin's users screen (#/users): every user, and a form that creates one. */
import { h } from "preact";
import { useState } from "preact/hooks";
import { call, client } from "../../api/client.js";
import { announce, refresh } from "../../app/state.js";
import { formatTime } from "../../format.js";
import { t } from "../../i18n/index.js";
import { ErrorBox, Field, loaded, Page, Section, useLoad } from "../../ui/components.js";

/** Creates a user; the one-time password the server makes is shown here exactly once. */
function CreateUser() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [created, setCreated] = useState<{ name: string; otp: string } | null>(null);
  const submit = async (ev: Event) => {
    ev.preventDefault();
    const form = ev.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    setBusy(true);
    setError(null);
    try {
      const r = await call(
        client.POST("/api/users", {
          body: { name: String(data.get("name") ?? ""), isAdmin: data.get("isAdmin") === "on" },
        }),
      );
      announce(t("users.created", { name: r.user.name }));
      setCreated({ name: r.user.name, otp: r.oneTimePassword ?? "" });
      form.reset();
      refresh();
    } catch (e) {
      setCreated(null);
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
      { label: t("users.fieldName") },
      h("input", { name: "name", required: true, pattern: "[A-Za-z0-9_.@-]{1,64}" }),
    ),
    h(
      "div",
      { class: "field check" },
      h("input", { type: "checkbox", name: "isAdmin", id: "new-admin" }),
      h("label", { for: "new-admin" }, t("users.fieldAdmin")),
    ),
    h(
      "div",
      { "aria-live": "polite" },
      created
        ? h(
            "div",
            { class: "ok", role: "status" },
            h("p", null, t("users.otp", { name: created.name })),
            h("p", null, h("code", { class: "otp" }, created.otp)),
          )
        : null,
      h(ErrorBox, { error }),
    ),
    h("button", { type: "submit", disabled: busy }, t("users.submit")),
  );
}

/** The screen at #/users (admins). */
export function UsersScreen() {
  const state = useLoad(() => call(client.GET("/api/users")), []);
  return h(
    Page,
    { title: t("users.title") },
    h(
      Section,
      { title: t("users.all"), name: "user-list" },
      loaded(state, ({ users }) =>
        h(
          "table",
          { class: "list" },
          h(
            "thead",
            null,
            h(
              "tr",
              null,
              h("th", null, t("users.colId")),
              h("th", null, t("users.colName")),
              h("th", null, t("users.colAdmin")),
              h("th", null, t("users.colCreated")),
            ),
          ),
          h(
            "tbody",
            null,
            users.map((u) =>
              h(
                "tr",
                { key: u.id },
                h("td", null, u.id),
                h("td", null, u.name),
                h("td", null, u.isAdmin ? t("users.yes") : t("users.no")),
                h("td", null, formatTime(u.createdAt)),
              ),
            ),
          ),
        ),
      ),
    ),
    h(Section, { title: t("users.create"), name: "user-create" }, h(CreateUser, null)),
  );
}
