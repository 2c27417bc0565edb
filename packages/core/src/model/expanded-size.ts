/**
 * Limits on a document *after* alias expansion. YAML aliases let a small file stand for a huge
 * value: a 513 KiB file whose one 400 KB string is aliased 1,000 times validates quickly but is
 * 401 MB once written out as JSON. Both YAML parsers share an aliased node instead of copying it,
 * so these limits are checked on the loaded value by walking it as if expanded, stopping as soon
 * as one limit is passed — the walk never costs more than the limits themselves.
 */
export interface ExpansionLimits {
  /** Values (mappings, lists and scalars) after expansion. @default 1_000_000 */
  maxValues: number;
  /** Characters in all strings (keys included) after expansion. @default 16_777_216 */
  maxStringChars: number;
  /** Nesting of mappings and lists. @default 64 */
  maxDepth: number;
}

/** The default scenario has about 6,000 values, 60,000 characters and depth 7; these leave room. */
export const DEFAULT_EXPANSION_LIMITS: ExpansionLimits = {
  maxValues: 1_000_000,
  maxStringChars: 16 * 1024 * 1024,
  maxDepth: 64,
};

/** Which limit a document passed, in words a user can act on; undefined when it stays within all. */
export function exceedsExpansionLimits(data: unknown, limits: ExpansionLimits): string | undefined {
  let values = 0;
  let chars = 0;
  // Two parallel stacks instead of one of {value, depth} pairs: no allocation per value.
  const stack: unknown[] = [data];
  const depths: number[] = [0];
  while (stack.length > 0) {
    const value = stack.pop();
    const depth = depths.pop()!;
    if (++values > limits.maxValues)
      return `the document expands (aliases included) to more than ${limits.maxValues.toLocaleString("en-US")} values`;
    if (typeof value === "string") chars += value.length;
    else if (value !== null && typeof value === "object") {
      if (depth >= limits.maxDepth) return `the document nests deeper than ${limits.maxDepth} levels`;
      if (Array.isArray(value))
        for (const v of value) {
          stack.push(v);
          depths.push(depth + 1);
        }
      else
        for (const k in value) {
          chars += k.length;
          stack.push((value as Record<string, unknown>)[k]);
          depths.push(depth + 1);
        }
    }
    if (chars > limits.maxStringChars)
      return `the document's strings expand (aliases included) to more than ${limits.maxStringChars.toLocaleString("en-US")} characters`;
  }
  return undefined;
}
