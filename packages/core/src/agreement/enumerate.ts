import { type AgreementSpace, UTILITY_EPS } from "./space.js";

/**
 * Visits every package of the space in odometer order with each actor's utility and whether it is
 * acceptable to all (no red line crossed, every utility ≥ its threshold). Exponential: this is the
 * test oracle and the benchmark baseline, never what answers a user.
 */
export function enumeratePackages(
  space: AgreementSpace,
  visit: (pkg: Int32Array, utilities: Float64Array, acceptable: boolean) => void,
  thresholds: ArrayLike<number> = space.disagreement,
  ignoreRedLines = false,
): void {
  const A = space.actors.length;
  const I = space.issues.length;
  const K = space.issues.map((x) => x.options.length);
  const pkg = new Int32Array(I);
  // Prefix sums per depth make each step O(A) instead of O(I·A).
  const prefix = new Float64Array((I + 1) * A);
  const okPrefix = new Uint8Array(I + 1);
  okPrefix[0] = 1;
  const fill = (from: number) => {
    for (let i = from; i < I; i++) {
      const base = pkg[i]! * A;
      let ok = okPrefix[i]!;
      for (let a = 0; a < A; a++) {
        prefix[(i + 1) * A + a] = prefix[i * A + a]! + space.util[i]![base + a]!;
        if (!ignoreRedLines && !space.allowed[i]![base + a]) ok = 0;
      }
      okPrefix[i + 1] = ok;
    }
  };
  fill(0);
  for (;;) {
    const u = prefix.subarray(I * A, I * A + A);
    let ok = okPrefix[I] === 1;
    if (ok) {
      for (let a = 0; a < A; a++) {
        if (u[a]! < thresholds[a]! - UTILITY_EPS) {
          ok = false;
          break;
        }
      }
    }
    visit(pkg, u, ok);
    let i = I - 1;
    while (i >= 0 && pkg[i] === K[i]! - 1) pkg[i--] = 0;
    if (i < 0) return;
    pkg[i]!++;
    fill(i);
  }
}
