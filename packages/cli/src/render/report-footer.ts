import { contentHash, ENGINE_VERSION } from "@entente/core";
import { esc } from "./html.js";

/** What a report was computed from: engine version, content hash of its input, seed and settings. */
export interface ReportOrigin {
  /** What was hashed, e.g. "scenario ukraine-security-guarantees" or "agreement minsk-ii and 25 events". */
  input: string;
  /** The input itself (hashed as canonical JSON, as the analysis service does). */
  content: unknown;
  seed?: number;
  /** Further settings that change the numbers (model, draws, budget…). */
  settings?: string[];
}

/**
 * The provenance line of a command's report (the `analyze` report carries core's own, see
 * provenance.ts): "entente 0.1.0 · scenario X sha256:… · seed 1 · model ensemble".
 */
export function provenanceText(o: ReportOrigin): string {
  const hash = contentHash(o.content);
  return [
    `entente ${ENGINE_VERSION}`,
    `${o.input} ${hash.slice(0, 19)}…`,
    ...(o.seed !== undefined ? [`seed ${o.seed}`] : []),
    ...(o.settings ?? []),
  ].join(" · ");
}

/** The provenance as the foot of an HTML report (the full hash in a tooltip). */
export function provenanceFooter(o: ReportOrigin): string {
  return `<footer class="dim" id="provenance"><p title="${esc(contentHash(o.content))}">Provenance: ${esc(provenanceText(o))}</p></footer>`;
}

/** An HTML page with the provenance footer added at the end of its body. */
export function withProvenance(page: string, o: ReportOrigin): string {
  return page.replace(/<\/body>/, `${provenanceFooter(o)}\n</body>`);
}
