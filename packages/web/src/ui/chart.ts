/// <reference lib="dom" />
/**
 * A chart from @entente/charts in a screen, loaded lazily: the chart code (Observable Plot and a
 * JavaScript DOM, ~230 kB gzipped) is a separate chunk fetched the first time a chart is drawn, so
 * the shell never carries it. Strict CSP holds: see ./chart-render.ts.
 *
 *     h(Chart, { deps: [bars], draw: (c, doc) => c.distributionChart(doc, { id, title, bars, draws }) })
 *
 * The figure (caption, legend, SVG with its text alternative, data table) is the same one the
 * HTML reports show.
 */
import { h } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { t } from "../i18n/index.js";
import { ErrorBox } from "./components.js";

type ChartsModule = typeof import("./chart-render.js");
/** The chart components (`distributionChart`, `agreementSpaceChart`, `powerChart`, `trajectoryChart`, …). */
export type Charts = ChartsModule["charts"];

let loading: Promise<ChartsModule> | null = null;
/** Loads the chart chunk (once). */
export function loadCharts(): Promise<ChartsModule> {
  loading ??= import("./chart-render.js");
  return loading;
}

/**
 * Draws one chart; `draw` returns the chart's markup for the given document. It is drawn again
 * when a value in `deps` changes (pass the data the chart shows).
 */
export function Chart(props: {
  draw: (charts: Charts, doc: unknown) => string;
  deps: readonly unknown[];
  class?: string;
}) {
  const host = useRef<HTMLDivElement>(null);
  const [error, setError] = useState<unknown>(null);
  const [ready, setReady] = useState(false);
  useEffect(() => {
    let alive = true;
    loadCharts().then(
      (m) => {
        if (!alive || !host.current) return;
        try {
          host.current.replaceChildren(m.markupToNodes(props.draw(m.charts, m.chartDocument())));
          setReady(true);
        } catch (e) {
          setError(e);
        }
      },
      (e: unknown) => alive && setError(e),
    );
    return () => {
      alive = false;
    };
    // Dependencies: redrawn when the caller's data changes.
  }, props.deps);
  return h(
    "div",
    { class: `chart-host ${props.class ?? ""}`.trim(), "aria-busy": ready ? "false" : "true" },
    error ? h(ErrorBox, { error }) : null,
    ready ? null : h("p", { class: "meta" }, t("app.loading")),
    h("div", { ref: host }),
  );
}
