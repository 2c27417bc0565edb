/// <reference lib="dom" />
/**
 * The monitoring mission's dashboard for one negotiation's agreement (GET …/monitoring/dashboard):
 * alerts; every commitment on a timeline per party with its state and what it unlocks; notifications
 * against their thresholds; consultations and votes; benefits; trust over time; a slider to replay
 * any moment; forms to file events and vote, and the import of an event file. Live: the stream's
 * `change` events reload it, its `alert` events are announced.
 */
import { type ComponentChildren, h } from "preact";
import { useEffect, useState } from "preact/hooks";
import { call, client } from "../../api/client.js";
import { subscribe } from "../../api/subscribe.js";
import type { Ok } from "../../api/types.js";
import type { ScreenProps } from "../../app/router.js";
import { announce, me, refresh } from "../../app/state.js";
import { type MessageKey, t } from "../../i18n/index.js";
import { Chart } from "../../ui/chart.js";
import { ErrorBox, Field, Loading, Page, Section, useLoad } from "../../ui/components.js";
import { eventFromForm, FILED_BY, formatOfFile, newEventId, routeFor, segments } from "./model.js";

type Dashboard = Ok<"/api/negotiations/{id}/monitoring/dashboard", "get">;
type Alert = Dashboard["alerts"][number];
type Commitment = Dashboard["commitments"][number];

/** A state's name in the reader's language. */
const stateName = (s: string) => t(`monitor.state.${s}` as MessageKey);

function StateBadge(props: { status: string }) {
  return h("span", { class: `state st-${props.status}` }, stateName(props.status));
}

/** The alert in the reader's language, from its data (the API's `text` is English). */
function alertText(a: Alert): string {
  const p = {
    commitment: a.commitment?.name ?? "",
    party: a.party?.name ?? "",
    guarantor: a.guarantor?.name ?? "",
    at: a.local,
  };
  return t(`monitor.alert.${a.kind}` as MessageKey, p);
}

export default function MonitoringScreen(props: ScreenProps) {
  const id = Number(props.params.id);
  const [asOf, setAsOf] = useState<string | null>(null);
  const [hindsight, setHindsight] = useState(true);
  const [live, setLive] = useState<Alert[]>([]);
  const state = useLoad(
    () =>
      call(
        client.GET("/api/negotiations/{id}/monitoring/dashboard", {
          params: {
            path: { id },
            query: { ...(asOf ? { asOf } : {}), hindsight: hindsight ? "true" : "false" },
          },
        }),
      ),
    [id, asOf, hindsight],
  );
  useEffect(
    () =>
      subscribe(`/api/negotiations/${id}/monitoring/stream`, (e) => {
        if (e.event === "change" || e.event === "filed") refresh();
        else if (e.event === "alert") {
          const a = JSON.parse(e.data) as Alert;
          setLive((l) => [a, ...l].slice(0, 20));
          announce(alertText(a));
        }
      }),
    [id],
  );
  const title = state.data ? t("monitor.title", { title: state.data.agreement.title }) : t("monitor.heading");
  return h(
    Page,
    { title, class: "monitoring" },
    h("p", null, h("a", { href: `#/negotiations/${id}` }, t("monitor.back"))),
    h(Loading<Dashboard>, {
      state,
      children: (d: Dashboard) =>
        h(
          "div",
          null,
          h(Replay, { d, asOf, setAsOf, hindsight, setHindsight }),
          h(Alerts, { alerts: d.alerts, live }),
          h(Parties, { d }),
          h(Timeline, { d }),
          h(Notifications, { d }),
          h(Consultations, { d, negotiationId: id }),
          h(Benefits, { d }),
          h(Trust, { d }),
          h(Filing, { d, negotiationId: id }),
          h(Import, { negotiationId: id }),
        ),
    }),
  );
}

