/// <reference lib="dom" />
/**
 * A delegation's own private positions and red lines on the negotiation page: read, edit and lodge
 * a new version. Only the delegation of this actor can call these routes; the mediator sees only
 * derived answers.
 */
import type { Issue, Scenario } from "@entente/core";
import { h } from "preact";
import { useId, useRef, useState } from "preact/hooks";
import { ApiFailure, call, client } from "../../api/client.js";
import type { ApiIssue, PrivateBody } from "../../api/types.js";
import { announce } from "../../app/state.js";
import { actorName, formatTime } from "../../format.js";
import { t } from "../../i18n/index.js";
import { type PositionDraft, type PrivateDraft, privateBody, privateDraft } from "../../private-form.js";
import { ErrorBox, Field, loaded, Section, useLoad } from "../../ui/components.js";

type Key = "ideal" | "salience" | "confidence" | "source" | "atLeast" | "atMost";

/** One issue's position: whether to lodge it, the ideal, salience, confidence, source and red line. */
function IssueFieldset({ issue, p }: { issue: Issue; p: PositionDraft }) {
  const id = useId();
  const [include, setInclude] = useState(p.include);
  const [, redraw] = useState(0);
  const bind = (key: Key) => ({
    value: p[key],
    onInput: (ev: Event) => {
      p[key] = (ev.currentTarget as HTMLInputElement).value;
    },
    onChange: (ev: Event) => {
      p[key] = (ev.currentTarget as HTMLInputElement).value;
    },
  });
  const ideal =
    issue.kind === "numeric"
      ? h("input", { type: "number", min: issue.min, max: issue.max, step: "any", ...bind("ideal") })
      : h(
          "select",
          { name: "ideal", ...bind("ideal") },
          issue.options.map((o) => h("option", { value: o.id }, o.label)),
        );
  const redLine =
    issue.kind === "numeric"
      ? [
          h(
            Field,
            { label: t("private.lowest", { unit: issue.unit }) },
            h("input", { type: "number", step: "any", ...bind("atLeast") }),
          ),
          h(
            Field,
            { label: t("private.highest", { unit: issue.unit }) },
            h("input", { type: "number", step: "any", ...bind("atMost") }),
          ),
        ]
      : h(
          "fieldset",
          { class: "reject" },
          h("legend", null, t("private.reject")),
          issue.options.map((o, k) =>
            h(
              "div",
              { class: "check" },
              h("input", {
                type: "checkbox",
                id: `${id}-rej-${k}`,
                checked: p.reject.includes(o.id),
                onChange: (ev: Event) => {
                  const on = (ev.currentTarget as HTMLInputElement).checked;
                  p.reject = issue.options
                    .map((x) => x.id)
                    .filter((x) => (x === o.id ? on : p.reject.includes(x)));
                  redraw((n) => n + 1);
                },
              }),
              h("label", { for: `${id}-rej-${k}` }, o.label),
            ),
          ),
        );
  return h(
    "fieldset",
    { class: "position" },
    h("legend", null, issue.name),
    h(
      "div",
      { class: "check" },
      h("input", {
        type: "checkbox",
        id: `${id}-inc`,
        checked: include,
        onChange: (ev: Event) => {
          p.include = (ev.currentTarget as HTMLInputElement).checked;
          setInclude(p.include);
        },
      }),
      h("label", { for: `${id}-inc` }, t("private.include")),
    ),
    h(
      "div",
      { class: "position-body", hidden: !include },
      h(
        "div",
        { class: "grid" },
        h("div", { class: "wide" }, h(Field, { label: t("private.ideal") }, ideal)),
        h(
          Field,
          { label: t("private.salience") },
          h("input", { type: "number", min: 0, max: 1, step: 0.05, ...bind("salience") }),
        ),
        h(
          Field,
          { label: t("private.confidence") },
          h("input", { type: "number", min: 0, max: 1, step: 0.05, ...bind("confidence") }),
        ),
      ),
      h("div", { class: "redline" }, redLine),
      h(Field, { label: t("private.source") }, h("input", { maxLength: 500, ...bind("source") })),
    ),
  );
}

interface Lodged {
  version: number;
  createdAt: string;
}

function PrivateForm(props: {
  id: number;
  scenario: Scenario;
  actor: string;
  body: PrivateBody | null;
  lodged: Lodged | null;
}) {
  const draft = useRef<PrivateDraft | null>(null);
  if (!draft.current) draft.current = privateDraft(props.scenario, props.actor, props.body);
  const d = draft.current;
  const [lodged, setLodged] = useState<Lodged | null>(props.lodged);
  const [error, setError] = useState<{ error: unknown; issues?: ApiIssue[] } | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (ev: Event) => {
    ev.preventDefault();
    const built = privateBody(props.scenario, d);
    if (!built.ok) {
      setError({ error: new Error(t("private.fix")), issues: built.errors });
      return;
    }
    setBusy(true);
    try {
      const r = await call(
        client.POST("/api/negotiations/{id}/private/{actor}", {
          params: { path: { id: props.id, actor: props.actor } },
          body: built.body,
        }),
      );
      setLodged({ version: r.version, createdAt: r.createdAt });
      setError(null);
      announce(t("private.announce", { version: r.version }));
    } catch (e) {
      setError({ error: e });
    } finally {
      setBusy(false);
    }
  };
  return h(
    "div",
    null,
    h(
      "p",
      { class: "meta" },
      lodged
        ? t("private.lodged", { version: lodged.version, time: formatTime(lodged.createdAt) })
        : t("private.nothing"),
    ),
    h(
      "form",
      { class: "private", onSubmit: submit },
      h(
        "div",
        { class: "positions" },
        props.scenario.issues.map((issue, k) => h(IssueFieldset, { issue, p: d.positions[k]! })),
      ),
      h(
        Field,
        { label: t("private.batna") },
        h("input", {
          type: "number",
          min: 0,
          max: 1,
          step: 0.05,
          value: d.batna,
          onInput: (ev: Event) => {
            d.batna = (ev.currentTarget as HTMLInputElement).value;
          },
        }),
      ),
      h(
        "div",
        { "aria-live": "polite" },
        error ? h(ErrorBox, { error: error.error, ...(error.issues ? { issues: error.issues } : {}) }) : null,
      ),
      h("button", { type: "submit", disabled: busy }, t("private.submit")),
    ),
  );
}

/** The panel for delegation `actor` of negotiation `id`: what it lodged last, and the form. */
export function PrivatePanel({ id, scenario, actor }: { id: number; scenario: Scenario; actor: string }) {
  const state = useLoad(async () => {
    try {
      return await call(
        client.GET("/api/negotiations/{id}/private/{actor}", { params: { path: { id, actor } } }),
      );
    } catch (e) {
      if (e instanceof ApiFailure && e.code === "not_found") return null;
      throw e;
    }
  }, [id, actor]);
  return h(
    Section,
    { title: t("private.title", { actor: actorName(scenario, actor) }), name: `private-${actor}` },
    h("p", { class: "note confidential" }, t("private.confidential")),
    loaded(state, (got) =>
      h(PrivateForm, {
        id,
        scenario,
        actor,
        body: (got?.body as PrivateBody | undefined) ?? null,
        lodged: got ? { version: got.version, createdAt: got.createdAt } : null,
      }),
    ),
  );
}
