import {
  type Document,
  isMap,
  isScalar,
  isSeq,
  type LineCounter,
  type Node,
  type Pair,
  type YAMLMap,
} from "yaml";

/**
 * Places field paths in a parsed YAML document. Each mapping's keys are indexed once, on first use,
 * so locating k errors in a document of n nodes costs O(n + k·depth) hash look-ups (plus a binary
 * search over line starts per error), instead of a linear scan of the mapping per error — which
 * made 95,000 unknown top-level keys take minutes.
 */
export class Locator {
  private readonly index = new WeakMap<YAMLMap, Map<string, Pair>>();

  constructor(
    private readonly doc: Document,
    private readonly lines: LineCounter,
  ) {}

  private pairs(map: YAMLMap): Map<string, Pair> {
    let byKey = this.index.get(map);
    if (!byKey) {
      byKey = new Map();
      for (const p of map.items) {
        // The first occurrence wins, as in a linear search.
        if (isScalar(p.key)) {
          const k = String(p.key.value);
          if (!byKey.has(k)) byKey.set(k, p);
        }
      }
      this.index.set(map, byKey);
    }
    return byKey;
  }

  /**
   * The 1-based line and column of the node at `path` (or, when the path leads into something
   * absent, of the nearest enclosing node). With `atKey`, the last segment resolves to the key of
   * the map entry instead of its value (for unknown fields).
   */
  locate(path: ReadonlyArray<PropertyKey>, atKey = false): { line: number; column: number } {
    let node: Node | null = this.doc.contents;
    let found: Node | null = node;
    for (let i = 0; i < path.length && node; i++) {
      const key = path[i];
      const last = i === path.length - 1;
      let next: Node | null = null;
      if (isMap(node)) {
        const pair = this.pairs(node).get(String(key));
        if (pair)
          next = atKey && last ? (pair.key as Node) : ((pair.value as Node | null) ?? (pair.key as Node));
      } else if (isSeq(node) && typeof key === "number") {
        next = (node.items[key] as Node | undefined) ?? null;
      }
      node = next;
      if (node) found = node;
    }
    const offset = found?.range?.[0] ?? 0;
    const pos = this.lines.linePos(offset);
    return { line: pos.line, column: pos.col };
  }
}

/**
 * Finds the YAML node at `path` and returns its 1-based line and column (see {@link Locator}; to
 * place many paths in one document, make one Locator and reuse it).
 */
export function locate(
  doc: Document,
  lines: LineCounter,
  path: ReadonlyArray<PropertyKey>,
  atKey = false,
): { line: number; column: number } {
  return new Locator(doc, lines).locate(path, atKey);
}