/** The moment shown: a slider over the agreement's life, an exact time, and the replay mode. */
function Replay(props: {
  d: Dashboard;
  asOf: string | null;
  setAsOf: (v: string | null) => void;
  hindsight: boolean;
  setHindsight: (v: boolean) => void;
}) {
  const { d } = props;
  const [text, setText] = useState(props.asOf ?? "");
  const hour = 3_600_000;
  const from = Math.floor(d.range.from / hour) * hour;
  const to = Math.ceil(d.range.to / hour) * hour;
  return h(
    Section,
    { title: t("monitor.replay"), name: "monitor-replay" },
    h(
      "p",
      { class: "as-of", "aria-live": "polite" },
      t("monitor.asOf", { at: d.asOfLocal, zone: d.agreement.zone }),
    ),
    h(
      Field,
      { label: t("monitor.slider"), hint: t("monitor.sliderHint") },
      h("input", {
        type: "range",
        min: from,
        max: to,
        step: hour,
        value: Math.min(Math.max(d.asOf, from), to),
        "aria-valuetext": d.asOfLocal,
        onChange: (e: Event) => {
          const v = new Date(Number((e.target as HTMLInputElement).value)).toISOString();
          setText(v);
          props.setAsOf(v);
        },
      }),
    ),
    h(
      "form",
      {
        class: "inline",
        onSubmit: (e: Event) => {
          e.preventDefault();
          props.setAsOf(text.trim() || null);
        },
      },
      h(
        Field,
        { label: t("monitor.moment"), hint: t("monitor.momentHint", { zone: d.agreement.zone }) },
        h("input", {
          name: "asOf",
          value: text,
          placeholder: "2015-03-14T12:00",
          onInput: (e: Event) => setText((e.target as HTMLInputElement).value),
        }),
      ),
      h("button", { type: "submit" }, t("monitor.show")),
      h(
        "button",
        {
          type: "button",
          onClick: () => {
            setText("");
            props.setAsOf(null);
          },
        },
        t("monitor.now"),
      ),
    ),
    h(
      "label",
      { class: "check" },
      h("input", {
        type: "checkbox",
        checked: props.hindsight,
        onChange: (e: Event) => props.setHindsight((e.target as HTMLInputElement).checked),
      }),
      " ",
      t("monitor.hindsight"),
    ),
  );
}

function Alerts(props: { alerts: Alert[]; live: Alert[] }) {
  const all = [...props.live, ...props.alerts];
  return h(
    Section,
    { title: t("monitor.alerts"), name: "monitor-alerts" },
    all.length === 0
      ? h("p", null, t("monitor.noAlerts"))
      : h(
          "ul",
          { class: "alerts" },
          all.map((a) => h("li", { class: `alert-${a.kind}`, "data-kind": a.kind }, alertText(a))),
        ),
  );
}

/** A table that scrolls sideways on a narrow screen; the scrolling box is focusable and named. */
function table(label: string, headers: ComponentChildren[], rows: ComponentChildren[][], caption?: string) {
  return h(
    "div",
    { class: "table-wrap", tabIndex: 0, role: "group", "aria-label": label },
    h(
      "table",
      null,
      caption ? h("caption", null, caption) : null,
      h(
        "thead",
        null,
        h(
          "tr",
          null,
          headers.map((x) => h("th", { scope: "col" }, x)),
        ),
      ),
      h(
        "tbody",
        null,
        rows.map((r) =>
          h(
            "tr",
            null,
            r.map((c, i) => (i === 0 ? h("th", { scope: "row" }, c) : h("td", null, c))),
          ),
        ),
      ),
    ),
  );
}

function Parties(props: { d: Dashboard }) {
  const { d } = props;
  const shown = d.statuses.filter((s) => d.parties.some((p) => (p.counts[s] ?? 0) > 0));
  return h(
    Section,
    { title: t("monitor.parties"), name: "monitor-parties" },
    table(
      t("monitor.parties"),
      [t("monitor.party"), t("monitor.trust"), ...shown.map(stateName)],
      d.parties.map((p) => [
        p.party.name,
        h("span", { "data-trust": p.party.id }, p.trust.toFixed(3)),
        ...shown.map((s) => String(p.counts[s] ?? 0)),
      ]),
    ),
  );
}

