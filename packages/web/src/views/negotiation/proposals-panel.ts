/// <reference lib="dom" />
/** The negotiation page's proposals and counter-proposals as threads, with the form to table one. */
import type { Scenario } from "@entente/core";
import { h } from "preact";
import { useRef, useState } from "preact/hooks";
import { call, client } from "../../api/client.js";
import type { AcceptanceAnswer, ApiIssue, Package, Proposal, Score } from "../../api/types.js";
import { announce, refresh } from "../../app/state.js";
import type { Standing } from "../../capabilities.js";
import { actorName, formatTime, packageRows } from "../../format.js";
import { t } from "../../i18n/index.js";
import { defaultPackage, issueControls, readPackage } from "../../package-form.js";
import { threadProposals } from "../../proposal-tree.js";
import { ErrorBox, Field, loaded, Section, useLoad } from "../../ui/components.js";

interface Props {
  id: number;
  scenario: Scenario;
  proposals: Proposal[];
  standing: Standing;
}

const scoreText = (s: { score: number; comment?: string | null }) =>
  s.comment
    ? t("proposals.latestScoreComment", { score: s.score, comment: s.comment })
    : t("proposals.latestScore", { score: s.score });

/** The mediator's one-bit question about a tabled proposal: would every delegation accept it? */
function Acceptance({ id, p }: { id: number; p: Proposal }) {
  const [answer, setAnswer] = useState<AcceptanceAnswer | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const ask = async () => {
    setBusy(true);
    setError(null);
    try {
      setAnswer(
        await call(
          client.GET("/api/negotiations/{id}/mediator/proposals/{proposal}/acceptance", {
            params: { path: { id, proposal: p.id } },
          }),
        ),
      );
    } catch (e) {
      setAnswer(null);
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return h(
    "div",
    { class: "ask" },
    h("button", { type: "button", disabled: busy, onClick: ask }, t("proposals.ask", { id: p.id })),
    h(
      "div",
      { class: "acceptance", "aria-live": "polite" },
      answer
        ? h(
            "p",
            { class: answer.allAccept ? "yes" : "no" },
            t(answer.allAccept ? "proposals.allAccept" : "proposals.notAll", {
              spent: answer.budget.spent,
              budget: answer.budget.budget,
            }),
          )
        : null,
      h(ErrorBox, { error }),
    ),
  );
}

/** A delegation's private score of a proposal (0–1), with its latest score shown. */
function ScoreForm({
  id,
  p,
  actor,
  scenario,
}: {
  id: number;
  p: Proposal;
  actor: string;
  scenario: Scenario;
}) {
  const path = { params: { path: { id, proposal: p.id, actor } } };
  const state = useLoad(
    () => call(client.GET("/api/negotiations/{id}/proposals/{proposal}/scores/{actor}", path)),
    [id, p.id, actor],
  );
  const [saved, setSaved] = useState<Score | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  return loaded(state, ({ scores }) => {
    const last = saved ?? scores[scores.length - 1];
    const submit = async (ev: Event) => {
      ev.preventDefault();
      const form = new FormData(ev.currentTarget as HTMLFormElement);
      setBusy(true);
      try {
        const s = await call(
          client.POST("/api/negotiations/{id}/proposals/{proposal}/scores/{actor}", {
            ...path,
            body: { score: Number(form.get("score")), comment: String(form.get("comment") ?? "") },
          }),
        );
        setSaved(s);
        setError(null);
        announce(t("proposals.scoreSaved", { score: s.score, id: p.id }));
      } catch (e) {
        setError(e);
      } finally {
        setBusy(false);
      }
    };
    return h(
      "div",
      { class: "private-score" },
      h("h4", null, t("proposals.privateToYou")),
      h("p", { class: "meta" }, last ? scoreText(last) : t("proposals.notScored")),
      h(
        "form",
        { class: "score inline", onSubmit: submit },
        h(
          Field,
          { label: t("proposals.scoreFor", { actor: actorName(scenario, actor) }) },
          h("input", {
            name: "score",
            type: "number",
            min: 0,
            max: 1,
            step: 0.05,
            required: true,
            defaultValue: last ? String(last.score) : "",
          }),
        ),
        h(
          Field,
          { label: t("proposals.comment") },
          h("input", { name: "comment", maxLength: 2000, defaultValue: last?.comment ?? "" }),
        ),
        h("button", { type: "submit", class: "secondary", disabled: busy }, t("proposals.saveScore")),
        h("div", { "aria-live": "polite" }, h(ErrorBox, { error })),
      ),
    );
  });
}

function ProposalCard(
  props: Props & { p: Proposal; depth: number; onCounter: ((p: Proposal) => void) | null },
) {
  const { p, scenario, standing } = props;
  const hid = `proposal-${p.id}`;
  const author = p.authorActor
    ? t("proposals.byDelegation", { actor: actorName(scenario, p.authorActor) })
    : p.authorRole === "mediator"
      ? t("proposals.byMediator")
      : p.authorRole;
  const actions = [
    props.onCounter
      ? h(
          "button",
          { type: "button", class: "secondary", onClick: () => props.onCounter?.(p) },
          t("proposals.counter", { id: p.id }),
        )
      : null,
    standing.isMediator ? h(Acceptance, { id: props.id, p }) : null,
  ].filter(Boolean);
  return h(
    "li",
    { class: `proposal depth-${Math.min(props.depth, 4)}`, "aria-labelledby": hid },
    h(
      "h3",
      { id: hid },
      p.parentId
        ? t("proposals.counterTitle", { id: p.id, parent: p.parentId })
        : t("proposals.proposalTitle", { id: p.id }),
    ),
    h("p", { class: "meta" }, t("proposals.meta", { round: p.round, author, time: formatTime(p.createdAt) })),
    h(
      "table",
      { class: "package" },
      h(
        "tbody",
        null,
        packageRows(scenario, p.package).map((r) =>
          h("tr", null, h("th", { scope: "row" }, r.issue), h("td", null, r.value)),
        ),
      ),
    ),
    p.note ? h("p", { class: "note-text" }, p.note) : null,
    actions.length ? h("div", { class: "actions" }, actions) : null,
    standing.delegationActors.map((actor) => h(ScoreForm, { id: props.id, p, actor, scenario })),
  );
}

const asStrings = (pkg: Package) => Object.fromEntries(Object.entries(pkg).map(([k, v]) => [k, String(v)]));

/** The form to table a proposal: one select (or number input) per issue of the scenario. */
function TableForm(
  props: Props & {
    parent: number | null;
    values: Record<string, string>;
    setParent(id: number | null): void;
    setValues(v: Record<string, string>): void;
    heading: { current: HTMLHeadingElement | null };
  },
) {
  const { scenario, standing: s } = props;
  const [error, setError] = useState<{ error: unknown; issues?: ApiIssue[] } | null>(null);
  const [busy, setBusy] = useState(false);
  const asOptions = [
    ...s.delegationActors.map((a) => ({
      value: a,
      label: t("proposals.byDelegation", { actor: actorName(scenario, a) }),
    })),
    ...(s.isMediator ? [{ value: "", label: t("proposals.byMediator") }] : []),
  ];
  const submit = async (ev: Event) => {
    ev.preventDefault();
    const form = new FormData(ev.currentTarget as HTMLFormElement);
    const read = readPackage(scenario, props.values);
    if (!read.ok) {
      setError({ error: new Error(t("proposals.incomplete")), issues: read.errors });
      return;
    }
    const as = form.has("as") ? String(form.get("as")) : (asOptions[0]?.value ?? "");
    setBusy(true);
    try {
      const p = await call(
        client.POST("/api/negotiations/{id}/proposals", {
          params: { path: { id: props.id } },
          body: {
            package: read.package,
            note: String(form.get("note") ?? ""),
            ...(props.parent ? { parentId: props.parent } : {}),
            ...(as ? { actorId: as } : {}),
          },
        }),
      );
      setError(null);
      announce(t("proposals.tabled", { id: p.id }));
      refresh();
    } catch (e) {
      setError({ error: e });
    } finally {
      setBusy(false);
    }
  };
  const onValue = (issue: string) => (ev: Event) =>
    props.setValues({ ...props.values, [issue]: (ev.currentTarget as HTMLInputElement).value });
  return h(
    "section",
    { class: "panel table", "aria-labelledby": "sec-table" },
    h("h2", { id: "sec-table", tabIndex: -1, ref: props.heading }, t("proposals.tableTitle")),
    h(
      "form",
      { class: "table-proposal", onSubmit: submit },
      h(
        "div",
        { class: "grid" },
        issueControls(scenario).map((c) =>
          h(
            Field,
            {
              label:
                c.kind === "number"
                  ? t("proposals.numberLabel", { label: c.label, unit: c.unit, min: c.min, max: c.max })
                  : c.label,
            },
            c.kind === "choice"
              ? h(
                  "select",
                  {
                    name: `issue:${c.issue}`,
                    value: props.values[c.issue] ?? "",
                    onChange: onValue(c.issue),
                  },
                  c.options.map((o) => h("option", { value: o.value }, o.label)),
                )
              : h("input", {
                  name: `issue:${c.issue}`,
                  type: "number",
                  min: c.min,
                  max: c.max,
                  step: c.step,
                  required: true,
                  value: props.values[c.issue] ?? "",
                  onInput: onValue(c.issue),
                }),
          ),
        ),
      ),
      asOptions.length > 1
        ? h(
            Field,
            { label: t("proposals.tableAs") },
            h(
              "select",
              { name: "as" },
              asOptions.map((o) => h("option", { value: o.value }, o.label)),
            ),
          )
        : null,
      h(Field, { label: t("proposals.note") }, h("textarea", { name: "note", rows: 2, maxLength: 2000 })),
      h(
        "p",
        { class: "meta", "aria-live": "polite" },
        props.parent ? t("proposals.countering", { id: props.parent }) : "",
      ),
      h(
        "button",
        {
          type: "button",
          class: "link",
          hidden: props.parent === null,
          onClick: () => props.setParent(null),
        },
        t("proposals.newInstead"),
      ),
      error ? h(ErrorBox, { error: error.error, ...(error.issues ? { issues: error.issues } : {}) }) : null,
      h("button", { type: "submit", disabled: busy }, t("proposals.submit")),
    ),
  );
}

/** The panel: the threads of proposals, and the form to table one when the user's standing allows. */
export function ProposalsPanel(props: Props) {
  const [parent, setParent] = useState<number | null>(null);
  const [values, setValues] = useState<Record<string, string>>(() =>
    asStrings(defaultPackage(props.scenario)),
  );
  const heading = useRef<HTMLHeadingElement | null>(null);
  const canTable = props.standing.canTable;
  const counter = (p: Proposal) => {
    setValues({ ...values, ...asStrings(p.package) });
    setParent(p.id);
    heading.current?.focus();
  };
  const rows = threadProposals(props.proposals);
  return h(
    "div",
    null,
    h(
      Section,
      { title: t("proposals.title", { count: props.proposals.length }), name: "proposals" },
      rows.length
        ? h(
            "ol",
            { class: "threads" },
            rows.map((r) =>
              h(ProposalCard, {
                ...props,
                key: r.proposal.id,
                p: r.proposal,
                depth: r.depth,
                onCounter: canTable ? counter : null,
              }),
            ),
          )
        : h("p", null, t("proposals.none")),
    ),
    canTable ? h(TableForm, { ...props, parent, values, setParent, setValues, heading }) : null,
  );
}
