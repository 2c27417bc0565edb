/// <reference lib="dom" />
/**
 * The heavy half of ./chart.ts, loaded on first use (its own chunk): the chart components of
 * @entente/charts (Observable Plot) render into linkedom's document, a DOM written in JavaScript
 * that the page's Content-Security-Policy does not govern, and the markup is then rebuilt as real
 * elements with its inline styles moved to the CSSOM (`el.style.cssText`, constructed style
 * sheets), which `style-src 'self'` allows. Parsing the markup into the page (innerHTML, DOMParser,
 * even an inert document) would apply those styles as inline styles and break the CSP.
 */
import * as charts from "@entente/charts";
import { parseHTML } from "linkedom";

export { charts };

/** A fresh document for a chart to render into. */
export function chartDocument(): unknown {
  return parseHTML("<!doctype html><html><head></head><body></body></html>").document;
}

const SVG_NS = "http://www.w3.org/2000/svg";
const XHTML_NS = "http://www.w3.org/1999/xhtml";
const adopted = new Set<string>();

interface LNode {
  nodeType: number;
  nodeName: string;
  localName?: string;
  namespaceURI?: string | null;
  textContent: string | null;
  childNodes: ArrayLike<LNode>;
  attributes?: ArrayLike<{ name: string; value: string }>;
}

function adoptSheet(css: string): void {
  if (adopted.has(css)) return;
  adopted.add(css);
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(css);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
}

function rebuild(n: LNode, inSvg: boolean): Node | null {
  if (n.nodeType === 3) return document.createTextNode(n.textContent ?? "");
  if (n.nodeType !== 1) return null;
  const tag = (n.localName ?? n.nodeName).toLowerCase();
  if (tag === "style") {
    adoptSheet(n.textContent ?? "");
    return null;
  }
  const svg = inSvg || tag === "svg";
  const el = svg ? document.createElementNS(SVG_NS, tag) : document.createElementNS(XHTML_NS, tag);
  for (const a of Array.from(n.attributes ?? [])) {
    // Inside the chart's SVG (role img, named by its aria-label) marks are not exposed to assistive
    // technology, and an aria-label on a <g> without a role is not allowed (ARIA 1.2): Plot's
    // labels of its mark groups ("bar", "dot") are dropped; the figure's text and table say it all.
    if (inSvg && a.name.startsWith("aria-")) continue;
    if (a.name === "style") (el as HTMLElement | SVGElement).style.cssText = a.value;
    else if (a.name === "xmlns" || a.name.startsWith("xmlns:")) continue;
    else el.setAttribute(a.name, a.value);
  }
  for (const c of Array.from(n.childNodes)) {
    const built = rebuild(c, svg && tag !== "foreignobject");
    if (built) el.appendChild(built);
  }
  return el;
}

/** Chart markup (as @entente/charts returns it) as page elements, with no inline style left. */
export function markupToNodes(markup: string): DocumentFragment {
  const { document: parsed } = parseHTML(`<!doctype html><html><body>${markup}</body></html>`);
  const out = document.createDocumentFragment();
  for (const c of Array.from((parsed.body as unknown as LNode).childNodes)) {
    const built = rebuild(c, false);
    if (built) out.appendChild(built);
  }
  return out;
}
