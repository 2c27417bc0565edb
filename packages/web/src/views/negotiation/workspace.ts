/// <reference lib="dom" />
/**
 * The negotiation table (issue 18): rounds with deadlines, the single negotiating text and its
 * history, proposals side by side with changed cells marked, each delegation's private ratings
 * with a chart of every proposal's utility to it and a red-line warning before it tables, the
 * mediator's zone answer with the why and its suggestions tabled as the text, acceptance
 * questions, secret acceptance and the agreement recorded for monitoring. Live: any new entry of
 * the negotiation's log (proposal, round, acceptance, conclusion, text, agreement) reloads it.
 */
import type { Scenario } from "@entente/core";
import { h } from "preact";
import { useEffect, useState } from "preact/hooks";
import { call, client } from "../../api/client.js";
import { subscribe } from "../../api/subscribe.js";
import type { Ok, Proposal } from "../../api/types.js";
import type { ScreenProps } from "../../app/router.js";
import { announce, me, refresh } from "../../app/state.js";
import { standingIn } from "../../capabilities.js";
import { t } from "../../i18n/index.js";
import { ErrorBox, Loading, Page, Section, useLoad } from "../../ui/components.js";
import { DelegationPanel } from "./delegation-panel.js";
import { MediatorPanel } from "./mediator-panel.js";
import { issueLabel, valueText } from "./words.js";

export type Text = Ok<"/api/negotiations/{id}/text", "get">;
export type Agreement = Ok<"/api/negotiations/{id}/agreement", "get">;
export type Detail = Ok<"/api/negotiations/{id}", "get">;

/** Everything the negotiation table shows, loaded together. */
export interface TableData {
  id: number;
  detail: Detail;
  scenario: Scenario;
  proposals: Proposal[];
  text: Text;
  concluded: Ok<"/api/negotiations/{id}/conclusion", "get">;
  agreement: Agreement;
}

async function load(id: number): Promise<TableData> {
  const p = { params: { path: { id } } };
  const detail = await call(client.GET("/api/negotiations/{id}", p));
  const [version, proposals, text, concluded, agreement] = await Promise.all([
    call(
      client.GET("/api/scenarios/{id}/versions/{version}", {
        params: { path: { id: detail.scenarioId, version: detail.scenarioVersion } },
      }),
    ),
    call(client.GET("/api/negotiations/{id}/proposals", p)),
    call(client.GET("/api/negotiations/{id}/text", p)),
    call(client.GET("/api/negotiations/{id}/conclusion", p)),
    call(client.GET("/api/negotiations/{id}/agreement", p)),
  ]);
  return {
    id,
    detail,
    scenario: (version as unknown as { parsed: Scenario }).parsed,
    proposals: proposals.proposals,
    text,
    concluded,
    agreement,
  };
}

export default function NegotiationTable({ params }: ScreenProps) {
  const id = Number(params.id);
  const state = useLoad(() => load(id), [id]);
  const [live, setLive] = useState<"on" | "off">("off");
  useEffect(
    () =>
      subscribe(
        `/api/negotiations/${id}/stream`,
        (e) => {
          if (e.event === "ready") return;
          if (e.event === "proposal") announce(t("table.liveProposal"));
          refresh();
        },
        { onOpen: () => setLive("on"), onError: () => setLive("off") },
      ),
    [id],
  );
  const title = state.data ? state.data.detail.title : t("table.title");
  return h(
    Page,
    { title, class: "negotiation-table" },
    h("p", { class: "note", "data-live": live }, live === "on" ? t("table.liveOn") : t("table.liveOff")),
    h(Loading<TableData>, { state, children: (d) => h(TableBody, { d }) }),
  );
}

function TableBody({ d }: { d: TableData }) {
  const who = me.value;
  const s = who ? standingIn(who, d.id) : null;
  return h(
    "div",
    { class: "table-body" },
    h(RoundsSection, { d, canManage: !!s?.canOpenRound }),
    h(TextSection, { d, canAdopt: !!(s?.isMediator || s?.isAdmin) }),
    h(SideBySide, { d }),
    s?.isMediator ? h(MediatorPanel, { d }) : null,
    ...(s?.delegationActors ?? []).map((actor) => h(DelegationPanel, { d, actor, key: actor })),
    h(ConclusionSection, { d }),
  );
}

/** Runs an action, announcing success and showing failure in words. */
export function useAction(): [unknown, (f: () => Promise<unknown>, done: string) => Promise<boolean>] {
  const [error, setError] = useState<unknown>(null);
  const run = async (f: () => Promise<unknown>, done: string) => {
    setError(null);
    try {
      await f();
      announce(done);
      refresh();
      return true;
    } catch (e) {
      setError(e);
      return false;
    }
  };
  return [error, run];
}

