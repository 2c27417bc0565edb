/** One difference between two JSON values, at a JSON-pointer-like path ("actors/0/name"). */
export interface JsonChange {
  path: string;
  op: "added" | "removed" | "changed";
  before?: unknown;
  after?: unknown;
}

/**
 * Structural diff of two JSON values, used to compare scenario versions. Arrays of objects that all
 * carry an `id` (actors, issues, options) are matched by id, so inserting an actor does not report
 * every later actor as changed; other arrays are compared by index.
 */
export function jsonDiff(before: unknown, after: unknown, path = ""): JsonChange[] {
  if (Object.is(before, after)) return [];
  const here = path || "/";
  if (Array.isArray(before) && Array.isArray(after)) {
    const keyed = (a: unknown[]) =>
      a.every((x) => x !== null && typeof x === "object" && typeof (x as { id?: unknown }).id === "string");
    if (keyed(before) && keyed(after)) {
      const byId = (a: unknown[]) => new Map(a.map((x) => [(x as { id: string }).id, x]));
      return diffMaps(byId(before), byId(after), path);
    }
    return diffMaps(
      new Map(before.map((x, i) => [String(i), x])),
      new Map(after.map((x, i) => [String(i), x])),
      path,
    );
  }
  if (isObject(before) && isObject(after)) {
    return diffMaps(new Map(Object.entries(before)), new Map(Object.entries(after)), path);
  }
  return [{ path: here, op: "changed", before, after }];
}

function diffMaps(a: Map<string, unknown>, b: Map<string, unknown>, path: string): JsonChange[] {
  const out: JsonChange[] = [];
  for (const [k, v] of a) {
    const p = `${path}/${k}`;
    if (!b.has(k)) out.push({ path: p, op: "removed", before: v });
    else out.push(...jsonDiff(v, b.get(k), p));
  }
  for (const [k, v] of b) if (!a.has(k)) out.push({ path: `${path}/${k}`, op: "added", after: v });
  return out;
}

const isObject = (x: unknown): x is Record<string, unknown> =>
  x !== null && typeof x === "object" && !Array.isArray(x);
