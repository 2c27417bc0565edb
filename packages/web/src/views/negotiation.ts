/// <reference lib="dom" />
import type { Scenario } from "@entente/core";
import { type ComponentChild, h as preactH, render } from "preact";
import type { NegotiationDetail, Proposal } from "../api/types.js";
import { api } from "../api.js";
import { describeRoles, type Standing, standingIn } from "../capabilities.js";
import { h } from "../dom.js";
import { actorName, formatTime } from "../format.js";
import { t } from "../i18n/index.js";
import { type Ctx, section } from "../ui.js";
import { allEntries, auditTable, verifyButton } from "./audit.js";
import { MembersPanel } from "./negotiation/members-panel.js";
import { PrivatePanel } from "./negotiation/private-panel.js";
import { ProposalsPanel } from "./negotiation/proposals-panel.js";
import { ZonePanel } from "./negotiation/zone-panel.js";

/** Everything the negotiation's panels read, loaded once per render. */
export interface NegotiationData {
  ctx: Ctx;
  n: NegotiationDetail;
  scenario: Scenario;
  proposals: Proposal[];
  standing: Standing;
}

/**
 * One negotiation: members and roles, rounds, proposals and counter-proposals, and the panels of
 * the user's roles — a delegation's private positions, the mediator's derived answers, the audit.
 */
export async function negotiationView(ctx: Ctx, id: number): Promise<HTMLElement> {
  const n = await api<NegotiationDetail>("GET", `/api/negotiations/${id}`);
  const [version, { proposals }] = await Promise.all([
    api<{ parsed: Scenario }>("GET", `/api/scenarios/${n.scenarioId}/versions/${n.scenarioVersion}`),
    api<{ proposals: Proposal[] }>("GET", `/api/negotiations/${id}/proposals`),
  ]);
  const data: NegotiationData = {
    ctx,
    n,
    scenario: version.parsed,
    proposals,
    standing: standingIn(ctx.me, id),
  };
  const s = data.standing;
  const roles = describeRoles(ctx.me, id, (a) => actorName(data.scenario, a));
  return h(
    "main",
    { id: "main" },
    h("h1", { tabindex: "-1" }, n.title),
    h(
      "p",
      { class: "lead" },
      `${n.venue} · scenario “${data.scenario.title}” (version ${n.scenarioVersion}) · opened ${formatTime(n.createdAt)}`,
    ),
    h(
      "p",
      { class: "you" },
      "Your role here: ",
      h("strong", null, roles || "none"),
      " ",
      h("button", { type: "button", class: "secondary small", onclick: () => ctx.refresh() }, "Reload"),
    ),
    h("p", null, h("a", { href: `#/negotiations/${id}/table`, class: "button-link" }, t("table.open.link"))),
    h("p", null, h("a", { href: `#/negotiations/${id}/record` }, t("record.open"))),
    data.scenario.agreement
      ? h("p", null, h("a", { href: `#/negotiations/${id}/monitoring` }, t("monitor.open")))
      : null,
    s.isMediator ? preactPanel(preactH(ZonePanel, { id, scenario: data.scenario })) : null,
    h(
      "div",
      { class: "columns" },
      h(
        "div",
        { class: "col-main" },
        preactPanel(preactH(ProposalsPanel, { id, scenario: data.scenario, proposals, standing: s })),
      ),
      h(
        "div",
        { class: "col-side" },
        preactPanel(preactH(MembersPanel, { n, scenario: data.scenario, standing: s })),
      ),
    ),
    ...s.delegationActors.map((actor) =>
      preactPanel(preactH(PrivatePanel, { id, scenario: data.scenario, actor })),
    ),
    s.canReadAudit ? await negotiationAudit(data) : null,
  );
}

/** Mounts a Preact panel inside this (old-style) page; app/legacy.ts unmounts it when the page is rebuilt. */
function preactPanel(vnode: ComponentChild): HTMLElement {
  const host = h("div", { class: "preact-host" });
  render(vnode, host);
  return host;
}

async function negotiationAudit(d: NegotiationData): Promise<HTMLElement> {
  const entries = await allEntries(`/api/negotiations/${d.n.id}/audit`);
  return section(
    "Audit log of this negotiation",
    "negotiation-audit",
    h(
      "p",
      { class: "note" },
      "Every proposal, lodging of private positions (as a digest only) and mediator question is recorded here, so each delegation sees how often the mediator asked.",
    ),
    d.standing.canVerifyChain ? verifyButton() : null,
    auditTable(entries),
  );
}
