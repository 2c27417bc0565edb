/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import type { Scenario } from "@entente/core";
import type { ApiIssue, Me, Package } from "./api/types.js";
import { ApiFailure } from "./api.js";
import { type Child, h, replace } from "./dom.js";
import { formatIssue, packageRows, valueLabel } from "./format.js";

/** What every view gets from the shell. */
export interface Ctx {
  me: Me;
  /** Announces a short outcome in the polite live region ("Proposal 4 tabled"). */
  announce(message: string): void;
  /** Re-renders the current view with fresh data. */
  refresh(): void;
}

/**
 * An error panel listing every issue the API returned. role="alert" makes screen readers read it
 * at once; the list keeps each line:column and field path so the person can find the spot.
 */
export function errorBox(err: unknown, issues: ApiIssue[] = []): HTMLElement {
  const message =
    err instanceof ApiFailure ? err.message : err instanceof Error ? err.message : String(err ?? "");
  const all = [...issues, ...(err instanceof ApiFailure ? err.issues : [])];
  return h(
    "div",
    { class: "error", role: "alert" },
    h("p", null, h("strong", null, "Not done: "), message),
    all.length
      ? h(
          "ul",
          { class: "issues" },
          all.map((i) => h("li", null, formatIssue(i))),
        )
      : null,
  );
}

/** Renders an async action's error into `slot`, or clears it. */
export function showError(slot: Element, err: unknown, issues: ApiIssue[] = []): void {
  if (err === null) replace(slot);
  else replace(slot, errorBox(err, issues));
}

/** A titled section; the heading labels the region for landmark navigation. */
export function section(title: string, cls: string, ...children: Child[]): HTMLElement {
  const id = `sec-${cls}`;
  return h("section", { class: `panel ${cls}`, "aria-labelledby": id }, h("h2", { id }, title), ...children);
}

/** A package as a two-column table (issue, value). */
export function packageTable(s: Scenario, pkg: Package, caption?: string): HTMLTableElement {
  return h(
    "table",
    { class: "package" },
    caption ? h("caption", null, caption) : null,
    h(
      "tbody",
      null,
      packageRows(s, pkg).map((r) =>
        h("tr", null, h("th", { scope: "row" }, r.issue), h("td", null, r.value)),
      ),
    ),
  );
}

/**
 * Runs a form's submit handler with the button disabled meanwhile, so a double click does not
 * table a proposal twice.
 */
export function onSubmit(form: HTMLFormElement, run: () => Promise<void>): void {
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const buttons = [...form.querySelectorAll("button")];
    for (const b of buttons) b.disabled = true;
    try {
      await run();
    } finally {
      for (const b of buttons) b.disabled = false;
    }
  });
}

/** Reads a form's named controls as strings (checkboxes: "on" or absent). */
export function formValues(form: HTMLFormElement): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of new FormData(form)) if (typeof v === "string") out[k] = v;
  return out;
}

/** Several packages side by side (rows: issues; columns: packages), with the differing rows marked. */
export function comparisonTable(
  s: Scenario,
  columns: ReadonlyArray<{ label: string; package: Package }>,
  caption: string,
): HTMLTableElement {
  return h(
    "table",
    { class: "package compare" },
    h("caption", null, caption),
    h(
      "thead",
      null,
      h(
        "tr",
        null,
        h("th", { scope: "col" }, "Issue"),
        columns.map((c) => h("th", { scope: "col" }, c.label)),
      ),
    ),
    h(
      "tbody",
      null,
      s.issues.map((i) => {
        const values = columns.map((c) => valueLabel(i, c.package[i.id]));
        const differs = new Set(values).size > 1;
        return h(
          "tr",
          { class: differs ? "differs" : null },
          h("th", { scope: "row" }, i.name),
          values.map((v) => h("td", null, v)),
        );
      }),
    ),
  );
}