/** Each party's commitments: the state now, the timeline of states, the deadline and what it unlocks. */
function Timeline(props: { d: Dashboard }) {
  const { d } = props;
  const parties = [
    ...new Map(d.commitments.flatMap((c) => c.slots.map((s) => [s.obligor.id, s.obligor]))).values(),
  ];
  const from = d.range.from;
  const to = Math.max(d.asOf, from + 1);
  const x = (ms: number) => ((ms - from) / (to - from)) * 600;
  return h(
    Section,
    { title: t("monitor.commitments"), name: "monitor-commitments" },
    h("p", { class: "hint" }, t("monitor.timelineHint", { zone: d.agreement.zone })),
    parties.map((p) =>
      h(
        "div",
        { class: "party-timeline" },
        h("h3", null, p.name),
        h(
          "ul",
          { class: "slots" },
          d.commitments
            .filter((c) => c.slots.some((s) => s.obligor.id === p.id))
            .map((c) => {
              const s = c.slots.find((x) => x.obligor.id === p.id)!;
              return h(
                "li",
                { "data-commitment": c.id, "data-party": p.id, "data-status": s.status },
                h("span", { class: "title" }, c.title),
                " ",
                h(StateBadge, { status: s.status }),
                s.local.since
                  ? h("span", { class: "meta" }, ` ${t("monitor.since", { at: s.local.since })}`)
                  : null,
                s.local.deadline
                  ? h("span", { class: "meta" }, ` · ${t("monitor.deadline", { at: s.local.deadline })}`)
                  : null,
                s.allegations
                  ? h("span", { class: "meta" }, ` · ${t("monitor.allegations", { count: s.allegations })}`)
                  : null,
                c.unlocks.length
                  ? h(
                      "span",
                      { class: "meta" },
                      ` · ${t("monitor.unlocks", { what: c.unlocks.map((u) => u.name).join(", ") })}`,
                    )
                  : null,
                h(SlotBar, { slot: s, from, to, x, deadline: s.deadline }),
              );
            }),
        ),
      ),
    ),
  );
}

function SlotBar(props: {
  slot: Commitment["slots"][number];
  from: number;
  to: number;
  x: (ms: number) => number;
  deadline: number | undefined;
}) {
  const segs = segments(props.slot, props.from, props.to);
  return h(
    "svg",
    { class: "slot-bar", viewBox: "0 0 600 12", preserveAspectRatio: "none", "aria-hidden": "true" },
    segs.map((g) =>
      h(
        "rect",
        {
          x: props.x(g.from),
          y: 1,
          width: Math.max(0.5, props.x(g.to) - props.x(g.from)),
          height: 10,
          class: `seg st-${g.status}`,
        },
        h("title", null, stateName(g.status)),
      ),
    ),
    props.deadline !== undefined && props.deadline >= props.from && props.deadline <= props.to
      ? h("line", {
          x1: props.x(props.deadline),
          x2: props.x(props.deadline),
          y1: 0,
          y2: 12,
          class: "deadline",
        })
      : null,
  );
}

function Notifications(props: { d: Dashboard }) {
  const { d } = props;
  const r = d.notificationRules;
  const forces = (f: { troops?: number; tanks?: number; acv?: number; artillery?: number }) =>
    (["troops", "tanks", "acv", "artillery"] as const)
      .filter((k) => f[k] !== undefined)
      .map((k) => `${t(`monitor.force.${k}` as MessageKey)} ${f[k]!.toLocaleString()}`)
      .join(", ");
  return h(
    Section,
    { title: t("monitor.notifications"), name: "monitor-notifications" },
    r
      ? h(
          "p",
          null,
          t("monitor.rules", {
            notify: forces(r.notify),
            days: r.noticeDays,
            observe: r.observe ? forces(r.observe) : "—",
          }),
        )
      : h("p", null, t("monitor.noRules")),
    d.notifications.length
      ? table(
          t("monitor.notifications"),
          [
            t("monitor.party"),
            t("monitor.activity"),
            t("monitor.filed"),
            t("monitor.start"),
            t("monitor.forces"),
            t("monitor.notice"),
          ],
          d.notifications.map((n) => [
            n.party.name,
            n.activity,
            n.local.filed,
            n.local.start,
            `${forces(n.forces)}${n.notifiable.length ? ` (${t("monitor.meets", { what: n.notifiable.join(", ") })})` : ""}`,
            h(
              "span",
              { class: n.late ? "flag late" : "", "data-late": String(n.late) },
              t(n.late ? "monitor.lateBy" : "monitor.ahead", { days: n.daysAhead }),
            ),
          ]),
        )
      : h("p", null, t("monitor.noNotifications")),
    d.notificationFindings.length
      ? h(
          "ul",
          { class: "findings" },
          d.notificationFindings.map((f) =>
            h(
              "li",
              { class: "flag", "data-finding": f.kind },
              h("strong", null, t(`monitor.finding.${f.kind}` as MessageKey)),
              ` · ${f.party.name} · ${f.local} · ${f.detail}`,
            ),
          ),
        )
      : null,
  );
}

