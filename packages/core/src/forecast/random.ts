/**
 * Seeded randomness for the Monte Carlo. Every draw gets its own generator, derived from the run's
 * seed and the draw's index alone, so a draw's numbers do not depend on which thread computes it or
 * on what ran before it: same seed, same results, with one thread or eight.
 */
export interface Rng {
  /** Uniform on [0, 1). */
  next(): number;
  /** Standard normal (Box–Muller). */
  normal(): number;
}

/** 32-bit finaliser of MurmurHash3 (Appleby): a bijective mix that spreads nearby inputs apart. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * The generator for draw `draw` of a run seeded with `seed`: sfc32 (Chris Doty-Humphrey's Small Fast
 * Counting generator, PractRand-tested) with its state hashed from (seed, draw), then warmed up.
 */
export function drawRng(seed: number, draw: number): Rng {
  const s = seed >>> 0;
  const hi = Math.floor(seed / 2 ** 32) >>> 0;
  let a = fmix32(s ^ 0x9e3779b9);
  let b = fmix32(hi ^ Math.imul(draw + 1, 0x85ebca6b));
  let c = fmix32((draw >>> 0) ^ 0xc2b2ae35 ^ a);
  let d = fmix32(b ^ 0x27d4eb2f ^ Math.floor(draw / 2 ** 32));
  const next32 = () => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) >>> 0;
    return t;
  };
  for (let i = 0; i < 12; i++) next32();
  let spare: number | null = null;
  const next = () => next32() / 4294967296;
  return {
    next,
    normal() {
      if (spare !== null) {
        const z = spare;
        spare = null;
        return z;
      }
      let u = next();
      while (u === 0) u = next();
      const v = next();
      const r = Math.sqrt(-2 * Math.log(u));
      spare = r * Math.sin(2 * Math.PI * v);
      return r * Math.cos(2 * Math.PI * v);
    },
  };
}
