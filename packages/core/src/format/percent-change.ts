/**
 * A relative change (0.45 = +45%) as a mediator reads it: whole percents from 9.5%, one decimal
 * below that, and "less than 0.1%" for a change too small to show — never a bare "0%" for a change
 * that is there.
 */
export function percentChange(r: number): string {
  const p = Math.abs(r) * 100;
  if (p >= 9.5) return `${p.toFixed(0)}%`;
  if (p >= 0.095) return `${p.toFixed(1)}%`;
  return p === 0 ? "0%" : "less than 0.1%";
}
