/// <reference lib="dom" />
/**
 * A negotiation's record: the audit log in words (core's sentences, translated), the receipts this
 * browser kept (download, verify in one click), members (remove: admins, or a delegation its own),
 * exports (.xlsx and CSV) and, for admins, webhooks. The page prints as a clean brief.
 */

import type { ComponentChildren } from "preact";
import { h } from "preact";
import { useState } from "preact/hooks";
import { auditPhrase } from "../../../../core/src/format/audit-words.js";
import { call, client } from "../../api/client.js";
import type { Body } from "../../api/types.js";
import { downloadReceipts, type ReceiptCheck, receiptsOf, verifyReceipts } from "../../app/receipts.js";
import { href, type ScreenProps } from "../../app/router.js";
import { announce, me, refresh, refreshCount } from "../../app/state.js";
import { type MessageKey, t } from "../../i18n/index.js";
import { ErrorBox, Field, type Loaded, Loading, Page, Section, useLoad } from "../../ui/components.js";

/** A loaded state drawn by `children` once its data is there. */
const load = <T>(state: Loaded<T>, children: (d: T) => ComponentChildren) =>
  h(Loading<T>, { state, children });

type WebhookBody = Body<"/api/negotiations/{id}/webhooks", "post">;
const EXPORTS = ["proposals", "scores", "commitments", "compliance"] as const;

function Log(props: {
  id: number;
  actorName: (id: string) => string | undefined;
  userName: (id: number) => string | undefined;
}) {
  const state = useLoad(
    () =>
      call(
        client.GET("/api/negotiations/{id}/audit", {
          params: { path: { id: props.id }, query: { limit: 1000 } },
        }),
      ),
    [props.id],
  );
  return h(
    Section,
    { title: t("record.log"), name: "log-words" },
    load(state, (r) =>
      r.entries.length === 0
        ? h("p", null, t("record.logEmpty"))
        : h(
            "table",
            null,
            h(
              "thead",
              null,
              h(
                "tr",
                null,
                h("th", { scope: "col" }, t("record.colSeq")),
                h("th", { scope: "col" }, t("record.colAt")),
                h("th", { scope: "col" }, t("record.colWhat")),
              ),
            ),
            h(
              "tbody",
              null,
              r.entries.map((e) => {
                const p = auditPhrase(e, { actor: props.actorName, user: props.userName });
                return h(
                  "tr",
                  { key: e.seq },
                  h("td", null, String(e.seq)),
                  h("td", null, e.at.replace("T", " ").slice(0, 19)),
                  h("td", null, t(p.key as MessageKey, p.params)),
                );
              }),
            ),
          ),
    ),
  );
}

