/// <reference lib="dom" />
/**
 * Sign-in (POST /api/login); on success the token is kept for this tab only. After signing in
 * with a one-time password the server serves nothing else until the user has chosen their own
 * (POST /api/me/password), so that form comes next.
 */
import { h } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { call, client, setToken } from "../../api/client.js";
import { t } from "../../i18n/index.js";
import { ErrorBox, Field } from "../../ui/components.js";

function NewPassword(props: { current: string; onDone: () => void }) {
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const fresh = useRef<HTMLInputElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const submit = async (ev: Event) => {
    ev.preventDefault();
    setBusy(true);
    try {
      await call(
        client.POST("/api/me/password", {
          body: { currentPassword: props.current, newPassword: fresh.current?.value ?? "" },
        }),
      );
      setError(null);
      props.onDone();
    } catch (e) {
      setError(e);
      fresh.current?.focus();
    } finally {
      setBusy(false);
    }
  };
  return h(
    "form",
    { class: "login", "aria-labelledby": "new-password-title", onSubmit: submit },
    h("h1", { id: "new-password-title", tabIndex: -1, ref: heading }, t("login.newTitle")),
    h("p", { class: "lead" }, t("login.newLead")),
    h(
      Field,
      { label: t("login.newPassword") },
      h("input", {
        name: "newPassword",
        type: "password",
        autocomplete: "new-password",
        required: true,
        minLength: 12,
        ref: fresh,
      }),
    ),
    h(ErrorBox, { error }),
    h("button", { type: "submit", disabled: busy }, t("login.newSubmit")),
  );
}

/** The sign-in screen; `onSignedIn` runs once the user may use the app. */
export function Login(props: { onSignedIn: () => void }) {
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [oneTime, setOneTime] = useState<string | null>(null);
  const name = useRef<HTMLInputElement>(null);
  const password = useRef<HTMLInputElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  if (oneTime !== null)
    return h(
      "main",
      { id: "main", class: "narrow" },
      h(NewPassword, { current: oneTime, onDone: props.onSignedIn }),
    );
  const submit = async (ev: Event) => {
    ev.preventDefault();
    setBusy(true);
    const pw = password.current?.value ?? "";
    try {
      const r = await call(
        client.POST("/api/login", { body: { name: name.current?.value ?? "", password: pw } }),
      );
      setToken(r.token);
      setError(null);
      if (r.user.mustChangePassword) setOneTime(pw);
      else props.onSignedIn();
    } catch (e) {
      setError(e);
      if (password.current) {
        password.current.value = "";
        password.current.focus();
      }
    } finally {
      setBusy(false);
    }
  };
  return h(
    "main",
    { id: "main", class: "narrow" },
    h(
      "form",
      { class: "login", "aria-labelledby": "login-title", onSubmit: submit },
      h("h1", { id: "login-title", tabIndex: -1, ref: heading }, t("login.title")),
      h("p", { class: "lead" }, t("login.lead")),
      h(
        Field,
        { label: t("login.name") },
        h("input", { name: "name", autocomplete: "username", required: true, ref: name }),
      ),
      h(
        Field,
        { label: t("login.password") },
        h("input", {
          name: "password",
          type: "password",
          autocomplete: "current-password",
          required: true,
          ref: password,
        }),
      ),
      h(ErrorBox, { error }),
      h("button", { type: "submit", disabled: busy }, t("login.submit")),
    ),
  );
}
