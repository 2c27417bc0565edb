/** A seeded pseudo-random generator: each call returns a double in [0, 1). */
export type Random = () => number;

/**
 * Mulberry32 (Tommy Ettinger, public domain): 32-bit state, fast, good enough for Monte Carlo
 * estimates whose error is reported. The engine never reads a global random source.
 */
export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
