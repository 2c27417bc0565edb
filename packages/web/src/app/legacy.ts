/// <reference lib="dom" />
/**
 * A bridge for screens still written with the old DOM builder (../dom.ts): the screen's element
 * is built from fresh API data and put in place, again on every `refresh()`. Screens move to
 * Preact components one by one; this file goes when the last one has.
 */
import { h, render } from "preact";
import { useEffect, useRef } from "preact/hooks";
import type { Me } from "../api/types.js";
import { ErrorBox, focusRequest } from "../ui/components.js";
import type { Screen, ScreenProps } from "./router.js";
import { announce, me, refresh, refreshCount } from "./state.js";

/** What an old-style view gets. */
export interface LegacyCtx {
  me: Me;
  announce(message: string): void;
  refresh(): void;
}

/** A screen made from an old-style async view builder. */
export function legacyScreen(
  build: (ctx: LegacyCtx, params: Record<string, string>) => Promise<HTMLElement>,
): Screen {
  return function LegacyScreen(props: ScreenProps) {
    const host = useRef<HTMLDivElement>(null);
    const tick = refreshCount.value;
    const key = JSON.stringify(props.params);
    // Dependencies: rebuilt when the params or the refresh count change.
    useEffect(() => {
      let alive = true;
      const user = me.value;
      if (!user) return;
      const el = host.current!;
      el.setAttribute("aria-busy", "true");
      build({ me: user, announce, refresh }, props.params).then(
        (view) => {
          if (!alive) return;
          const scrollY = window.scrollY;
          const hadFocus = el.contains(document.activeElement) && document.activeElement !== document.body;
          render(null, el);
          // Preact panels mounted inside the old view: unmount them, or they would keep reloading.
          for (const panel of el.querySelectorAll(".preact-host")) render(null, panel);
          el.replaceChildren(view);
          if (focusRequest.pending) {
            focusRequest.pending = false;
            view.querySelector<HTMLElement>("h1")?.focus();
          } else {
            window.scrollTo(0, scrollY);
            // The focused control was replaced; keep keyboard users inside the page, where they were reading.
            if (hadFocus) view.querySelector<HTMLElement>("h1")?.focus({ preventScroll: true });
          }
          el.removeAttribute("aria-busy");
        },
        (e: unknown) => {
          if (!alive) return;
          el.replaceChildren();
          render(
            h(
              "main",
              { id: "main" },
              h("h1", { tabIndex: -1 }, "Something went wrong"),
              h(ErrorBox, { error: e }),
            ),
            el,
          );
          el.removeAttribute("aria-busy");
        },
      );
      return () => {
        alive = false;
      };
    }, [key, tick]);
    // On leaving the screen, unmount the Preact panels mounted inside the old view.
    useEffect(
      () => () => {
        for (const panel of host.current?.querySelectorAll(".preact-host") ?? []) render(null, panel);
      },
      [],
    );
    return h("div", { class: "screen-host", ref: host });
  };
}