function RoundsSection({ d, canManage }: { d: TableData; canManage: boolean }) {
  const [label, setLabel] = useState("");
  const [deadline, setDeadline] = useState("");
  const [error, run] = useAction();
  const rounds = d.detail.rounds;
  const path = { params: { path: { id: d.id } } };
  return h(
    Section,
    { title: t("table.rounds"), name: "rounds" },
    rounds.length === 0
      ? h("p", null, t("table.noRounds"))
      : h(
          "ul",
          { class: "rounds" },
          rounds.map((r) =>
            h(
              "li",
              { key: r.number },
              h("strong", null, `${r.number}. ${r.label}`),
              " — ",
              r.closedAt
                ? t(r.closedBy === "deadline" ? "table.closedAtDeadline" : "table.closedByMediator", {
                    at: new Date(r.closedAt).toLocaleString(),
                  })
                : r.deadline
                  ? t("table.openUntil", { at: new Date(r.deadline).toLocaleString() })
                  : t("table.open"),
              canManage && !r.closedAt
                ? h(
                    "button",
                    {
                      type: "button",
                      class: "secondary small",
                      onClick: () =>
                        run(
                          () =>
                            call(
                              client.POST("/api/negotiations/{id}/rounds/{number}/close", {
                                params: { path: { id: d.id, number: r.number } },
                              }),
                            ),
                          t("table.roundClosed", { number: r.number }),
                        ),
                    },
                    t("table.closeRound", { number: r.number }),
                  )
                : null,
            ),
          ),
        ),
    canManage
      ? h(
          "form",
          {
            class: "inline",
            onSubmit: (e: Event) => {
              e.preventDefault();
              const body = {
                label: label || t("table.roundN", { number: rounds.length + 1 }),
                ...(deadline ? { deadline: new Date(deadline).toISOString() } : {}),
              };
              void run(
                () => call(client.POST("/api/negotiations/{id}/rounds", { ...path, body })),
                t("table.roundOpened"),
              ).then((ok) => {
                if (ok) {
                  setLabel("");
                  setDeadline("");
                }
              });
            },
          },
          h(
            "label",
            null,
            t("table.roundLabel"),
            " ",
            h("input", {
              name: "round-label",
              value: label,
              onInput: (e: Event) => setLabel((e.target as HTMLInputElement).value),
            }),
          ),
          " ",
          h(
            "label",
            null,
            t("table.deadline"),
            " ",
            h("input", {
              type: "datetime-local",
              name: "round-deadline",
              value: deadline,
              onInput: (e: Event) => setDeadline((e.target as HTMLInputElement).value),
            }),
          ),
          " ",
          h("button", { type: "submit" }, t("table.openRound")),
        )
      : null,
    h(ErrorBox, { error }),
  );
}

/** A package as a two-column table, issue by issue, in the scenario's words. */
export function PackageTable({
  scenario,
  pkg,
  caption,
}: {
  scenario: Scenario;
  pkg: Record<string, string | number>;
  caption: string;
}) {
  return h(
    "table",
    { class: "package" },
    h("caption", null, caption),
    h(
      "tbody",
      null,
      scenario.issues.map((iss) =>
        h(
          "tr",
          { key: iss.id },
          h("th", { scope: "row" }, issueLabel(iss)),
          h("td", null, valueText(iss, pkg[iss.id])),
        ),
      ),
    ),
  );
}

