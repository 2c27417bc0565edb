/// <reference lib="dom" />
/** The audit table and verify button of the old negotiation page (the admin screen is views/admin/audit.ts). */

import type { AuditEntry, AuditVerify } from "../api/types.js";
import { api } from "../api.js";
import { h, replace } from "../dom.js";
import { formatTime } from "../format.js";
import { showError } from "../ui.js";

/** The audit entries as a table, newest first; the hash column shows the chain link by prefix. */
export function auditTable(entries: readonly AuditEntry[]): HTMLElement {
  if (!entries.length) return h("p", null, "No entries.");
  return h(
    "div",
    { class: "scroll", tabindex: "0", role: "region", "aria-label": "Audit entries" },
    h(
      "table",
      { class: "list audit" },
      h(
        "thead",
        null,
        h(
          "tr",
          null,
          ["#", "When", "Who", "Action", "Subject", "Details", "Hash"].map((t) =>
            h("th", { scope: "col" }, t),
          ),
        ),
      ),
      h(
        "tbody",
        null,
        [...entries]
          .reverse()
          .map((e) =>
            h(
              "tr",
              null,
              h("td", null, e.seq),
              h("td", { class: "nowrap" }, formatTime(e.at)),
              h("td", null, e.userName),
              h("td", null, e.action),
              h("td", null, e.subject),
              h(
                "td",
                { class: "payload" },
                e.payload.length > 160 ? `${e.payload.slice(0, 160)}…` : e.payload,
              ),
              h("td", null, h("code", { title: e.hash }, e.hash.slice(0, 10))),
            ),
          ),
      ),
    ),
  );
}

/** A button that asks the server to recompute the whole hash chain, and says what it found. */
export function verifyButton(): HTMLElement {
  const out = h("div", { "aria-live": "polite" });
  const button = h("button", { type: "button" }, "Verify chain");
  button.addEventListener("click", async () => {
    button.disabled = true;
    try {
      const r = await api<AuditVerify>("GET", "/api/audit/verify");
      replace(
        out,
        r.ok
          ? h(
              "p",
              { class: "ok", role: "status" },
              `Chain intact: ${r.checked} entries checked; head ${r.head?.slice(0, 16) ?? "—"}.`,
            )
          : h(
              "p",
              { class: "error", role: "alert" },
              `Chain broken at entry ${r.firstBad?.seq ?? "?"}: ${r.firstBad?.reason ?? "unknown reason"} (${r.checked} checked).`,
            ),
      );
    } catch (e) {
      showError(out, e);
    } finally {
      button.disabled = false;
    }
  });
  return h("div", { class: "verify" }, button, out);
}

/** Reads the log page by page (the API caps a page at 1000), stopping at `max` entries. */
export async function allEntries(path: string, max = 5000): Promise<AuditEntry[]> {
  const out: AuditEntry[] = [];
  let after = 0;
  while (out.length < max) {
    const { entries } = await api<{ entries: AuditEntry[] }>("GET", `${path}?after=${after}&limit=1000`);
    out.push(...entries);
    if (entries.length < 1000) break;
    after = entries[entries.length - 1]!.seq;
  }
  return out;
}
