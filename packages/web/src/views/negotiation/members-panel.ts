/// <reference lib="dom" />
/** The negotiation page's members with their roles, the rounds, and the admin's and mediator's forms for both. */
import type { Scenario } from "@entente/core";
import { h } from "preact";
import { useState } from "preact/hooks";
import { call, client } from "../../api/client.js";
import type { NegotiationDetail, Role } from "../../api/types.js";
import { announce, refresh } from "../../app/state.js";
import type { Standing } from "../../capabilities.js";
import { actorName, formatTime } from "../../format.js";
import { t } from "../../i18n/index.js";
import { ErrorBox, Field, loaded, Section, useLoad } from "../../ui/components.js";

const ROLES: readonly Role[] = ["delegation", "mediator", "monitor", "observer"];

/** Runs a form's action with its button disabled meanwhile; keeps the error to show. */
function useSubmit(): [boolean, unknown, (f: () => Promise<void>) => Promise<void>] {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = async (f: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await f();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return [busy, error, run];
}

function AddMember({ n, scenario }: { n: NegotiationDetail; scenario: Scenario }) {
  const state = useLoad(() => call(client.GET("/api/users")), []);
  const [busy, error, run] = useSubmit();
  // Every participant can have a delegation: parties, guarantors and mediators (as the server allows).
  const seats = scenario.actors.filter((a) =>
    a.roles.some((r) => r === "party" || r === "guarantor" || r === "mediator"),
  );
  const submit = (ev: Event) => {
    ev.preventDefault();
    const form = new FormData(ev.currentTarget as HTMLFormElement);
    const actorId = String(form.get("actorId") ?? "");
    return run(async () => {
      await call(
        client.POST("/api/negotiations/{id}/members", {
          params: { path: { id: n.id } },
          body: {
            userId: Number(form.get("userId")),
            role: String(form.get("role")) as Role,
            ...(actorId ? { actorId } : {}),
          },
        }),
      );
      announce(t("members.added"));
      refresh();
    });
  };
  return loaded(state, ({ users }) =>
    h(
      "form",
      { class: "compact", onSubmit: submit },
      h("h3", null, t("members.add")),
      h(
        Field,
        { label: t("members.fieldUser") },
        h(
          "select",
          { name: "userId" },
          users.map((u) => h("option", { value: String(u.id) }, u.name)),
        ),
      ),
      h(
        Field,
        { label: t("members.fieldRole") },
        h(
          "select",
          { name: "role" },
          ROLES.map((r) => h("option", { value: r }, t(`role.${r}`))),
        ),
      ),
      h(
        Field,
        { label: t("members.fieldActor") },
        h(
          "select",
          { name: "actorId" },
          h("option", { value: "" }, "—"),
          seats.map((a) => h("option", { value: a.id }, a.name)),
        ),
      ),
      h(ErrorBox, { error }),
      h("button", { type: "submit", disabled: busy }, t("members.submit")),
    ),
  );
}

function OpenRound({ n }: { n: NegotiationDetail }) {
  const [busy, error, run] = useSubmit();
  const next = n.rounds.length + 1;
  const submit = (ev: Event) => {
    ev.preventDefault();
    const label = String(new FormData(ev.currentTarget as HTMLFormElement).get("label") ?? "");
    return run(async () => {
      await call(
        client.POST("/api/negotiations/{id}/rounds", { params: { path: { id: n.id } }, body: { label } }),
      );
      announce(t("members.roundOpened", { number: next }));
      refresh();
    });
  };
  return h(
    "form",
    { class: "compact", onSubmit: submit },
    h(
      Field,
      { label: t("members.fieldRound") },
      h("input", {
        name: "label",
        required: true,
        maxLength: 200,
        value: t("table.roundN", { number: next }),
      }),
    ),
    h(ErrorBox, { error }),
    h("button", { type: "submit", disabled: busy }, t("members.openRound")),
  );
}

/** The panel: members and rounds, with the forms the user's standing allows. */
export function MembersPanel({
  n,
  scenario,
  standing,
}: {
  n: NegotiationDetail;
  scenario: Scenario;
  standing: Standing;
}) {
  return h(
    "div",
    null,
    h(
      Section,
      { title: t("members.title"), name: "members" },
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
                h("th", { scope: "col" }, t("members.colUser")),
                h("th", { scope: "col" }, t("members.colRole")),
                h("th", { scope: "col" }, t("members.colRepresents")),
              ),
            ),
            h(
              "tbody",
              null,
              n.members.map((m) =>
                h(
                  "tr",
                  null,
                  h("td", null, m.userName),
                  h("td", null, t(`role.${m.role}`)),
                  h("td", null, m.actorId ? actorName(scenario, m.actorId) : ""),
                ),
              ),
            ),
          )
        : h("p", null, t("members.none")),
      standing.canManageMembers ? h(AddMember, { n, scenario }) : null,
    ),
    h(
      Section,
      { title: t("members.rounds"), name: "rounds" },
      n.rounds.length
        ? h(
            "ol",
            { class: "rounds" },
            n.rounds.map((r) =>
              h(
                "li",
                { value: r.number },
                `${r.label} `,
                h("span", { class: "meta" }, formatTime(r.openedAt)),
              ),
            ),
          )
        : h("p", null, t("members.noRounds")),
      standing.canOpenRound ? h(OpenRound, { n }) : null,
    ),
  );
}
