import { CHART_CSS } from "@entente/charts/palette";

/** Escapes text for HTML and SVG content and attribute values: scenario text is user input. */
export function esc(s: unknown): string {
  return String(s)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** A self-contained HTML page (inline CSS, no scripts, no external resources). */
export function htmlPage(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${esc(title)}</title>
<style>
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2rem auto; max-width: 980px; color: #1d2433; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; } h2 { margin-top: 2.2rem; border-bottom: 2px solid #dde3ec; padding-bottom: .2rem; }
h3 { margin: 1.6rem 0 .3rem; } .dim { color: #6b7689; } .bad { color: #b42318; font-weight: 600; } .ok { color: #067647; }
table { border-collapse: collapse; margin: .4rem 0 1rem; font-size: 13px; } th, td { padding: .25rem .6rem; text-align: left; border-bottom: 1px solid #e6eaf0; vertical-align: top; }
th { background: #f4f6fa; } td.n { text-align: right; font-variant-numeric: tabular-nums; }
.finding { background: #fff8e6; border-left: 4px solid #f5a524; padding: .5rem .8rem; margin: .5rem 0; }
svg { display: block; margin: .3rem 0 .6rem; max-width: 100%; height: auto; } svg.dot { display: inline; margin: 0; width: 12px; height: 12px; } .src { font-size: 12px; color: #6b7689; }
${CHART_CSS}
</style>
</head>
<body>
${body}
</body>
</html>
`;
}

/** An HTML table from header cells and rows of already-escaped cell HTML; numeric columns right-aligned. */
export function htmlTable(
  headers: readonly string[],
  rows: ReadonlyArray<readonly string[]>,
  numeric: readonly number[] = [],
): string {
  const th = headers.map((h) => `<th>${esc(h)}</th>`).join("");
  const tr = rows
    .map(
      (r) =>
        `<tr>${r.map((c, i) => `<td${numeric.includes(i) ? ' class="n"' : ""}>${c}</td>`).join("")}</tr>`,
    )
    .join("\n");
  return `<table><thead><tr>${th}</tr></thead><tbody>\n${tr}\n</tbody></table>`;
}
