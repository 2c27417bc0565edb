import { buildForecastSection, complianceSection, type ForecastSection } from "@entente/core";
import { agreementSectionBuilder } from "./commands/agree.js";
import type { SectionBuilder } from "./commands/analyze.js";
import { guaranteesSection } from "./commands/power.js";
import { agreementSectionRenderer } from "./render/agreement.js";
import { complianceSectionRenderer } from "./render/compliance.js";
import { renderForecastHtml, renderForecastText } from "./render/forecast.js";
import { guaranteesRenderer } from "./render/guarantees.js";
import type { SectionRenderer } from "./render/sections.js";

/**
 * The engines' sections of `entente analyze`, in report order: guarantees (voting power and stress
 * test), forecast (bargaining models), agreement (the zone of agreement), compliance (the agreement's
 * commitments and what a breach would trigger, when the scenario has an agreement). Each builder is pure.
 */
export const reportSectionBuilders: SectionBuilder[] = [
  guaranteesSection,
  (s) => ({ name: "forecast", data: buildForecastSection(s) }),
  agreementSectionBuilder,
  complianceSection,
];

/** How each engine's section is shown in the terminal and in the HTML report. */
export const reportSectionRenderers: SectionRenderer[] = [
  guaranteesRenderer,
  {
    name: "forecast",
    title: "Outcome forecasts by bargaining models",
    text: (d) => renderForecastText(d as ForecastSection),
    html: (d) => renderForecastHtml(d as ForecastSection),
  },
  agreementSectionRenderer,
  complianceSectionRenderer,
];
