/**
 * A number as the en-GB locale writes it by default — thousands grouped by commas, at most three
 * decimals, trailing zeros dropped ("1,234,567", "0.5") — without `toLocaleString`, whose first call
 * loads ICU locale data (about 20 ms, a noticeable share of a CLI run). Exact for |x| up to 2^53.
 */
export function groupDigits(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  const negative = x < 0;
  const fixed = Math.abs(x).toFixed(3);
  const [whole, frac] = fixed.split(".") as [string, string];
  const decimals = frac.replace(/0+$/, "");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const body = decimals ? `${grouped}.${decimals}` : grouped;
  return negative ? `-${body}` : body;
}
