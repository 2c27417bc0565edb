/// <reference lib="dom" />
/**
 * Live server-sent events with the session's authorisation: `EventSource` cannot send a header,
 * so the stream is read with fetch() and parsed here (the text/event-stream format of the HTML
 * standard, §9.2: `event:`, `data:` and `id:` fields, blank line ends an event, `:` a comment).
 * It reconnects after a dropped connection (1 s, doubling to 30 s), sending `Last-Event-ID`.
 *
 *     const stop = subscribe(`/api/negotiations/${id}/monitoring/stream`, (e) => {
 *       if (e.event === "change") refresh();
 *     });
 *     // in a component: useEffect(() => subscribe(...), [id]);  (the returned function stops it)
 */
import { authHeaders, failureOf } from "./client.js";

/** One server-sent event. */
export interface StreamEvent {
  /** The `event:` field ("message" when absent). */
  event: string;
  /** The `data:` lines joined with "\n". */
  data: string;
  /** The `id:` field, if any. */
  id?: string;
}

export interface SubscribeOptions {
  /** Called when the stream fails for good (401, 403, 404, 409: retrying would not help). */
  onError?(err: Error): void;
  /** Called each time the stream (re)opens. */
  onOpen?(): void;
}

/** Splits a text/event-stream body into events; returns the unparsed rest. */
export function parseEvents(buffer: string, emit: (e: StreamEvent) => void): string {
  const blocks = buffer.split(/\r\n\r\n|\n\n|\r\r/);
  const rest = blocks.pop() ?? "";
  for (const block of blocks) {
    let event = "message";
    const data: string[] = [];
    let id: string | undefined;
    let any = false;
    for (const line of block.split(/\r\n|\n|\r/)) {
      if (line === "" || line.startsWith(":")) continue;
      const colon = line.indexOf(":");
      const field = colon < 0 ? line : line.slice(0, colon);
      let value = colon < 0 ? "" : line.slice(colon + 1);
      if (value.startsWith(" ")) value = value.slice(1);
      if (field === "event") event = value;
      else if (field === "data") data.push(value);
      else if (field === "id") id = value;
      else continue;
      any = true;
    }
    if (any && data.length) emit({ event, data: data.join("\n"), ...(id !== undefined ? { id } : {}) });
  }
  return rest;
}

/**
 * Follows the event stream at `path` (same origin) until the returned function is called.
 * Each event goes to `onEvent`; a refused stream (4xx other than 429) stops with `onError`.
 */
export function subscribe(
  path: string,
  onEvent: (e: StreamEvent) => void,
  options: SubscribeOptions = {},
): () => void {
  const abort = new AbortController();
  let lastId: string | undefined;
  let delay = 1000;
  const run = async (): Promise<void> => {
    while (!abort.signal.aborted) {
      try {
        const res = await fetch(path, {
          headers: {
            accept: "text/event-stream",
            ...authHeaders(),
            ...(lastId ? { "last-event-id": lastId } : {}),
          },
          signal: abort.signal,
        });
        if (!res.ok || !res.body) {
          const body = await res.json().catch(() => null);
          const failure = failureOf(res.status, body, path);
          if (res.status >= 400 && res.status < 500 && res.status !== 429) {
            options.onError?.(failure);
            return;
          }
          throw failure;
        }
        delay = 1000;
        options.onOpen?.();
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = "";
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer = parseEvents(buffer + value, (e) => {
            if (e.id !== undefined) lastId = e.id;
            onEvent(e);
          });
        }
      } catch {
        if (abort.signal.aborted) return;
      }
      await new Promise((r) => setTimeout(r, delay));
      delay = Math.min(delay * 2, 30_000);
    }
  };
  void run();
  return () => abort.abort();
}
