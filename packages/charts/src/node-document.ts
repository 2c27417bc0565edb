import { parseHTML } from "linkedom";

/**
 * A DOM document for rendering charts to SVG text in Node. linkedom rather than jsdom: Plot needs
 * only element creation, attributes and serialisation (no layout, no scripts), which linkedom
 * provides in a fraction of jsdom's load time and size; in the browser the page's own `document` is
 * passed instead.
 */
export function nodeDocument(): unknown {
  return parseHTML("<!doctype html><html><head></head><body></body></html>").document;
}
