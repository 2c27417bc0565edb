import { type AgreementSpace, createSpace, type IssueStance } from "./space.js";

/** A small seeded PRNG (mulberry32): the engine never reads Math.random. */
export function mulberry32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface RandomSpaceOptions {
  issues: number;
  options: number;
  actors: number;
  /**
   * "camps": two opposed blocs with noisy ideals on ordered issues (what real talks look like);
   * "uniform": independent uniform utilities per option (the hardest case for bounds).
   * @default "camps"
   */
  shape?: "camps" | "uniform";
  /** Probability that an actor has a red line on an issue (rejecting the far end). @default 0.15 */
  redLineRate?: number;
}

/**
 * A seeded random agreement space for tests and benchmarks. Ordinal issues with linear utility
 * around each actor's ideal, saliences in [0.1, 1], a random status quo as the disagreement point.
 */
export function randomSpace(rand: () => number, o: RandomSpaceOptions): AgreementSpace {
  const { issues: I, options: K, actors: A } = o;
  const shape = o.shape ?? "camps";
  const rate = o.redLineRate ?? 0.15;
  const stances: IssueStance[][] = [];
  for (let a = 0; a < A; a++) {
    const camp = a % 2;
    const row: IssueStance[] = [];
    for (let i = 0; i < I; i++) {
      const utility = new Array<number>(K);
      let ideal: number;
      if (shape === "uniform") {
        for (let k = 0; k < K; k++) utility[k] = rand();
        ideal = utility.indexOf(Math.max(...utility));
      } else {
        const centre = camp === 0 ? 0.2 : 0.8;
        ideal = Math.round(Math.min(1, Math.max(0, centre + (rand() - 0.5) * 0.6)) * (K - 1));
        for (let k = 0; k < K; k++) utility[k] = 1 - Math.abs(k - ideal) / (K - 1);
      }
      const st: IssueStance = { utility, salience: 0.1 + 0.9 * rand() };
      if (rand() < rate) {
        // Reject the option(s) farthest from the ideal.
        const far = ideal < (K - 1) / 2 ? K - 1 : 0;
        st.rejects = [far];
        if (rand() < 0.5 && K > 3) st.rejects.push(far === 0 ? 1 : K - 2);
      }
      row.push(st);
    }
    stances.push(row);
  }
  const statusQuo = Array.from({ length: I }, () => Math.floor(rand() * K));
  return createSpace({
    actors: Array.from({ length: A }, (_, a) => `A${a}`),
    issues: Array.from({ length: I }, (_, i) => ({
      id: `I${i}`,
      options: Array.from({ length: K }, (_, k) => `o${k}`),
    })),
    stances,
    statusQuo,
  });
}
