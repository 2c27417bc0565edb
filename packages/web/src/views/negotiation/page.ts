/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * One negotiation (#/negotiations/N): members and roles, rounds, proposals and counter-proposals,
 * and the panels of the user's roles — a delegation's private positions, the mediator's derived
 * answers, the audit.
 */
import type { Scenario } from "@entente/core";
import { h } from "preact";
import { call, client } from "../../api/client.js";
import type { AuditEntry, Me } from "../../api/types.js";
import type { ScreenProps } from "../../app/router.js";
import { me, refresh } from "../../app/state.js";
import { describeRoles, standingIn } from "../../capabilities.js";
import { actorName, formatTime } from "../../format.js";
import { t } from "../../i18n/index.js";
import { loaded, Page, Section, useLoad } from "../../ui/components.js";
import { AuditTable, VerifyButton } from "../admin/audit.js";
import { MembersPanel } from "./members-panel.js";
import { PrivatePanel } from "./private-panel.js";
import { ProposalsPanel } from "./proposals-panel.js";
import { ZonePanel } from "./zone-panel.js";

/** Reads a negotiation's audit log page by page (a page holds at most 1000), up to 5000 entries. */
async function negotiationAudit(id: number): Promise<AuditEntry[]> {
  const out: AuditEntry[] = [];
  let after = 0;
  while (out.length < 5000) {
    const { entries } = await call(
      client.GET("/api/negotiations/{id}/audit", { params: { path: { id }, query: { after, limit: 1000 } } }),
    );
    out.push(...entries);
    if (entries.length < 1000) break;
    after = entries[entries.length - 1]!.seq;
  }
  return out;
}

function NegotiationAudit({ id, canVerify }: { id: number; canVerify: boolean }) {
  const state = useLoad(() => negotiationAudit(id), [id]);
  return h(
    Section,
    { title: t("negotiationPage.audit"), name: "negotiation-audit" },
    h("p", { class: "note" }, t("negotiationPage.auditNote")),
    canVerify ? h(VerifyButton, null) : null,
    loaded(state, (entries) => h(AuditTable, { entries })),
  );
}

/** The screen at #/negotiations/N. */
export function NegotiationScreen({ params }: ScreenProps) {
  const id = Number(params.id);
  const user = me.value as Me;
  const state = useLoad(async () => {
    const n = await call(client.GET("/api/negotiations/{id}", { params: { path: { id } } }));
    const [version, { proposals }] = await Promise.all([
      call(
        client.GET("/api/scenarios/{id}/versions/{version}", {
          params: { path: { id: n.scenarioId, version: n.scenarioVersion } },
        }),
      ),
      call(client.GET("/api/negotiations/{id}/proposals", { params: { path: { id } } })),
    ]);
    return { n, scenario: version.parsed as Scenario, proposals };
  }, [id]);
  return loaded(state, ({ n, scenario, proposals }) => {
    const s = standingIn(user, id);
    const roles = describeRoles(user, id, (a) => actorName(scenario, a));
    return h(
      Page,
      { title: n.title },
      h(
        "p",
        { class: "lead" },
        t("negotiationPage.lead", {
          venue: n.venue,
          title: scenario.title,
          version: n.scenarioVersion,
          time: formatTime(n.createdAt),
        }),
      ),
      h(
        "p",
        { class: "you" },
        `${t("negotiationPage.yourRole")} `,
        h("strong", null, roles || t("negotiationPage.noRole")),
        " ",
        h(
          "button",
          { type: "button", class: "secondary small", onClick: () => refresh() },
          t("negotiationPage.reload"),
        ),
      ),
      h(
        "p",
        null,
        h("a", { href: `#/negotiations/${id}/table`, class: "button-link" }, t("table.open.link")),
      ),
      h("p", null, h("a", { href: `#/negotiations/${id}/record` }, t("record.open"))),
      scenario.agreement
        ? h("p", null, h("a", { href: `#/negotiations/${id}/monitoring` }, t("monitor.open")))
        : null,
      s.isMediator ? h(ZonePanel, { id, scenario }) : null,
      h(
        "div",
        { class: "columns" },
        h("div", { class: "col-main" }, h(ProposalsPanel, { id, scenario, proposals, standing: s })),
        h("div", { class: "col-side" }, h(MembersPanel, { n, scenario, standing: s })),
      ),
      s.delegationActors.map((actor) => h(PrivatePanel, { key: actor, id, scenario, actor })),
      s.canReadAudit ? h(NegotiationAudit, { id, canVerify: s.canVerifyChain }) : null,
    );
  });
}
