import { PowerError } from "./errors.js";

/**
 * An exact rational number over BigInt, always in lowest terms with a positive denominator.
 * Power indices are ratios of coalition counts that exceed 2^53 for games above ~50 players, so
 * floating point would silently lose digits; this type never does.
 */
export interface Rational {
  readonly num: bigint;
  readonly den: bigint;
}

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) {
    const t = x % y;
    x = y;
    y = t;
  }
  return x;
}

/** Builds num/den in lowest terms; throws a `division_by_zero` PowerError when den is 0. */
export function rational(num: bigint | number, den: bigint | number = 1n): Rational {
  let n = BigInt(num);
  let d = BigInt(den);
  if (d === 0n) throw new PowerError("division_by_zero", "a rational number needs a non-zero denominator");
  if (d < 0n) {
    n = -n;
    d = -d;
  }
  const g = gcd(n, d);
  return g > 1n ? { num: n / g, den: d / g } : { num: n, den: d };
}

/** 0 as a Rational. */
export const RATIONAL_ZERO: Rational = { num: 0n, den: 1n };
/** 1 as a Rational. */
export const RATIONAL_ONE: Rational = { num: 1n, den: 1n };

/** a + b, exact. */
export function addRational(a: Rational, b: Rational): Rational {
  if (a.den === b.den) return rational(a.num + b.num, a.den);
  return rational(a.num * b.den + b.num * a.den, a.den * b.den);
}

/** a − b, exact. */
export function subRational(a: Rational, b: Rational): Rational {
  return rational(a.num * b.den - b.num * a.den, a.den * b.den);
}

/** a · b, exact. */
export function mulRational(a: Rational, b: Rational): Rational {
  return rational(a.num * b.num, a.den * b.den);
}

/** a / b, exact; throws `division_by_zero` when b is 0. */
export function divRational(a: Rational, b: Rational): Rational {
  return rational(a.num * b.den, a.den * b.num);
}

/** -1, 0 or 1 as a < b, a = b, a > b. */
export function compareRational(a: Rational, b: Rational): number {
  const l = a.num * b.den;
  const r = b.num * a.den;
  return l < r ? -1 : l > r ? 1 : 0;
}

/** Whether a = b (both are kept in lowest terms, so fields compare directly). */
export function equalsRational(a: Rational, b: Rational): boolean {
  return a.num === b.num && a.den === b.den;
}

/** The nearest double; exact digits are kept in the Rational, this is for display and charts. */
export function rationalToNumber(a: Rational): number {
  // Scale down huge operands first so Number() of each stays finite.
  const bits = Math.max(a.num.toString(2).length, a.den.toString(2).length) - 1000;
  if (bits > 0) return Number(a.num >> BigInt(bits)) / Number(a.den >> BigInt(bits));
  return Number(a.num) / Number(a.den);
}

/** "421/2145", or "3" for an integer. */
export function formatRational(a: Rational): string {
  return a.den === 1n ? a.num.toString() : `${a.num}/${a.den}`;
}

/**
 * The exact value of a finite double written as a decimal, e.g. 0.65 → 13/20 (not the binary
 * 0.65000000000000002220…), because shares and probabilities in scenarios are written in decimal.
 */
export function rationalFromDecimal(x: number): Rational {
  if (!Number.isFinite(x)) throw new PowerError("invalid_probability", `expected a finite number, got ${x}`);
  const s = x.toString();
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(s);
  if (!m) throw new PowerError("invalid_probability", `cannot read ${s} as a decimal`);
  const digits = BigInt(`${m[2]}${m[3] ?? ""}`);
  const exp = Number(m[4] ?? 0) - (m[3]?.length ?? 0);
  const sign = m[1] ? -1n : 1n;
  return exp >= 0
    ? rational(sign * digits * 10n ** BigInt(exp))
    : rational(sign * digits, 10n ** BigInt(-exp));
}

/** Smallest integer ≥ a. */
export function ceilRational(a: Rational): bigint {
  const q = a.num / a.den;
  return a.num > 0n && q * a.den !== a.num ? q + 1n : q;
}
