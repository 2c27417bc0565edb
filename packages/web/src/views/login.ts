/// <reference lib="dom" />

import type { User } from "../api/types.js";
import { api, setToken } from "../api.js";
import { field, h } from "../dom.js";
import { formValues, onSubmit, showError } from "../ui.js";

/**
 * After signing in with a one-time password: the server serves nothing else until the user has
 * chosen their own (POST /api/me/password).
 */
function newPasswordForm(current: string, onDone: () => void): HTMLElement {
  const errors = h("div");
  const fresh = h("input", {
    name: "newPassword",
    type: "password",
    autocomplete: "new-password",
    required: true,
    minlength: "12",
  });
  const form = h(
    "form",
    { class: "login", "aria-labelledby": "new-password-title" },
    h("h1", { id: "new-password-title", tabindex: "-1" }, "Choose your password"),
    h(
      "p",
      { class: "lead" },
      "You signed in with a one-time password. Choose your own: at least 12 characters, not a common password.",
    ),
    field("New password", fresh),
    errors,
    h("button", { type: "submit" }, "Save and continue"),
  );
  onSubmit(form, async () => {
    try {
      await api("POST", "/api/me/password", { currentPassword: current, newPassword: fresh.value });
      showError(errors, null);
      onDone();
    } catch (e) {
      showError(errors, e);
      fresh.focus();
    }
  });
  return form;
}

/** The sign-in form (POST /api/login). On success the token is kept for this tab only. */
export function loginView(onSignedIn: () => void): HTMLElement {
  const errors = h("div");
  const name = h("input", { name: "name", autocomplete: "username", required: true });
  const password = h("input", {
    name: "password",
    type: "password",
    autocomplete: "current-password",
    required: true,
  });
  const form = h(
    "form",
    { class: "login", "aria-labelledby": "login-title" },
    h("h1", { id: "login-title", tabindex: "-1" }, "Sign in to Entente"),
    h(
      "p",
      { class: "lead" },
      "The negotiation platform: scenarios, proposals, private positions and the mediator's derived answers.",
    ),
    field("User name", name),
    field("Password", password),
    errors,
    h("button", { type: "submit" }, "Sign in"),
  );
  onSubmit(form, async () => {
    const v = formValues(form);
    try {
      const r = await api<{ token: string; user: User }>("POST", "/api/login", {
        name: v.name ?? "",
        password: v.password ?? "",
      });
      setToken(r.token);
      showError(errors, null);
      if (r.user.mustChangePassword) form.replaceWith(newPasswordForm(v.password ?? "", onSignedIn));
      else onSignedIn();
    } catch (e) {
      showError(errors, e);
      password.value = "";
      password.focus();
    }
  });
  return h("main", { id: "main", class: "narrow" }, form);
}