function Consultations(props: { d: Dashboard; negotiationId: number }) {
  const { d } = props;
  const mine = new Set(
    (me.value?.memberships ?? [])
      .filter((m) => m.negotiationId === props.negotiationId && m.role === "delegation" && m.actorId)
      .map((m) => m.actorId!),
  );
  return h(
    Section,
    { title: t("monitor.consultations"), name: "monitor-consultations" },
    d.consultations.length === 0
      ? h("p", null, t("monitor.noConsultations"))
      : h(
          "ul",
          { class: "consultations" },
          d.consultations.map((k) =>
            h(
              "li",
              { "data-consultation": k.id, "data-status": k.status },
              h(
                "p",
                null,
                h(
                  "strong",
                  null,
                  t("monitor.consultationOn", { commitment: k.commitmentTitle, party: k.accusedName }),
                ),
                ` · ${k.mechanismName} · `,
                h(
                  "span",
                  { class: `state cs-${k.status}` },
                  t(`monitor.consultation.${k.status}` as MessageKey),
                ),
                ` · ${t("monitor.until", { at: k.local.deadline })}`,
              ),
              h("p", { class: "summary" }, k.summary),
              h(
                "ul",
                { class: "votes" },
                k.voters.map((v) =>
                  h(
                    "li",
                    { "data-voter": v.id },
                    `${v.name}: ${v.vote ? t(`monitor.vote.${v.vote}` as MessageKey) : t("monitor.noVote")}`,
                    k.status === "open" && mine.has(v.id)
                      ? h(VoteForm, { negotiationId: props.negotiationId, consultation: k.id, guarantor: v })
                      : null,
                  ),
                ),
              ),
            ),
          ),
        ),
  );
}

function VoteForm(props: {
  negotiationId: number;
  consultation: string;
  guarantor: { id: string; name: string };
}) {
  const [error, setError] = useState<unknown>(null);
  const [vote, setVote] = useState("yes");
  return h(
    "form",
    {
      class: "inline vote",
      onSubmit: async (e: Event) => {
        e.preventDefault();
        setError(null);
        const now = Date.now() - 2000;
        try {
          await call(
            client.POST("/api/negotiations/{id}/monitoring/votes", {
              params: { path: { id: props.negotiationId } },
              body: {
                events: [
                  {
                    kind: "vote",
                    id: newEventId("vote", now),
                    time: new Date(now).toISOString(),
                    by: props.guarantor.id,
                    consultation: props.consultation,
                    vote,
                  },
                ],
              },
            }),
          );
          announce(t("monitor.voted", { guarantor: props.guarantor.name }));
          refresh();
        } catch (err) {
          setError(err);
        }
      },
    },
    h(
      Field,
      { label: t("monitor.voteAs", { guarantor: props.guarantor.name }) },
      h(
        "select",
        { value: vote, onChange: (e: Event) => setVote((e.target as HTMLSelectElement).value) },
        ["yes", "no", "abstain"].map((v) => h("option", { value: v }, t(`monitor.vote.${v}` as MessageKey))),
      ),
    ),
    h("button", { type: "submit" }, t("monitor.castVote")),
    h(ErrorBox, { error }),
  );
}

