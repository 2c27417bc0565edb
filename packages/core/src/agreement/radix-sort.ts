/**
 * Indices 0..n−1 ordered by ascending key, by an LSD radix sort on the keys' IEEE-754 bits (four
 * 16-bit passes; negative keys handled by the usual sign flip). Several times faster than a
 * comparator sort in V8 for the hundreds of thousands of half-packages meet in the middle sorts.
 */
export function sortIndicesByKey(keys: Float64Array): Int32Array {
  const n = keys.length;
  const bits = new Uint32Array(keys.buffer, keys.byteOffset, n * 2).slice();
  // Make the unsigned 64-bit order match the numeric order: flip all bits of negatives, the sign bit of the rest.
  for (let i = 0; i < n; i++) {
    const hi = bits[2 * i + 1]!;
    if (hi & 0x80000000) {
      bits[2 * i] = ~bits[2 * i]! >>> 0;
      bits[2 * i + 1] = ~hi >>> 0;
    } else bits[2 * i + 1] = (hi | 0x80000000) >>> 0;
  }
  let idx = new Int32Array(n);
  for (let i = 0; i < n; i++) idx[i] = i;
  let tmp = new Int32Array(n);
  const countBuf = new Int32Array(65537);
  for (let pass = 0; pass < 4; pass++) {
    const word = pass >> 1; // 0: low 32 bits, 1: high 32 bits (little-endian words)
    const shift = (pass & 1) * 16;
    countBuf.fill(0);
    for (let i = 0; i < n; i++) countBuf[((bits[2 * idx[i]! + word]! >>> shift) & 0xffff) + 1]!++;
    for (let b = 0; b < 65536; b++) countBuf[b + 1]! += countBuf[b]!;
    for (let i = 0; i < n; i++) {
      const j = idx[i]!;
      tmp[countBuf[(bits[2 * j + word]! >>> shift) & 0xffff]!++] = j;
    }
    const t = idx;
    idx = tmp;
    tmp = t;
  }
  return idx;
}
