/// <reference lib="dom" />
import { h } from "preact";
import { t } from "../../i18n/index.js";

/**
 * A chart's legend: a swatch and the full name of everything drawn in colour. The swatch colour
 * is set through the CSSOM (a style object), which the CSP allows; a style attribute would not be.
 */
export function Legend(props: { items: ReadonlyArray<{ label: string; colour: string }> }) {
  if (!props.items.length) return null;
  return h(
    "p",
    { class: "legend" },
    h("span", { class: "visually-hidden" }, `${t("explorer.legend")}: `),
    props.items.map((i) =>
      h("span", null, h("i", { style: { background: i.colour }, "aria-hidden": "true" }), i.label),
    ),
  );
}