function Benefits(props: { d: Dashboard }) {
  const { d } = props;
  return h(
    Section,
    { title: t("monitor.benefits"), name: "monitor-benefits" },
    d.benefits.length === 0
      ? h("p", null, t("monitor.noBenefits"))
      : table(
          t("monitor.benefits"),
          [t("monitor.benefit"), t("monitor.status"), t("monitor.waitsOn")],
          d.benefits.map((b) => [
            b.name,
            h(
              "span",
              { class: `state bs-${b.status}`, "data-benefit": b.id, "data-status": b.status },
              t(`monitor.benefit.${b.status}` as MessageKey),
              b.history.length ? ` · ${b.history.at(-1)!.local}` : "",
            ),
            b.unlockedBy.map((c) => c.name).join(", "),
          ]),
        ),
  );
}

/**
 * Trust over time, one line per party on a 0–1 axis: the shared chart of @entente/charts (loaded
 * lazily, with its legend, text alternative and data table), times on the agreement's clock.
 */
function Trust(props: { d: Dashboard }) {
  const { d } = props;
  const summary = d.trust.map((s) => `${s.party.name} ${s.trust.toFixed(2)}`).join(", ");
  const zone = d.agreement.zone;
  const day = new Intl.DateTimeFormat("en-CA", {
    timeZone: zone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  });
  return h(
    Section,
    { title: t("monitor.trustOverTime"), name: "monitor-trust" },
    h(Chart, {
      deps: [d.asOf, d.hindsight, d.trust],
      draw: (charts, doc) =>
        charts.trustChart(doc, {
          id: "monitor-trust-chart",
          title: t("monitor.trustCaption"),
          series: d.trust.map((s) => ({ actor: s.party.id, name: s.party.name, points: s.points })),
          colours: charts.actorColourMap(d.trust.map((s) => s.party.id)),
          formatTime: (ms: number) => day.format(new Date(ms)),
          summary: t("monitor.trustSummary", { values: summary, at: d.asOfLocal }),
          headers: { party: t("monitor.party") },
        }),
    }),
  );
}

/** Which kinds the reader may file here, and in whose name. */
function filers(d: Dashboard, negotiationId: number) {
  const mine = (me.value?.memberships ?? []).filter((m) => m.negotiationId === negotiationId);
  const monitor = mine.some((m) => m.role === "monitor");
  const mediator = mine.some((m) => m.role === "mediator") || me.value?.user.isAdmin === true;
  const parties = mine.filter((m) => m.role === "delegation" && m.actorId).map((m) => m.actorId!);
  const bodies = [...new Map(d.commitments.flatMap((c) => c.monitors.map((m) => [m.id, m]))).values()];
  const kinds: Array<{ kind: string; by: Array<{ id: string; name: string }> }> = [];
  const obligorNames = new Map(
    d.commitments.flatMap((c) => c.slots.map((s) => [s.obligor.id, s.obligor.name])),
  );
  const partyBy = parties.map((p) => ({ id: p, name: obligorNames.get(p) ?? p }));
  if (monitor)
    for (const k of FILED_BY.monitor)
      kinds.push({
        kind: k,
        by:
          k === "ruling" && d.jointCommission
            ? [{ id: d.jointCommission.id, name: d.jointCommission.name }]
            : bodies,
      });
  if (parties.length)
    for (const k of FILED_BY.party)
      if (!kinds.some((x) => x.kind === k)) kinds.push({ kind: k, by: partyBy });
  if (mediator && d.milestones.some((m) => !m.fixed))
    kinds.push({ kind: "milestone", by: [{ id: d.agreement.id, name: d.agreement.title }] });
  return kinds;
}

