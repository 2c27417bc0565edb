import { weightedMean } from "./baseline.js";
import type { IssueSpec } from "./forecast-input.js";
import { toUnit } from "./forecast-input.js";

/** What the procedural model needs to know about how an issue is decided (all on 0..100). */
export interface ProceduralContext {
  /** The reference point: the outcome if no decision is taken. */
  referencePoint: number;
  procedure: "codecision" | "consultation";
  councilRule: "qmv" | "unanimity";
  /** The actor that proposes (the Commission); absent: the compromise point proposes. */
  agendaSetter?: string;
  /** The European Parliament's actor id; under codecision it must prefer the outcome to the reference point. */
  parliament?: string;
}

export interface ProceduralOptions {
  /**
   * Share of Council voting weight (capability) a qualified majority needs. 0.74: the Nice Treaty's
   * 255 of 345 weighted votes (73.9%), the rule for most of DEU III's period.
   * @default 0.74
   */
  qmvThreshold?: number;
}

/**
 * The edge of the reference point's win set on one side: the farthest point from `rp` toward
 * `side` (±1) that a `share` of the weight prefers to `rp`. A voter at x on that side prefers every
 * point strictly between rp and 2x − rp, so the edge is the weighted `share` quantile (from the
 * far end) of the points 2x − rp. Returns rp when no such point exists.
 */
export function winSetEdge(
  xs: ArrayLike<number>,
  ws: ArrayLike<number>,
  rp: number,
  side: 1 | -1,
  share: number,
): number {
  let total = 0;
  const reach: Array<[number, number]> = [];
  for (let i = 0; i < xs.length; i++) {
    const w = ws[i]!;
    if (!(w > 0)) continue;
    total += w;
    const d = (xs[i]! - rp) * side;
    if (d > 0) reach.push([2 * d, w]);
  }
  reach.sort((a, b) => b[0] - a[0]);
  const need = share * total * (1 - 1e-12);
  let acc = 0;
  for (const [d, w] of reach) {
    acc += w;
    if (acc >= need) return rp + side * d;
  }
  return rp;
}

/**
 * A procedural model of EU legislation in the spirit of those Thomson et al. (*The European Union
 * Decides*, 2006, ch. 4–6) compare, after Steunenberg (1994) and Tsebelis & Garrett (2000): the
 * Commission, as agenda setter, proposes the point nearest its own position that a qualified
 * majority of the Council (capability-weighted; all of it under unanimity) prefers to the reference
 * point and, under codecision, that the Parliament prefers too. One dimension; the outcome is on
 * 0..100. Without an agenda setter the weighted mean proposes.
 */
export function proceduralOutcome(
  spec: IssueSpec,
  ctx: ProceduralContext,
  options: ProceduralOptions = {},
): number {
  const xs: number[] = [];
  const caps: number[] = [];
  const ws: number[] = [];
  let setter: number | undefined;
  let parliament: number | undefined;
  for (const s of spec.stakes) {
    const x = toUnit(spec.issue, s.ideal);
    xs.push(x);
    ws.push(s.capability * s.salience);
    if (s.actor === ctx.agendaSetter) setter = x;
    else if (s.actor === ctx.parliament) parliament = x;
    caps.push(s.actor === ctx.agendaSetter || s.actor === ctx.parliament ? 0 : s.capability);
  }
  const proposer = setter ?? weightedMean(xs, ws);
  const rp = ctx.referencePoint;
  if (proposer === rp) return rp;
  const side: 1 | -1 = proposer > rp ? 1 : -1;
  const share = ctx.councilRule === "unanimity" ? 1 : (options.qmvThreshold ?? 0.74);
  let edge = winSetEdge(xs, caps, rp, side, share);
  if (ctx.procedure === "codecision" && parliament !== undefined) {
    const ep = (parliament - rp) * side > 0 ? rp + 2 * (parliament - rp) : rp;
    edge = side > 0 ? Math.min(edge, ep) : Math.max(edge, ep);
  }
  // The nearest point to the proposer in the (closed) interval between rp and the edge.
  return side > 0 ? Math.min(proposer, edge) : Math.max(proposer, edge);
}
