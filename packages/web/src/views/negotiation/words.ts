/// <reference lib="dom" />
import type { Issue } from "@entente/core";
import { h } from "preact";
import { FullLabel } from "../../ui/components.js";

/** An issue's name as a label that is never cut without its full text. */
export function issueLabel(iss: Issue) {
  return h(FullLabel, { text: iss.name });
}

/** A value of an issue in words: the option's label, or the number with its unit ("85,000 personnel"). */
export function valueText(iss: Issue, x: string | number | undefined): string {
  if (x === undefined) return "—";
  if (iss.kind === "numeric") return `${Number(x).toLocaleString("en-US")} ${iss.unit}`;
  return iss.options.find((o) => o.id === x)?.label ?? String(x);
}
