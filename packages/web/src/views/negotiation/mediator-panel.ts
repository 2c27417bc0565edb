/// <reference lib="dom" />
/**
 * The mediator's workspace: the zone answer with what can safely be said about why there is none
 * (issues and steps, never whose red line), the suggested packages (Nash, egalitarian = maximin,
 * Kalai–Smorodinsky) tabled as the negotiating text in one click, and acceptance questions on the
 * tabled proposals. Each answer is asked for by a button, because it is charged to the
 * negotiation's disclosure budget and logged for every delegation to see.
 */
import { h } from "preact";
import { useState } from "preact/hooks";
import { call, client } from "../../api/client.js";
import type { Ok } from "../../api/types.js";
import { t } from "../../i18n/index.js";
import { ErrorBox, Section } from "../../ui/components.js";
import { PackageTable, type TableData, useAction } from "./workspace.js";

type Zone = Ok<"/api/negotiations/{id}/mediator/zone", "get">;
type Why = Ok<"/api/negotiations/{id}/mediator/why", "get">;

const KIND: Record<string, string> = {
  nash: "Nash",
  utilitarian: "utilitarian",
  egalitarian: "egalitarian (maximin)",
  "kalai-smorodinsky": "Kalai–Smorodinsky",
};

export function MediatorPanel({ d }: { d: TableData }) {
  const [zone, setZone] = useState<Zone | null>(null);
  const [why, setWhy] = useState<Why | null>(null);
  const [answers, setAnswers] = useState<Record<number, boolean>>({});
  const [error, setError] = useState<unknown>(null);
  const [tableError, run] = useAction();
  const path = { params: { path: { id: d.id } } };
  const ask = async (f: () => Promise<void>) => {
    setError(null);
    try {
      await f();
    } catch (e) {
      setError(e);
    }
  };
  const suggestions = zone
    ? [...(zone.nash ? [{ kind: "nash", package: zone.nash }] : []), ...zone.suggestions]
    : [];
  const budget = why?.budget ?? zone?.budget;
  return h(
    Section,
    { title: t("table.mediatorTitle"), name: "mediator-workspace" },
    h("p", { class: "note" }, t("table.mediatorNote")),
    h(
      "div",
      { class: "actions" },
      h(
        "button",
        {
          type: "button",
          onClick: () =>
            ask(async () => setZone(await call(client.GET("/api/negotiations/{id}/mediator/zone", path)))),
        },
        t("table.askZone"),
      ),
      " ",
      h(
        "button",
        {
          type: "button",
          class: "secondary",
          onClick: () =>
            ask(async () => setWhy(await call(client.GET("/api/negotiations/{id}/mediator/why", path)))),
        },
        t("table.askWhy"),
      ),
    ),
    budget
      ? h("p", { class: "note budget" }, t("table.budget", { spent: budget.spent, budget: budget.budget }))
      : null,
    h(ErrorBox, { error }),
    zone
      ? h(
          "div",
          { class: "zone-answer", "aria-live": "polite" },
          h(
            "p",
            null,
            h(
              "strong",
              null,
              zone.exists
                ? t("table.zoneYes", {
                    atLeast: zone.count.atLeast.toLocaleString("en-US"),
                    below: zone.count.below.toLocaleString("en-US"),
                  })
                : t("table.zoneNo", { total: zone.total.toLocaleString("en-US") }),
            ),
          ),
          zone.withheld ? h("p", { class: "note" }, zone.withheld) : null,
          suggestions.map((sg) =>
            h(
              "div",
              { class: "suggestion", key: sg.kind },
              h(PackageTable, {
                scenario: d.scenario,
                pkg: sg.package,
                caption: t("table.suggestion", { kind: KIND[sg.kind] ?? sg.kind }),
              }),
              h(
                "button",
                {
                  type: "button",
                  class: "secondary small",
                  onClick: () =>
                    run(
                      () =>
                        call(
                          client.POST("/api/negotiations/{id}/text", {
                            ...path,
                            body: {
                              package: sg.package,
                              note: t("table.suggestedNote", { kind: KIND[sg.kind] ?? sg.kind }),
                            },
                          }),
                        ),
                      t("table.suggestionTabled"),
                    ),
                },
                t("table.tableSuggestion", { kind: KIND[sg.kind] ?? sg.kind }),
              ),
            ),
          ),
        )
      : null,
    why
      ? h(
          "div",
          { class: "why-answer", "aria-live": "polite" },
          h("p", null, h("strong", null, why.summary)),
          why.plans.length
            ? h(
                "ul",
                null,
                why.plans.map((p, i) => h("li", { key: i }, p.sentence)),
              )
            : null,
        )
      : null,
    h(ErrorBox, { error: tableError }),
    d.proposals.length
      ? h(
          "div",
          { class: "acceptance-questions" },
          h("h3", null, t("table.acceptanceTitle")),
          h(
            "ul",
            null,
            d.proposals.slice(-6).map((p) =>
              h(
                "li",
                { key: p.id },
                h(
                  "button",
                  {
                    type: "button",
                    class: "secondary small",
                    onClick: () =>
                      ask(async () => {
                        const r = await call(
                          client.GET("/api/negotiations/{id}/mediator/proposals/{proposal}/acceptance", {
                            params: { path: { id: d.id, proposal: p.id } },
                          }),
                        );
                        setAnswers({ ...answers, [p.id]: r.allAccept });
                      }),
                  },
                  t("table.askAcceptance", { id: p.id }),
                ),
                p.id in answers ? ` ${answers[p.id] ? t("table.allAccept") : t("table.notAllAccept")}` : null,
              ),
            ),
          ),
        )
      : null,
  );
}
