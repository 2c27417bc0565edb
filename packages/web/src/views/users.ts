/// <reference lib="dom" />

import type { User } from "../api/types.js";
import { api } from "../api.js";
import { field, h, replace } from "../dom.js";
import { formatTime } from "../format.js";
import { type Ctx, formValues, onSubmit, section, showError } from "../ui.js";

/** Admin: the users, and a form that creates one with a one-time password shown exactly once. */
export async function usersView(ctx: Ctx): Promise<HTMLElement> {
  const { users } = await api<{ users: User[] }>("GET", "/api/users");
  const result = h("div", { "aria-live": "polite" });
  const form = h(
    "form",
    null,
    field("User name", h("input", { name: "name", required: true, pattern: "[A-Za-z0-9_.@-]{1,64}" })),
    h(
      "div",
      { class: "field check" },
      h("input", { type: "checkbox", name: "isAdmin", id: "new-admin" }),
      h("label", { for: "new-admin" }, "Administrator"),
    ),
    result,
    h("button", { type: "submit" }, "Create user"),
  );
  onSubmit(form, async () => {
    const v = formValues(form);
    try {
      const r = await api<{ user: User; oneTimePassword?: string }>("POST", "/api/users", {
        name: v.name ?? "",
        isAdmin: v.isAdmin === "on",
      });
      ctx.announce(`Created user ${r.user.name}`);
      replace(
        result,
        h(
          "div",
          { class: "ok", role: "status" },
          h("p", null, `Created ${r.user.name}. Give them this one-time password; it is not shown again:`),
          h("p", null, h("code", { class: "otp" }, r.oneTimePassword ?? "")),
        ),
      );
      form.reset();
    } catch (e) {
      showError(result, e);
    }
  });
  return h(
    "main",
    { id: "main" },
    h("h1", { tabindex: "-1" }, "Users"),
    section(
      "All users",
      "user-list",
      h(
        "table",
        { class: "list" },
        h(
          "thead",
          null,
          h(
            "tr",
            null,
            h("th", null, "Id"),
            h("th", null, "Name"),
            h("th", null, "Admin"),
            h("th", null, "Created"),
          ),
        ),
        h(
          "tbody",
          null,
          users.map((u) =>
            h(
              "tr",
              null,
              h("td", null, u.id),
              h("td", null, u.name),
              h("td", null, u.isAdmin ? "yes" : "no"),
              h("td", null, formatTime(u.createdAt)),
            ),
          ),
        ),
      ),
    ),
    section("Create a user", "user-create", form),
  );
}
