/// <reference lib="dom" />
/**
 * The account screen: change one's password and the interface language (kept on the user; signing
 * out is in the header and ends the session on the server); for an admin, the users, each with
 * deactivate / reactivate.
 */

import type { ComponentChildren } from "preact";
import { h } from "preact";
import { useState } from "preact/hooks";
import { call, client } from "../../api/client.js";
import type { ScreenProps } from "../../app/router.js";
import { announce, me, refresh } from "../../app/state.js";
import { LOCALES, type Locale, locale, setLocale, t } from "../../i18n/index.js";
import { ErrorBox, Field, type Loaded, Loading, Page, Section, useLoad } from "../../ui/components.js";

/** A loaded state drawn by `children` once its data is there. */
const load = <T>(state: Loaded<T>, children: (d: T) => ComponentChildren) =>
  h(Loading<T>, { state, children });

function PasswordForm() {
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);
  const submit = async (ev: Event) => {
    ev.preventDefault();
    const form = ev.target as HTMLFormElement;
    const data = new FormData(form);
    setError(null);
    setDone(false);
    try {
      await call(
        client.POST("/api/me/password", {
          body: { currentPassword: String(data.get("current")), newPassword: String(data.get("new")) },
        }),
      );
      form.reset();
      setDone(true);
      announce(t("account.changed"));
    } catch (e) {
      setError(e);
    }
  };
  return h(
    "form",
    { onSubmit: submit, class: "stack" },
    h(
      Field,
      { label: t("account.current") },
      h("input", { name: "current", type: "password", autocomplete: "current-password", required: true }),
    ),
    h(
      Field,
      { label: t("account.new"), hint: t("account.newHint") },
      h("input", {
        name: "new",
        type: "password",
        autocomplete: "new-password",
        required: true,
        minLength: 12,
      }),
    ),
    error ? h(ErrorBox, { error }) : null,
    done ? h("p", { role: "status" }, t("account.changed")) : null,
    h("button", { type: "submit" }, t("account.change")),
  );
}

function Language(props: { userId: number }) {
  const [saved, setSaved] = useState(false);
  return h(
    "div",
    null,
    h(
      Field,
      { label: t("account.language"), hint: t("account.languageHint") },
      h(
        "select",
        {
          value: locale.value,
          onChange: async (ev: Event) => {
            const next = (ev.target as HTMLSelectElement).value as Locale;
            await setLocale(next, props.userId);
            await call(client.POST("/api/me/language", { body: { locale: next } }));
            setSaved(true);
            announce(t("account.languageSaved"));
          },
        },
        LOCALES.map((l) => h("option", { value: l.id, lang: l.id }, l.name)),
      ),
    ),
    saved ? h("p", { role: "status" }, t("account.languageSaved")) : null,
  );
}

function Users(props: { selfId: number }) {
  const state = useLoad(() => call(client.GET("/api/users")), []);
  const [error, setError] = useState<unknown>(null);
  const toggle = async (id: number, name: string, active: boolean) => {
    setError(null);
    try {
      if (active) {
        await call(client.POST("/api/users/{id}/deactivate", { params: { path: { id } } }));
        announce(t("accounts.deactivatedDone", { name }));
      } else {
        await call(client.POST("/api/users/{id}/reactivate", { params: { path: { id } } }));
        announce(t("accounts.reactivatedDone", { name }));
      }
      refresh();
    } catch (e) {
      setError(e);
    }
  };
  return h(
    Section,
    { title: t("accounts.title"), name: "accounts" },
    error ? h(ErrorBox, { error }) : null,
    load(state, (r) =>
      h(
        "ul",
        { class: "plain" },
        r.users.map((u) => {
          const active = !u.deactivatedAt;
          return h(
            "li",
            { key: u.id },
            h("span", null, `${u.name} — `),
            h(
              "span",
              null,
              active ? t("accounts.active") : t("accounts.deactivated", { at: u.deactivatedAt }),
            ),
            u.id === props.selfId
              ? h("span", null, ` (${t("accounts.self")})`)
              : h(
                  "button",
                  {
                    type: "button",
                    class: "secondary no-print",
                    onClick: () => void toggle(u.id, u.name, active),
                  },
                  active
                    ? t("accounts.deactivate", { name: u.name })
                    : t("accounts.reactivate", { name: u.name }),
                ),
          );
        }),
      ),
    ),
  );
}

export default function AccountScreen(_props: ScreenProps) {
  const m = me.value;
  if (!m) return null;
  return h(
    Page,
    { title: t("account.title") },
    h(Section, { title: t("account.password"), name: "password" }, h(PasswordForm, null)),
    h(Section, { title: t("account.language"), name: "language" }, h(Language, { userId: m.user.id })),
    m.user.isAdmin ? h(Users, { selfId: m.user.id }) : null,
  );
}
