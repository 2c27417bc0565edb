import type * as Charts from "@entente/charts";

/** The chart components and the DOM document they render into (see @entente/charts). */
export type ChartKit = typeof Charts & { doc: Charts.ChartDocument };

let kit: ChartKit | undefined;

/**
 * Loads the chart components (Observable Plot and linkedom, a few hundred KB) for a command that
 * writes an HTML report. Only such commands call this: a text-only command never loads them.
 */
export async function loadChartKit(): Promise<ChartKit> {
  if (!kit) {
    const [charts, node] = await Promise.all([import("@entente/charts"), import("@entente/charts/node")]);
    kit = { ...charts, doc: node.nodeDocument() };
  }
  return kit;
}

/** The chart components when loaded (HTML output), else undefined: renderers then leave charts out. */
export function chartKit(): ChartKit | undefined {
  return kit;
}
