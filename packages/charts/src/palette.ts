/**
 * The categorical colours of every chart in a report: the Okabe–Ito palette (Okabe & Ito, "Color
 * Universal Design", 2008), which readers with any common colour-vision deficiency can tell apart,
 * less its yellow (too pale for text on white). Past seven series, colours run out: the rest share a
 * grey and every chart labels its marks directly, so no series depends on colour alone.
 */
export const PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"] as const;

/** The colour of every series past the palette's seven. */
export const OVERFLOW_COLOUR = "#767b84";

/**
 * One colour per actor for a whole report, given the actors in order of importance (the first
 * seven get the palette's colours, the others the overflow grey), so that an actor keeps its colour
 * in every chart.
 */
export function actorColourMap(ids: readonly string[]): Map<string, string> {
  return new Map(ids.map((id, i) => [id, PALETTE[i] ?? OVERFLOW_COLOUR]));
}

/** CSS for the figures (legend swatches, the visually hidden text alternative), for the report's <style>. */
export const CHART_CSS = `figure.chart { margin: 1rem 0 1.4rem; } figure.chart figcaption { font-weight: 600; margin-bottom: .2rem; }
figure.chart .legend { font-size: 12px; margin: .2rem 0; } figure.chart .legend span { margin-right: 1rem; white-space: nowrap; }
figure.chart .legend i { display: inline-block; width: 10px; height: 10px; margin-right: 4px; vertical-align: -1px; }
figure.chart .alt { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
figure.chart details { font-size: 12px; } figure.chart svg { max-width: 100%; height: auto; }`;

/** Wraps `text` into lines of at most `max` characters at spaces. */
export function wrapLabel(text: string, max: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/)) {
    if (line && line.length + 1 + word.length > max) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}
