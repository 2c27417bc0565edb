/// <reference lib="dom" />
/**
 * A delegation's own workspace: every proposal rated against its lodged positions (utility, red
 * lines crossed, against its BATNA) — from a route only this delegation may call — a chart of
 * each proposal's utility to it over the rounds, the proposal/amendment form whose number inputs
 * take any value in range, with a red-line warning before tabling, and secret acceptance.
 */
import type { Scenario } from "@entente/core";
import { h } from "preact";
import { useState } from "preact/hooks";
import { call, client } from "../../api/client.js";
import type { Ok } from "../../api/types.js";
import { t } from "../../i18n/index.js";
import { ErrorBox, Field, Loading, Section, useLoad } from "../../ui/components.js";
import { issueLabel, valueText } from "./words.js";
import { type TableData, useAction } from "./workspace.js";

type Ratings = Ok<"/api/negotiations/{id}/ratings/{actor}", "get">;
type Rating = Ratings["ratings"][number];

const pct = (x: number) => `${Math.round(x * 100)}`;

export function DelegationPanel({ d, actor }: { d: TableData; actor: string }) {
  const name = d.scenario.actors.find((a) => a.id === actor)?.name ?? actor;
  const ratings = useLoad(
    () =>
      call(client.GET("/api/negotiations/{id}/ratings/{actor}", { params: { path: { id: d.id, actor } } })),
    [d.id, actor, d.proposals.length],
  );
  return h(
    Section,
    { title: t("table.delegationTitle", { name }), name: `delegation-${actor}` },
    h("p", { class: "note" }, t("table.privateNote")),
    h(Loading<Ratings>, {
      state: ratings,
      children: (r) =>
        h(
          "div",
          null,
          r.basis === "public" ? h("p", { class: "note" }, t("table.basisPublic")) : null,
          h(RatingsTable, { d, actor, ratings: r.ratings }),
          h(UtilityChart, { ratings: r.ratings, name }),
        ),
    }),
    h(ProposalForm, { d, actor }),
  );
}

function RatingsTable({ d, actor, ratings }: { d: TableData; actor: string; ratings: Rating[] }) {
  const [error, run] = useAction();
  return h(
    "div",
    { class: "scroll", tabIndex: 0, role: "region", "aria-label": t("table.ratingsCaption") },
    h(
      "table",
      { class: "ratings" },
      h("caption", null, t("table.ratingsCaption")),
      h(
        "thead",
        null,
        h(
          "tr",
          null,
          h("th", { scope: "col" }, t("table.proposal")),
          h("th", { scope: "col" }, t("table.round")),
          h("th", { scope: "col" }, t("table.utility")),
          h("th", { scope: "col" }, t("table.vsBatna")),
          h("th", { scope: "col" }, t("table.redLines")),
          h("th", { scope: "col" }, t("table.accept")),
        ),
      ),
      h(
        "tbody",
        null,
        ratings.map((r) =>
          h(
            "tr",
            { key: r.proposalId, class: r.acceptable ? undefined : "crosses" },
            h("th", { scope: "row" }, `${r.proposalId}`),
            h("td", null, `${r.round}`),
            h("td", null, `${pct(r.utility)}%`),
            h(
              "td",
              null,
              r.aboveBatna
                ? t("table.aboveBatna", { batna: pct(r.batna) })
                : t("table.belowBatna", { batna: pct(r.batna) }),
            ),
            h("td", null, r.redLines.length ? r.redLines.map((x) => x.message).join("; ") : t("table.none")),
            h(
              "td",
              null,
              h(
                "button",
                {
                  type: "button",
                  class: "secondary small",
                  onClick: () =>
                    run(
                      () =>
                        call(
                          client.POST("/api/negotiations/{id}/proposals/{proposal}/accept/{actor}", {
                            params: { path: { id: d.id, proposal: r.proposalId, actor } },
                          }),
                        ),
                      t("table.accepted", { id: r.proposalId }),
                    ),
                },
                t("table.acceptSealed", { id: r.proposalId }),
              ),
            ),
          ),
        ),
      ),
    ),
    h(ErrorBox, { error }),
  );
}

/**
 * Each proposal's utility to this delegation, in the order tabled (rounds marked), against its
 * BATNA: an SVG drawn with presentation attributes only (no inline style: CSP), with a legend and
 * a text alternative; the ratings table above holds the same numbers.
 */
