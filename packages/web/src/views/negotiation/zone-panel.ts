/// <reference lib="dom" />
/**
 * The mediator's derived answers on the negotiation page, and nothing else: the server computes
 * them from every delegation's private positions together and returns aggregates. Asked only on
 * request, because each question spends a rate-limit token and is written to the audit log.
 */
import type { Scenario } from "@entente/core";
import { h } from "preact";
import { useState } from "preact/hooks";
import { call, client } from "../../api/client.js";
import type { Package, ZoneAnswer } from "../../api/types.js";
import { actorName, valueLabel } from "../../format.js";
import { type MessageKey, t } from "../../i18n/index.js";
import { ErrorBox, Section } from "../../ui/components.js";

const KIND: Record<string, MessageKey> = {
  nash: "zone.kindNash",
  "kalai-smorodinsky": "zone.kindKalai",
  utilitarian: "zone.kindUtilitarian",
  egalitarian: "zone.kindEgalitarian",
};

/** The mediator's coarsened package count ("at least 10 and fewer than 100"), as the API gives it. */
function countText(c: { atLeast: number; below: number }): string {
  if (c.atLeast === 0 && c.below <= 1) return t("zone.countNone");
  if (c.below === c.atLeast + 1) return c.atLeast.toLocaleString();
  return t("zone.countRange", { atLeast: c.atLeast.toLocaleString(), below: c.below.toLocaleString() });
}

/** Several packages side by side (rows: issues; columns: packages), with the differing rows marked. */
export function ComparisonTable(props: {
  scenario: Scenario;
  columns: ReadonlyArray<{ label: string; package: Package }>;
  caption: string;
}) {
  return h(
    "table",
    { class: "package compare" },
    h("caption", null, props.caption),
    h(
      "thead",
      null,
      h(
        "tr",
        null,
        h("th", { scope: "col" }, t("zone.colIssue")),
        props.columns.map((c) => h("th", { scope: "col" }, c.label)),
      ),
    ),
    h(
      "tbody",
      null,
      props.scenario.issues.map((i) => {
        const values = props.columns.map((c) => valueLabel(i, c.package[i.id]));
        return h(
          "tr",
          new Set(values).size > 1 ? { class: "differs" } : null,
          h("th", { scope: "row" }, i.name),
          values.map((v) => h("td", null, v)),
        );
      }),
    ),
  );
}

function ZoneView({ scenario, z }: { scenario: Scenario; z: ZoneAnswer }) {
  const suggested = [
    ...(z.nash ? [{ label: t("zone.kindNash"), package: z.nash }] : []),
    ...z.suggestions
      .filter((x) => x.kind !== "nash")
      .map((x) => ({ label: KIND[x.kind] ? t(KIND[x.kind]!) : x.kind, package: x.package })),
  ];
  const parties = z.parties.map((a) => actorName(scenario, a)).join(", ");
  return h(
    "div",
    { class: "zone" },
    h(
      "dl",
      null,
      h("dt", null, t("zone.zone")),
      h("dd", { class: z.exists ? "yes" : "no" }, z.exists ? t("zone.yes") : t("zone.no")),
      h("dt", null, t("zone.acceptable")),
      h("dd", null, t("zone.countOf", { count: countText(z.count), total: z.total.toLocaleString() })),
      h("dt", null, t("zone.parties")),
      h("dd", null, parties || "—"),
    ),
    z.withheld ? h("p", { class: "note" }, t("zone.withheld", { count: z.withheld })) : null,
    suggested.length
      ? h(
          "div",
          { class: "scroll-x", tabIndex: 0, role: "region", "aria-label": t("zone.suggested") },
          h(ComparisonTable, { scenario, columns: suggested, caption: t("zone.suggestedCaption") }),
        )
      : null,
  );
}

/** The panel: a button that asks GET /api/negotiations/{id}/mediator/zone, and its answer. */
export function ZonePanel({ id, scenario }: { id: number; scenario: Scenario }) {
  const [zone, setZone] = useState<ZoneAnswer | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const ask = async () => {
    setBusy(true);
    setError(null);
    try {
      setZone(await call(client.GET("/api/negotiations/{id}/mediator/zone", { params: { path: { id } } })));
    } catch (e) {
      setZone(null);
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return h(
    Section,
    { title: t("zone.title"), name: "mediator" },
    h("p", { class: "note" }, t("zone.note")),
    h("button", { type: "button", disabled: busy, onClick: ask }, t("zone.ask")),
    h(
      "div",
      { "aria-live": "polite" },
      zone ? h(ZoneView, { scenario, z: zone }) : null,
      h(ErrorBox, { error }),
    ),
  );
}