function TextSection({ d, canAdopt }: { d: TableData; canAdopt: boolean }) {
  const [error, run] = useAction();
  const cur = d.text.current;
  const notText = d.proposals.filter((p) => p.id !== cur?.proposalId).slice(-5);
  return h(
    Section,
    { title: t("table.text"), name: "text" },
    cur
      ? h(PackageTable, {
          scenario: d.scenario,
          pkg: cur.package,
          caption: t("table.textVersion", {
            version: cur.version,
            proposal: cur.proposalId,
            by: cur.adoptedBy,
          }),
        })
      : h("p", null, t("table.noText")),
    d.text.history.length
      ? h(
          "details",
          { class: "history" },
          h("summary", null, t("table.history", { count: d.text.history.length })),
          h(
            "ol",
            null,
            d.text.history.map((v) =>
              h(
                "li",
                { key: v.version },
                t("table.historyEntry", {
                  version: v.version,
                  proposal: v.proposalId,
                  by: v.adoptedBy,
                  at: new Date(v.adoptedAt).toLocaleString(),
                }),
                " ",
                v.changes
                  .map((c) =>
                    c.fromLabel
                      ? `${c.issueName}: ${c.fromLabel} → ${c.toLabel}`
                      : `${c.issueName}: ${c.toLabel}`,
                  )
                  .join("; "),
              ),
            ),
          ),
        )
      : null,
    d.text.amendments.length
      ? h(
          "ul",
          { class: "amendments" },
          d.text.amendments.map((a) =>
            h(
              "li",
              { key: a.id },
              t("table.amendment", { id: a.id, by: a.authorActor ?? t("role.mediator") }),
              " ",
              a.changes.map((c) => `${c.issueName}: ${c.fromLabel} → ${c.toLabel}`).join("; "),
            ),
          ),
        )
      : null,
    canAdopt && notText.length
      ? h(
          "div",
          { class: "adopt" },
          notText.map((p) =>
            h(
              "button",
              {
                type: "button",
                class: "secondary small",
                key: p.id,
                onClick: () =>
                  run(
                    () =>
                      call(
                        client.POST("/api/negotiations/{id}/text", {
                          params: { path: { id: d.id } },
                          body: { proposalId: p.id },
                        }),
                      ),
                    t("table.adopted", { id: p.id }),
                  ),
              },
              t("table.adopt", { id: p.id }),
            ),
          ),
        )
      : null,
    h(ErrorBox, { error }),
  );
}

/** The last proposals side by side, issue by issue; cells that differ from the text (or the first column) are marked. */
function SideBySide({ d }: { d: TableData }) {
  const cols = d.proposals.slice(-4);
  if (cols.length === 0)
    return h(
      Section,
      { title: t("table.proposals"), name: "side-by-side" },
      h("p", null, t("table.noProposals")),
    );
  const base = d.text.current?.package ?? cols[0]!.package;
  return h(
    Section,
    { title: t("table.proposals"), name: "side-by-side" },
    h("p", { class: "note" }, d.text.current ? t("table.changedVsText") : t("table.changedVsFirst")),
    h(
      "div",
      { class: "scroll", tabIndex: 0, role: "region", "aria-label": t("table.proposals") },
      h(
        "table",
        { class: "compare" },
        h(
          "thead",
          null,
          h(
            "tr",
            null,
            h("th", { scope: "col" }, t("table.issue")),
            cols.map((p) =>
              h(
                "th",
                { scope: "col", key: p.id },
                t("table.proposalHead", {
                  id: p.id,
                  round: p.round,
                  by: p.authorActor ?? t("role.mediator"),
                }),
              ),
            ),
          ),
        ),
        h(
          "tbody",
          null,
          d.scenario.issues.map((iss) =>
            h(
              "tr",
              { key: iss.id },
              h("th", { scope: "row" }, issueLabel(iss)),
              cols.map((p) => {
                const changed = p.package[iss.id] !== base[iss.id];
                return h(
                  "td",
                  { key: p.id, class: changed ? "changed" : undefined },
                  valueText(iss, p.package[iss.id]),
                  changed ? h("span", { class: "visually-hidden" }, ` (${t("table.changed")})`) : null,
                );
              }),
            ),
          ),
        ),
      ),
    ),
  );
}

function ConclusionSection({ d }: { d: TableData }) {
  const a = d.agreement;
  return h(
    Section,
    { title: t("table.conclusion"), name: "conclusion" },
    h(
      "p",
      { class: "conclusion-state" },
      d.concluded.concluded
        ? t("table.concluded", { proposal: d.concluded.proposal ?? 0 })
        : t("table.notConcluded"),
    ),
    a.recorded && a.package
      ? h(
          "div",
          { class: "agreement" },
          h(
            "p",
            null,
            h(
              "strong",
              null,
              t("table.agreementRecorded", {
                version: a.version ?? 1,
                proposal: a.proposalId ?? 0,
                by: a.recordedBy ?? "",
              }),
            ),
            " ",
            t("table.monitoringFollows"),
          ),
          h(PackageTable, { scenario: d.scenario, pkg: a.package, caption: t("table.agreedPackage") }),
          h(
            "ul",
            { class: "commitments" },
            ((a.agreement?.commitments ?? []) as { id: string; title?: string }[]).map((c) =>
              h("li", { key: c.id }, c.title ?? c.id),
            ),
          ),
          a.milestones?.length
            ? h("p", { class: "note" }, t("table.milestones", { list: a.milestones.join(", ") }))
            : null,
        )
      : null,
  );
}
