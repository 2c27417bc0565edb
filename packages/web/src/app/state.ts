/// <reference lib="dom" />
/**
 * What the whole app shares: the signed-in user (`me`), the polite live region's message, and a
 * refresh counter that every screen's data loader follows. Screens read these signals; a signal
 * read during render subscribes the component to it.
 */
import { signal } from "@preact/signals";
import type { Me } from "../api/types.js";

/** The signed-in user and their memberships (null until loaded, or when signed out). */
export const me = signal<Me | null>(null);

/** The latest message for the polite live region (screen readers read it without moving focus). */
export const liveMessage = signal("");

/** Bumped by {@link refresh}: every `useLoad` reloads its data. */
export const refreshCount = signal(0);

/** Announces a short outcome ("Proposal 4 tabled") in the polite live region. */
export function announce(message: string): void {
  liveMessage.value = "";
  // A fresh text after a tick makes screen readers repeat an identical message.
  setTimeout(() => {
    liveMessage.value = message;
  }, 50);
}

/** Reloads the current screen's data (after a change, or when a live event says something changed). */
export function refresh(): void {
  refreshCount.value += 1;
}

/**
 * Set when the screen changes (router) and at start: the next screen to render moves focus to its
 * heading, so screen-reader and keyboard users start at the top of the new screen.
 */
export const focusRequest = { pending: true };