function UtilityChart({ ratings, name }: { ratings: Rating[]; name: string }) {
  if (ratings.length === 0) return null;
  const W = 560;
  const H = 180;
  const pad = 32;
  const x = (i: number) =>
    pad + (ratings.length === 1 ? (W - 2 * pad) / 2 : (i * (W - 2 * pad)) / (ratings.length - 1));
  const y = (u: number) => H - pad - u * (H - 2 * pad);
  const batna = ratings[0]!.batna;
  const points = ratings.map((r, i) => `${x(i)},${y(r.utility)}`).join(" ");
  const summary = t("table.chartAlt", {
    name,
    count: ratings.length,
    first: pct(ratings[0]!.utility),
    last: pct(ratings[ratings.length - 1]!.utility),
    batna: pct(batna),
  });
  return h(
    "figure",
    { class: "utility-chart" },
    h(
      "svg",
      { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": summary, width: "100%" },
      h("line", { x1: pad, y1: y(0), x2: W - pad, y2: y(0), stroke: "#555" }),
      h("line", { x1: pad, y1: y(1), x2: pad, y2: y(0), stroke: "#555" }),
      h("text", { x: 4, y: y(1) + 4, "font-size": 11, fill: "#222" }, "100%"),
      h("text", { x: 10, y: y(0) + 4, "font-size": 11, fill: "#222" }, "0%"),
      h("line", {
        x1: pad,
        y1: y(batna),
        x2: W - pad,
        y2: y(batna),
        stroke: "#8a4b00",
        "stroke-dasharray": "6 4",
      }),
      h("polyline", { points, fill: "none", stroke: "#1f4e8c", "stroke-width": 2 }),
      ratings.map((r, i) =>
        h(
          "circle",
          { key: r.proposalId, cx: x(i), cy: y(r.utility), r: 4, fill: r.acceptable ? "#1f4e8c" : "#b00020" },
          h(
            "title",
            null,
            t("table.chartPoint", { id: r.proposalId, round: r.round, utility: pct(r.utility) }),
          ),
        ),
      ),
    ),
    h(
      "figcaption",
      null,
      h("span", { class: "legend-line" }, t("table.legendUtility", { name })),
      " · ",
      h("span", { class: "legend-batna" }, t("table.legendBatna", { batna: pct(batna) })),
      " · ",
      t("table.legendRed"),
    ),
  );
}

type Values = Record<string, string>;

function initialValues(s: Scenario, base: Record<string, string | number> | undefined): Values {
  const out: Values = {};
  for (const iss of s.issues) {
    const v = base?.[iss.id];
    out[iss.id] =
      v !== undefined ? String(v) : iss.kind === "numeric" ? String(iss.min) : (iss.options[0]?.id ?? "");
  }
  return out;
}

/** The proposal form: every issue (number inputs take any value in range), checked against the delegation's red lines before tabling. */
function ProposalForm({ d, actor }: { d: TableData; actor: string }) {
  const text = d.text.current;
  const [values, setValues] = useState<Values>(() => initialValues(d.scenario, text?.package));
  const [note, setNote] = useState("");
  const [warning, setWarning] = useState<string | null>(null);
  const [confirmed, setConfirmed] = useState(false);
  const [error, run] = useAction();
  const pkg = () =>
    Object.fromEntries(
      d.scenario.issues.map((iss) => [
        iss.id,
        iss.kind === "numeric" ? Number(values[iss.id]) : values[iss.id]!,
      ]),
    ) as Record<string, string | number>;
  const path = { params: { path: { id: d.id } } };
  const table = async (asAmendment: boolean) => {
    const body = pkg();
    if (!confirmed) {
      const check = await call(
        client.POST("/api/negotiations/{id}/ratings/{actor}/check", {
          params: { path: { id: d.id, actor } },
          body: { package: body },
        }),
      ).catch((e: unknown) => e);
      if (check instanceof Error) throw check;
      const w = (check as { warning: string | null }).warning;
      if (w) {
        setWarning(w);
        setConfirmed(true);
        throw new Error(t("table.warningStop"));
      }
    }
    if (asAmendment && text) {
      const changes = Object.fromEntries(Object.entries(body).filter(([k, v]) => text.package[k] !== v));
      await call(
        client.POST("/api/negotiations/{id}/text/amendments", {
          ...path,
          body: { changes, note, actorId: actor },
        }),
      );
    } else {
      await call(
        client.POST("/api/negotiations/{id}/proposals", {
          ...path,
          body: { package: body, note, actorId: actor },
        }),
      );
    }
    setWarning(null);
    setConfirmed(false);
  };
  const set = (issue: string, v: string) => {
    setValues({ ...values, [issue]: v });
    setWarning(null);
    setConfirmed(false);
  };
  return h(
    "form",
    {
      class: "proposal-form",
      onSubmit: (e: Event) => {
        e.preventDefault();
        const submitter = (e as SubmitEvent).submitter as HTMLButtonElement | null;
        void run(() => table(submitter?.name === "amend"), t("table.tabled"));
      },
    },
    h("h3", null, t("table.tableTitle")),
    d.scenario.issues.map((iss) =>
      h(
        Field,
        {
          key: iss.id,
          label: issueLabel(iss),
          ...(iss.kind === "numeric"
            ? { hint: t("table.range", { min: valueText(iss, iss.min), max: valueText(iss, iss.max) }) }
            : {}),
        },
        iss.kind === "numeric"
          ? h("input", {
              type: "number",
              name: `issue-${iss.id}`,
              min: iss.min,
              max: iss.max,
              step: "any",
              value: values[iss.id],
              onInput: (e: Event) => set(iss.id, (e.target as HTMLInputElement).value),
            })
          : h(
              "select",
              {
                name: `issue-${iss.id}`,
                value: values[iss.id],
                onChange: (e: Event) => set(iss.id, (e.target as HTMLSelectElement).value),
              },
              iss.options.map((o) => h("option", { value: o.id, key: o.id }, o.label)),
            ),
      ),
    ),
    h(
      Field,
      { label: t("table.note") },
      h("input", {
        name: "note",
        value: note,
        onInput: (e: Event) => setNote((e.target as HTMLInputElement).value),
      }),
    ),
    warning
      ? h(
          "div",
          { class: "warning", role: "alert" },
          h("p", null, warning),
          h("p", null, t("table.warningAgain")),
        )
      : null,
    h(
      "div",
      { class: "actions" },
      text
        ? h(
            "button",
            { type: "submit", name: "amend" },
            confirmed ? t("table.amendAnyway") : t("table.amend"),
          )
        : null,
      " ",
      h(
        "button",
        { type: "submit", name: "propose", class: text ? "secondary" : undefined },
        confirmed ? t("table.proposeAnyway") : t("table.propose"),
      ),
    ),
    h(ErrorBox, {
      error: error instanceof Error && error.message === t("table.warningStop") ? null : error,
      context: { scenario: d.scenario },
    }),
  );
}