const FIELDS: Record<string, string[]> = {
  report: [
    "commitment",
    "party",
    "type",
    "metric",
    "area",
    "count",
    "weaponClass",
    "confidence",
    "evidence",
    "published",
    "note",
  ],
  inspection: [
    "commitment",
    "party",
    "finding",
    "metric",
    "area",
    "count",
    "weaponClass",
    "confidence",
    "evidence",
    "published",
    "note",
  ],
  activity: [
    "party",
    "activity",
    "start",
    "end",
    "area",
    "troops",
    "tanks",
    "acv",
    "artillery",
    "confidence",
    "note",
  ],
  referral: ["commitment", "party", "note"],
  ruling: ["commitment", "party", "rulingFinding", "published", "note"],
  notification: [
    "activity",
    "start",
    "end",
    "area",
    "troops",
    "tanks",
    "acv",
    "artillery",
    "observersInvited",
    "published",
    "note",
  ],
  declaration: ["commitment", "note"],
  milestone: ["milestone"],
};

/** Fields with a fixed list of answers, each labelled by the message `<key>.<value>`. */
const FIXED_CHOICES: Partial<Record<string, { key: string; values: readonly string[] }>> = {
  type: {
    key: "monitor.type",
    values: [
      "ceasefire-violation",
      "weapon-sighting",
      "withdrawal-verified",
      "compliance-verified",
      "access-denied",
      "other",
    ],
  },
  finding: { key: "monitor.inspection", values: ["compliant", "non-compliant", "access-denied"] },
  rulingFinding: { key: "monitor.ruling", values: ["violation", "compliance", "inconclusive"] },
};

function FieldFor(props: { name: string; d: Dashboard }) {
  const { name, d } = props;
  const label = t(`monitor.field.${name}` as MessageKey);
  const parties = [
    ...new Map(d.commitments.flatMap((c) => c.slots.map((s) => [s.obligor.id, s.obligor]))).values(),
  ];
  const options = (list: Array<{ value: string; label: string }>, optional: boolean) =>
    h("select", { name: name === "rulingFinding" ? "finding" : name }, [
      ...(optional ? [h("option", { value: "" }, t("monitor.none"))] : []),
      ...list.map((o) => h("option", { value: o.value }, o.label)),
    ]);
  if (name === "commitment")
    return h(
      Field,
      { label },
      options(
        d.commitments.map((c) => ({ value: c.id, label: c.title })),
        true,
      ),
    );
  if (name === "party")
    return h(
      Field,
      { label },
      options(
        parties.map((p) => ({ value: p.id, label: p.name })),
        true,
      ),
    );
  const fixed = FIXED_CHOICES[name];
  if (fixed)
    return h(
      Field,
      { label },
      options(
        fixed.values.map((v) => ({ value: v, label: t(`${fixed.key}.${v}` as MessageKey) })),
        false,
      ),
    );
  if (name === "milestone")
    return h(
      Field,
      { label },
      options(
        d.milestones.filter((m) => !m.fixed).map((m) => ({ value: m.id, label: m.name })),
        false,
      ),
    );
  if (name === "published" || name === "observersInvited")
    return h("label", { class: "check" }, h("input", { type: "checkbox", name }), ` ${label}`);
  const numeric = ["count", "confidence", "troops", "tanks", "acv", "artillery"].includes(name);
  return h(
    Field,
    {
      label,
      ...(name === "start" || name === "end"
        ? { hint: t("monitor.momentHint", { zone: d.agreement.zone }) }
        : {}),
    },
    h("input", {
      name,
      ...(numeric
        ? { type: "number", step: "any", min: 0, ...(name === "confidence" ? { max: 1 } : {}) }
        : {}),
    }),
  );
}

