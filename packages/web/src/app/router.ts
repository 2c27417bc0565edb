/// <reference lib="dom" />
/**
 * The router: the URL fragment ("#/negotiations/3") is the screen, so reloads and the back button
 * work. Screens are listed once in ../routes.ts, each with a path pattern (":name" matches one
 * segment) and its component, or a loader for screens that should not be in the shell's bundle.
 */
import { signal } from "@preact/signals";
import type { ComponentType } from "preact";
import { focusRequest } from "./state.js";

/** The props every screen gets: the pattern's parameters, e.g. `{ id: "3" }` for "/negotiations/:id". */
export interface ScreenProps {
  params: Record<string, string>;
}

export type Screen = ComponentType<ScreenProps>;

/** One screen: where it lives and what draws it. */
export interface RouteDef {
  /** e.g. "/negotiations/:id" */
  path: string;
  /** The screen, bundled with the shell… */
  view?: Screen;
  /** …or loaded on first visit (its own chunk): `() => import("./views/area/screen.js")`. */
  load?: () => Promise<{ default: Screen }>;
}

/** The current path ("/negotiations/3"), from the fragment; "/" and "" are "/negotiations". */
export function pathOf(hash: string): string {
  const p = hash.replace(/^#/, "").replace(/\/+$/, "");
  return p === "" || p === "/" ? "/negotiations" : p;
}

/** The current path; screens and the header follow it. */
export const currentPath = signal(pathOf(typeof location === "undefined" ? "" : location.hash));
if (typeof window !== "undefined") {
  window.addEventListener("hashchange", () => {
    focusRequest.pending = true;
    currentPath.value = pathOf(location.hash);
  });
}

/** Goes to `path` (adds a history entry). */
export function navigate(path: string): void {
  location.hash = `#${path}`;
}

/** The link target for `path`, for <a href>. */
export function href(path: string): string {
  return `#${path}`;
}

/** The route matching `path` and its parameters, or null. Ids are positive integers of up to 10 digits. */
export function match(
  routes: readonly RouteDef[],
  path: string,
): { route: RouteDef; params: Record<string, string> } | null {
  const parts = path.split("/").filter(Boolean);
  for (const route of routes) {
    const pattern = route.path.split("/").filter(Boolean);
    if (pattern.length !== parts.length) continue;
    const params: Record<string, string> = {};
    let ok = true;
    for (let i = 0; i < pattern.length && ok; i++) {
      const want = pattern[i]!;
      const got = decodeURIComponent(parts[i]!);
      if (want.startsWith(":")) {
        if (want === ":id" || want.endsWith("Id")) ok = /^[1-9][0-9]{0,9}$/.test(got);
        params[want.slice(1)] = got;
      } else ok = want === got;
    }
    if (ok) return { route, params };
  }
  return null;
}
