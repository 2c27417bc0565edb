import { type Document, isMap, isScalar, isSeq, type LineCounter, type Node } from "yaml";

/**
 * Finds the YAML node at `path` (or, when the path leads into something absent, the nearest
 * enclosing node) and returns its 1-based line and column. With `atKey`, the last segment
 * resolves to the key of the map entry instead of its value (for unknown fields).
 */
export function locate(
  doc: Document,
  lines: LineCounter,
  path: ReadonlyArray<PropertyKey>,
  atKey = false,
): { line: number; column: number } {
  let node: Node | null = doc.contents;
  let found: Node | null = node;
  for (let i = 0; i < path.length && node; i++) {
    const key = path[i];
    const last = i === path.length - 1;
    let next: Node | null = null;
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(key));
      if (pair)
        next = atKey && last ? (pair.key as Node) : ((pair.value as Node | null) ?? (pair.key as Node));
    } else if (isSeq(node) && typeof key === "number") {
      next = (node.items[key] as Node | undefined) ?? null;
    }
    node = next;
    if (node) found = node;
  }
  const offset = found?.range?.[0] ?? 0;
  const pos = lines.linePos(offset);
  return { line: pos.line, column: pos.col };
}
