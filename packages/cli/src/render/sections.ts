import type { AnalysisReport } from "@entente/core";

/**
 * How one engine's section of the analysis report is shown. Each engine contributes its data under
 * `report.sections[name]`, and a renderer for the terminal and for the HTML report.
 */
export interface SectionRenderer {
  name: string;
  title: string;
  text(data: unknown, report: AnalysisReport): string;
  html(data: unknown, report: AnalysisReport): string;
}
