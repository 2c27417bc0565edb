import {
  type AgreementSection,
  buildAgreementSection,
  buildForecastSection,
  type ForecastSection,
} from "@entente/core";
import type { SectionBuilder } from "./commands/analyze.js";
import { guaranteesSection } from "./commands/power.js";
import { renderAgreementHtml, renderAgreementText } from "./render/agreement.js";
import { renderForecastHtml, renderForecastText } from "./render/forecast.js";
import { guaranteesRenderer } from "./render/guarantees.js";
import type { SectionRenderer } from "./render/sections.js";

/**
 * The engines' sections of `entente analyze`, in report order: guarantees (voting power and stress
 * test), forecast (bargaining models), agreement (the zone of agreement). Each builder is pure.
 */
export const reportSectionBuilders: SectionBuilder[] = [
  guaranteesSection,
  (s) => ({ name: "forecast", data: buildForecastSection(s) }),
  (s) => ({ name: "agreement", data: buildAgreementSection(s) }),
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
  {
    name: "agreement",
    title: "Agreement space",
    text: (d) => renderAgreementText(d as AgreementSection),
    html: (d) => renderAgreementHtml(d as AgreementSection),
  },
];
