import type { ForecastSection } from "@entente/core";
import { agreementSectionRenderer } from "./render/agreement.js";
import { complianceSectionRenderer } from "./render/compliance.js";
import { renderForecastHtml, renderForecastText } from "./render/forecast.js";
import { guaranteesRenderer } from "./render/guarantees.js";
import { actorColours } from "./render/issue-chart.js";
import type { SectionRenderer } from "./render/sections.js";

/**
 * How each engine's section of `entente analyze` is shown in the terminal and in the HTML report.
 * The sections themselves are built by the analysis service in core (`runAnalysis`), the same for
 * the CLI, the API and the job workers.
 */
export const reportSectionRenderers: SectionRenderer[] = [
  guaranteesRenderer,
  {
    name: "forecast",
    title: "Outcome forecasts by bargaining models",
    text: (d) => renderForecastText(d as ForecastSection),
    html: (d, report) =>
      renderForecastHtml(
        d as ForecastSection,
        actorColours(report),
        new Map(report.actors.map((a) => [a.id, a.name])),
      ),
  },
  agreementSectionRenderer,
  complianceSectionRenderer,
];
