import { z } from "zod";
import { forecastModelNames } from "../forecast/model-types.js";
import { REPORT_SECTIONS } from "./service.js";

/**
 * The JSON form of {@link AnalysisOptions} (e.g. the `options` of `POST /api/analyses` and of a
 * job's payload). Types only: ranges are checked by resolveAnalysisOptions.
 */
export const analysisOptionsSchema = z.strictObject({
  sections: z.array(z.enum(REPORT_SECTIONS)).max(REPORT_SECTIONS.length).optional(),
  seed: z.number().int().min(0).optional(),
  forecast: z
    .strictObject({ model: z.enum(forecastModelNames).optional(), runs: z.number().int().min(0).optional() })
    .optional(),
  budgets: z
    .strictObject({
      agreementNodes: z.number().int().min(1).optional(),
      paretoMaxPoints: z.number().int().min(1).optional(),
      estimateMaxSamples: z.number().int().min(1).optional(),
    })
    .optional(),
});
