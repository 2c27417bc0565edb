/// <reference lib="dom" />
/**
 * The building blocks every screen uses: the page frame with its focused heading, sections,
 * labelled fields, error panels in words, labels that are never cut without their full text, and
 * `useLoad` for a screen's data (reloaded by `refresh()` and live events).
 */
import { type ComponentChildren, cloneElement, h, isValidElement, type VNode } from "preact";
import { useEffect, useId, useRef, useState } from "preact/hooks";
import { ApiFailure } from "../api/client.js";
import type { ApiIssue } from "../api/types.js";
import { focusRequest, refreshCount } from "../app/state.js";
import { t } from "../i18n/index.js";
import { describeIssue, type IssueContext } from "./errors.js";

export { focusRequest } from "../app/state.js";

/**
 * A screen's frame: `<main id="main">` with its h1 (which takes focus when the screen changes, so
 * screen-reader and keyboard users start at the top of the new screen).
 */
export function Page(props: { title: string; class?: string; children?: ComponentChildren }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focusRequest.pending) {
      focusRequest.pending = false;
      heading.current?.focus();
    }
  }, []);
  return h(
    "main",
    { id: "main", class: props.class },
    h("h1", { tabIndex: -1, ref: heading }, props.title),
    props.children,
  );
}

/** A titled section; the heading labels the region for landmark navigation. */
export function Section(props: { title: string; name: string; children?: ComponentChildren }) {
  const id = `sec-${props.name}`;
  return h(
    "section",
    { class: `panel ${props.name}`, "aria-labelledby": id },
    h("h2", { id }, props.title),
    props.children,
  );
}

/**
 * A labelled form field: the label comes first and names the control (given as the only child;
 * it receives the id) for assistive technology; a hint is tied to it with aria-describedby.
 */
export function Field(props: { label: ComponentChildren; hint?: string; children?: ComponentChildren }) {
  const id = useId();
  const hintId = `${id}-hint`;
  const child = props.children;
  const control = isValidElement(child)
    ? cloneElement(child as VNode, { id, ...(props.hint ? { "aria-describedby": hintId } : {}) })
    : child;
  return h(
    "div",
    { class: "field" },
    h("label", { for: id }, props.label),
    control,
    props.hint ? h("small", { id: hintId, class: "hint" }, props.hint) : null,
  );
}

/**
 * A label that may be too long for its box: it is cut with an ellipsis by CSS only, and the full
 * text stays in the DOM (screen readers read all of it) and in the tooltip on hover.
 */
export function FullLabel(props: { text: string; class?: string }) {
  return h("span", { class: `full-label ${props.class ?? ""}`.trim(), title: props.text }, props.text);
}

/**
 * An error panel: the server's message and every issue it listed, in words (issue and option
 * names, see errors.ts). role="alert" makes screen readers read it at once.
 */
export function ErrorBox(props: { error: unknown; issues?: ApiIssue[]; context?: IssueContext }) {
  const e = props.error;
  if (e === null || e === undefined) return null;
  const message = e instanceof ApiFailure ? e.message : e instanceof Error ? e.message : String(e);
  const all = [...(props.issues ?? []), ...(e instanceof ApiFailure ? e.issues : [])];
  return h(
    "div",
    { class: "error", role: "alert" },
    h("p", null, h("strong", null, t("error.notDone")), " ", message),
    all.length
      ? h(
          "ul",
          { class: "issues" },
          all.map((i) => h("li", null, describeIssue(i, props.context))),
        )
      : null,
  );
}

/** The state of a screen's data: loading, loaded, or failed. */
export type Loaded<T> =
  | { status: "loading"; data?: T }
  | { status: "ok"; data: T }
  | { status: "error"; error: unknown; data?: T };

/**
 * Loads a screen's data with `load`, again whenever `deps` change or `refresh()` is called; while
 * reloading, the last data stays shown (no flash). A newer load wins over a slower older one.
 */
export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[]): Loaded<T> {
  const [state, setState] = useState<Loaded<T>>({ status: "loading" });
  const seq = useRef(0);
  const tick = refreshCount.value;
  // Dependencies: the caller names its dependencies.
  useEffect(() => {
    const mine = ++seq.current;
    setState((s) => ({ status: "loading", ...(s.data !== undefined ? { data: s.data } : {}) }));
    load().then(
      (data) => {
        if (mine === seq.current) setState({ status: "ok", data });
      },
      (error: unknown) => {
        if (mine === seq.current)
          setState((s) => ({ status: "error", error, ...(s.data !== undefined ? { data: s.data } : {}) }));
      },
    );
  }, [...deps, tick]);
  return state;
}

/**
 * Draws a loaded state: the content once data is there, "Loading…" before, the error in words if
 * it failed (above the last data, if any). A function, not a component, so that `T` is inferred:
 * `loaded(state, (data) => h(...))`.
 */
export function loaded<T>(s: Loaded<T>, render: (data: T) => ComponentChildren) {
  return h(
    "div",
    { "aria-busy": s.status === "loading" ? "true" : "false", class: "loaded" },
    s.status === "error" ? h(ErrorBox, { error: s.error }) : null,
    s.data !== undefined ? render(s.data) : s.status === "loading" ? h("p", null, t("app.loading")) : null,
  );
}

/**
 * The same as {@link loaded}, as a component: `h(Loading<T>, { state, children: (data) => … })`
 * (name `T` with an instantiation expression; `h()` does not infer it).
 */
export function Loading<T>(props: { state: Loaded<T>; children: (data: T) => ComponentChildren }) {
  return loaded(props.state, props.children);
}