function Receipts(props: { id: number }) {
  const [checks, setChecks] = useState<ReceiptCheck[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  // Read again after every write on this screen (refresh()), which may have brought a receipt.
  void refreshCount.value;
  const count = receiptsOf(props.id).length;
  const verify = async () => {
    setError(null);
    try {
      const c = await verifyReceipts(props.id);
      setChecks(c);
      const bad = c.filter((x) => !x.ok).length;
      announce(
        bad ? t("record.verifyBad", { bad, count: c.length }) : t("record.verifyOk", { count: c.length }),
      );
    } catch (e) {
      setError(e);
    }
  };
  const bad = checks?.filter((c) => !c.ok) ?? [];
  return h(
    Section,
    { title: t("record.receipts"), name: "receipts" },
    h("p", null, t("record.receiptsCount", { count })),
    h("p", { class: "hint" }, t("record.receiptsHint")),
    h(
      "div",
      { class: "actions no-print" },
      h("button", { type: "button", onClick: () => void verify() }, t("record.verify")),
      h(
        "button",
        {
          type: "button",
          class: "secondary",
          disabled: count === 0,
          onClick: () => downloadReceipts(props.id),
        },
        t("record.download"),
      ),
    ),
    error ? h(ErrorBox, { error }) : null,
    checks
      ? h(
          "div",
          { role: "status" },
          checks.length === 0
            ? h("p", null, t("record.verifyNone"))
            : bad.length === 0
              ? h("p", { class: "ok" }, t("record.verifyOk", { count: checks.length }))
              : h(
                  "div",
                  null,
                  h("p", { class: "bad" }, t("record.verifyBad", { bad: bad.length, count: checks.length })),
                  h(
                    "ul",
                    null,
                    bad.flatMap((c) =>
                      c.problems.map((p) =>
                        h("li", null, t(`record.problem.${p}` as MessageKey, { seq: c.seq })),
                      ),
                    ),
                  ),
                ),
          checks.some((c) => c.signatures === "unavailable")
            ? h("p", { class: "hint" }, t("record.noSignatures"))
            : null,
        )
      : null,
  );
}

type Detail = { members: Array<{ id: number; userName: string; role: string; actorId: string | null }> };

function Members(props: { id: number; detail: Detail; admin: boolean; delegationOf: Set<string> }) {
  const [error, setError] = useState<unknown>(null);
  const removable = props.detail.members.filter(
    (m) =>
      props.admin || (m.role === "delegation" && m.actorId !== null && props.delegationOf.has(m.actorId)),
  );
  const remove = async (m: Detail["members"][number]) => {
    setError(null);
    try {
      await call(
        client.POST("/api/negotiations/{id}/members/{member}/remove", {
          params: { path: { id: props.id, member: m.id } },
        }),
      );
      announce(t("record.removed", { name: m.userName }));
      refresh();
    } catch (e) {
      setError(e);
    }
  };
  const role = (m: Detail["members"][number]) =>
    m.role === "delegation"
      ? t("nav.delegationOf", { actor: m.actorId ?? "" })
      : t(`role.${m.role}` as MessageKey);
  return h(
    Section,
    { title: t("record.members"), name: "members-remove" },
    error ? h(ErrorBox, { error }) : null,
    h(
      "ul",
      { class: "plain" },
      props.detail.members.map((m) =>
        h(
          "li",
          { key: m.id },
          `${m.userName} — ${role(m)} `,
          removable.includes(m)
            ? h(
                "button",
                { type: "button", class: "secondary no-print", onClick: () => void remove(m) },
                t("record.remove", { name: m.userName, role: role(m) }),
              )
            : null,
        ),
      ),
    ),
  );
}

function Exports(props: { id: number; delegation: boolean; agreement: boolean }) {
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState("");
  const kinds = EXPORTS.filter((k) =>
    k === "scores" ? props.delegation : k === "proposals" || props.agreement,
  );
  const get = async (what: (typeof EXPORTS)[number], format: "xlsx" | "csv") => {
    setError(null);
    try {
      const r = await call(
        client.GET("/api/negotiations/{id}/export/{what}", {
          params: { path: { id: props.id, what }, query: { format } },
        }),
      );
      const bytes =
        r.encoding === "base64"
          ? Uint8Array.from(atob(r.content), (c) => c.charCodeAt(0))
          : new TextEncoder().encode(r.content);
      const a = document.createElement("a");
      a.href = URL.createObjectURL(new Blob([bytes], { type: r.mediaType }));
      a.download = r.fileName;
      a.click();
      setTimeout(() => URL.revokeObjectURL(a.href), 1000);
      const msg = t("record.exported", { file: r.fileName, count: r.rows });
      setDone(msg);
      announce(msg);
    } catch (e) {
      setError(e);
    }
  };
  return h(
    Section,
    { title: t("record.exports"), name: "exports" },
    h("p", { class: "hint" }, t("record.exportsHint")),
    h(
      "div",
      { class: "actions no-print" },
      kinds.flatMap((k) =>
        (["xlsx", "csv"] as const).map((f) =>
          h(
            "button",
            { type: "button", class: "secondary", "data-export": `${k}.${f}`, onClick: () => void get(k, f) },
            t("record.exportAs", { what: t(`record.what.${k}`), format: f.toUpperCase() }),
          ),
        ),
      ),
    ),
    done ? h("p", { role: "status" }, done) : null,
    error ? h(ErrorBox, { error }) : null,
  );
}

function Webhooks(props: { id: number }) {
  const state = useLoad(
    () => call(client.GET("/api/negotiations/{id}/webhooks", { params: { path: { id: props.id } } })),
    [props.id],
  );
  const [error, setError] = useState<unknown>(null);
  const [secret, setSecret] = useState("");
  const add = async (ev: Event) => {
    ev.preventDefault();
    const data = new FormData(ev.target as HTMLFormElement);
    // The event names the server offers (GET …/webhooks answers them), so the list lives in one place.
    const offered = state.data?.events ?? [];
    const events = offered.filter((e) => data.get(e) === "on") as WebhookBody["events"];
    setError(null);
    try {
      const r = await call(
        client.POST("/api/negotiations/{id}/webhooks", {
          params: { path: { id: props.id } },
          body: { url: String(data.get("url")), ...(events?.length ? { events } : {}) },
        }),
      );
      setSecret(r.secret);
      (ev.target as HTMLFormElement).reset();
      refresh();
    } catch (e) {
      setError(e);
    }
  };
  const disable = async (hook: number) => {
    setError(null);
    try {
      await call(
        client.POST("/api/negotiations/{id}/webhooks/{hook}/disable", {
          params: { path: { id: props.id, hook } },
        }),
      );
      refresh();
    } catch (e) {
      setError(e);
    }
  };
  return h(
    Section,
    { title: t("record.webhooks"), name: "webhooks" },
    h("p", { class: "hint" }, t("record.webhooksHint")),
    load(state, (r) =>
      r.webhooks.length === 0
        ? h("p", null, t("record.none"))
        : h(
            "ul",
            { class: "plain" },
            r.webhooks.map((w) =>
              h(
                "li",
                { key: w.id },
                `${w.url} — ${w.events.join(", ")} — ${w.disabledAt ? t("record.webhookOff") : t("record.webhookActive")} `,
                w.disabledAt
                  ? null
                  : h(
                      "button",
                      { type: "button", class: "secondary no-print", onClick: () => void disable(w.id) },
                      t("record.webhookDisable", { id: w.id }),
                    ),
              ),
            ),
          ),
    ),
    secret ? h("p", { role: "status" }, t("record.webhookSecret"), " ", h("code", null, secret)) : null,
    error ? h(ErrorBox, { error }) : null,
    h(
      "form",
      { onSubmit: add, class: "stack no-print" },
      h(
        Field,
        { label: t("record.webhookUrl"), hint: t("record.webhookUrlHint") },
        h("input", { name: "url", type: "url", required: true }),
      ),
      h(
        "fieldset",
        null,
        h("legend", null, t("record.webhookEvents")),
        (state.data?.events ?? []).map((e) =>
          h(
            "label",
            { key: e, class: "check" },
            h("input", { type: "checkbox", name: e, checked: true }),
            ` ${e}`,
          ),
        ),
      ),
      h("button", { type: "submit" }, t("record.webhookAdd")),
    ),
  );
}

export default function RecordScreen({ params }: ScreenProps) {
  const id = Number(params.id);
  const m = me.value;
  const state = useLoad(async () => {
    const detail = await call(client.GET("/api/negotiations/{id}", { params: { path: { id } } }));
    const version = await call(
      client.GET("/api/scenarios/{id}/versions/{version}", {
        params: { path: { id: detail.scenarioId, version: detail.scenarioVersion } },
      }),
    );
    return {
      detail,
      scenario: version.parsed as { actors: Array<{ id: string; name: string }>; agreement?: unknown },
    };
  }, [id]);
  return load(state, ({ detail, scenario }) => {
    const delegationOf = new Set(
      (m?.memberships ?? [])
        .filter((x) => x.negotiationId === id && x.role === "delegation")
        .map((x) => x.actorId ?? ""),
    );
    const admin = !!m?.user.isAdmin;
    const users = new Map(detail.members.map((x) => [x.userId, x.userName]));
    return h(
      Page,
      { title: t("record.title", { title: detail.title }), class: "record" },
      h(
        "p",
        { class: "no-print" },
        h("a", { href: href(`/negotiations/${id}`) }, t("record.back")),
        " · ",
        h("button", { type: "button", class: "secondary", onClick: () => window.print() }, t("record.print")),
      ),
      h(Log, {
        id,
        actorName: (a) => scenario.actors.find((x) => x.id === a)?.name,
        userName: (u) => users.get(u),
      }),
      h(Receipts, { id }),
      h(Members, { id, detail, admin, delegationOf }),
      h(Exports, { id, delegation: delegationOf.size > 0, agreement: scenario.agreement !== undefined }),
      admin ? h(Webhooks, { id }) : null,
    );
  });
}
