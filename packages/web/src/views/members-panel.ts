/// <reference lib="dom" />

import type { Member, Round, User } from "../api/types.js";
import { api } from "../api.js";
import { field, h, select } from "../dom.js";
import { actorName, formatTime } from "../format.js";
import { formValues, onSubmit, section, showError } from "../ui.js";
import type { NegotiationData } from "./negotiation.js";

const ROLES = ["delegation", "mediator", "monitor", "observer"] as const;

/** Members with their roles, the rounds, and the admin's and mediator's forms for both. */
export async function membersPanel(d: NegotiationData): Promise<HTMLElement> {
  const { n, scenario } = d;
  const rows = n.members.map((m: Member) =>
    h(
      "tr",
      null,
      h("td", null, m.userName),
      h("td", null, m.role),
      h("td", null, m.actorId ? actorName(scenario, m.actorId) : ""),
    ),
  );
  return h(
    "div",
    null,
    section(
      "Members and roles",
      "members",
      n.members.length
        ? h(
            "table",
            { class: "list" },
            h(
              "thead",
              null,
              h(
                "tr",
                null,
                ["User", "Role", "Represents"].map((t) => h("th", { scope: "col" }, t)),
              ),
            ),
            h("tbody", null, rows),
          )
        : h("p", null, "No members yet."),
      d.standing.canManageMembers ? await addMemberForm(d) : null,
    ),
    section(
      "Rounds",
      "rounds",
      n.rounds.length
        ? h(
            "ol",
            { class: "rounds" },
            n.rounds.map((r: Round) =>
              h(
                "li",
                { value: r.number },
                `${r.label} `,
                h("span", { class: "meta" }, formatTime(r.openedAt)),
              ),
            ),
          )
        : h("p", null, "No round is open yet; proposals are tabled in the current round."),
      d.standing.canOpenRound ? openRoundForm(d) : null,
    ),
  );
}

async function addMemberForm(d: NegotiationData): Promise<HTMLElement> {
  const { users } = await api<{ users: User[] }>("GET", "/api/users");
  // Every participant can have a delegation: parties, guarantors and mediators (as the server allows).
  const seats = d.scenario.actors.filter((a) =>
    a.roles.some((r) => r === "party" || r === "guarantor" || r === "mediator"),
  );
  const result = h("div");
  const form = h(
    "form",
    { class: "compact" },
    h("h3", null, "Add a member"),
    field(
      "User",
      select(
        "userId",
        users.map((u) => ({ value: String(u.id), label: u.name })),
      ),
    ),
    field(
      "Role",
      select(
        "role",
        ROLES.map((r) => ({ value: r, label: r })),
      ),
    ),
    field(
      "Represents (delegations only)",
      select("actorId", [{ value: "", label: "—" }, ...seats.map((a) => ({ value: a.id, label: a.name }))]),
    ),
    result,
    h("button", { type: "submit" }, "Add member"),
  );
  onSubmit(form, async () => {
    const v = formValues(form);
    try {
      await api("POST", `/api/negotiations/${d.n.id}/members`, {
        userId: Number(v.userId),
        role: v.role,
        ...(v.actorId ? { actorId: v.actorId } : {}),
      });
      d.ctx.announce("Member added");
      d.ctx.refresh();
    } catch (e) {
      showError(result, e);
    }
  });
  return form;
}

function openRoundForm(d: NegotiationData): HTMLElement {
  const result = h("div");
  const next = d.n.rounds.length + 1;
  const form = h(
    "form",
    { class: "compact" },
    field(
      "Label of the next round",
      h("input", { name: "label", required: true, maxlength: 200, value: `Round ${next}` }),
    ),
    result,
    h("button", { type: "submit" }, "Open round"),
  );
  onSubmit(form, async () => {
    try {
      await api("POST", `/api/negotiations/${d.n.id}/rounds`, { label: formValues(form).label ?? "" });
      d.ctx.announce(`Round ${next} opened`);
      d.ctx.refresh();
    } catch (e) {
      showError(result, e);
    }
  });
  return form;
}