/** One form for every kind the reader may file; the server checks it and answers in words. */
function Filing(props: { d: Dashboard; negotiationId: number }) {
  const kinds = filers(props.d, props.negotiationId);
  const [kind, setKind] = useState(kinds[0]?.kind ?? "");
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState("");
  if (kinds.length === 0) return null;
  const current = kinds.find((k) => k.kind === kind) ?? kinds[0]!;
  return h(
    Section,
    { title: t("monitor.file"), name: "monitor-file" },
    h(
      "form",
      {
        class: "filing",
        onSubmit: async (e: Event) => {
          e.preventDefault();
          setError(null);
          setDone("");
          const form = e.target as HTMLFormElement;
          const values: Record<string, string | boolean> = {};
          for (const el of Array.from(form.elements) as HTMLInputElement[]) {
            if (!el.name) continue;
            values[el.name] = el.type === "checkbox" ? el.checked : el.value;
          }
          const event: Record<string, unknown> = { ...eventFromForm(values), kind: current.kind };
          // A party notifies its own activities only: the notifying party is the filer.
          if (current.kind === "notification") event.party = event.by;
          if (!event.id) event.id = newEventId(current.kind, Date.now());
          try {
            await call(
              client.POST(
                `/api/negotiations/{id}/monitoring/${routeFor(current.kind)}` as "/api/negotiations/{id}/monitoring/events",
                {
                  params: { path: { id: props.negotiationId } },
                  body: { events: [event] },
                },
              ),
            );
            const msg = t("monitor.filed.ok", { id: String(event.id) });
            setDone(msg);
            announce(msg);
            form.reset();
            refresh();
          } catch (err) {
            setError(err);
          }
        },
      },
      h(
        Field,
        { label: t("monitor.kind") },
        h(
          "select",
          {
            name: "kind",
            value: current.kind,
            onChange: (e: Event) => setKind((e.target as HTMLSelectElement).value),
          },
          kinds.map((k) => h("option", { value: k.kind }, t(`monitor.kind.${k.kind}` as MessageKey))),
        ),
      ),
      h(
        Field,
        { label: t("monitor.field.by") },
        h(
          "select",
          { name: "by" },
          current.by.map((b) => h("option", { value: b.id }, b.name)),
        ),
      ),
      h(Field, { label: t("monitor.field.id"), hint: t("monitor.idHint") }, h("input", { name: "id" })),
      h(
        Field,
        { label: t("monitor.field.time"), hint: t("monitor.momentHint", { zone: props.d.agreement.zone }) },
        h("input", { name: "time", required: true }),
      ),
      (FIELDS[current.kind] ?? []).map((f) =>
        h(FieldFor, { name: f, d: props.d, key: `${current.kind}-${f}` }),
      ),
      h(ErrorBox, { error }),
      done ? h("p", { class: "ok" }, done) : null,
      h("button", { type: "submit" }, t("monitor.submit")),
    ),
  );
}

/** The import of an event file: checked first (every error by line and field), then filed all or none. */
function Import(props: { negotiationId: number }) {
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<string>("");
  const send = async (form: HTMLFormElement, dryRun: boolean) => {
    setError(null);
    setResult("");
    const input = form.elements.namedItem("file") as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    try {
      const r = await call(
        client.POST("/api/negotiations/{id}/monitoring/import", {
          params: { path: { id: props.negotiationId } },
          body: { format: formatOfFile(file.name), text: await file.text(), file: file.name, dryRun },
        }),
      );
      const msg = t(dryRun ? "monitor.checked" : "monitor.imported", { count: r.accepted, file: file.name });
      setResult(msg);
      announce(msg);
      if (!dryRun) refresh();
    } catch (err) {
      setError(err);
    }
  };
  return h(
    Section,
    { title: t("monitor.import"), name: "monitor-import" },
    h("p", { class: "hint" }, t("monitor.importHint")),
    h(
      "form",
      {
        onSubmit: (e: Event) => {
          e.preventDefault();
          void send(e.target as HTMLFormElement, false);
        },
      },
      h(
        Field,
        { label: t("monitor.eventFile") },
        h("input", { type: "file", name: "file", accept: ".csv,.json,.jsonl,.ndjson" }),
      ),
      h(
        "button",
        {
          type: "button",
          onClick: (e: Event) => void send((e.target as HTMLElement).closest("form")!, true),
        },
        t("monitor.check"),
      ),
      " ",
      h("button", { type: "submit" }, t("monitor.importButton")),
      result ? h("p", { class: "ok", role: "status" }, result) : null,
      h(ErrorBox, { error }),
    ),
  );
}
