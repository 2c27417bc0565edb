/// <reference lib="dom" />
/** The admin's audit log (#/audit): the whole hash-chained log, newest first, with a verify button. */
import { h } from "preact";
import { useState } from "preact/hooks";
import { call, client } from "../../api/client.js";
import type { AuditEntry } from "../../api/types.js";
import { formatTime } from "../../format.js";
import { t } from "../../i18n/index.js";
import { ErrorBox, loaded, Page, Section, useLoad } from "../../ui/components.js";

/** Reads the log page by page (the API caps a page at 1000), stopping at `max` entries. */
export async function allAuditEntries(max = 5000): Promise<AuditEntry[]> {
  const out: AuditEntry[] = [];
  let after = 0;
  while (out.length < max) {
    const { entries } = await call(client.GET("/api/audit", { params: { query: { after, limit: 1000 } } }));
    out.push(...entries);
    if (entries.length < 1000) break;
    after = entries[entries.length - 1]!.seq;
  }
  return out;
}

/** The audit entries as a table, newest first; the hash column shows the chain link by prefix. */
export function AuditTable({ entries }: { entries: readonly AuditEntry[] }) {
  if (!entries.length) return h("p", null, t("audit.none"));
  const cols = ["colSeq", "colWhen", "colWho", "colAction", "colSubject", "colDetails", "colHash"] as const;
  return h(
    "div",
    { class: "scroll", tabIndex: 0, role: "region", "aria-label": t("audit.region") },
    h(
      "table",
      { class: "list audit" },
      h(
        "thead",
        null,
        h(
          "tr",
          null,
          cols.map((c) => h("th", { scope: "col" }, t(`audit.${c}`))),
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
              { key: e.seq },
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
export function VerifyButton() {
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const verify = async () => {
    setBusy(true);
    setError(null);
    try {
      const r = await call(client.GET("/api/audit/verify"));
      setResult(
        r.ok
          ? { ok: true, text: t("audit.intact", { checked: r.checked, head: r.head?.slice(0, 16) ?? "—" }) }
          : {
              ok: false,
              text: t("audit.broken", {
                seq: r.firstBad?.seq ?? "?",
                reason: r.firstBad?.reason ?? t("audit.unknownReason"),
                checked: r.checked,
              }),
            },
      );
    } catch (e) {
      setResult(null);
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return h(
    "div",
    { class: "verify" },
    h("button", { type: "button", disabled: busy, onClick: verify }, t("audit.verify")),
    h(
      "div",
      { "aria-live": "polite" },
      result
        ? h("p", result.ok ? { class: "ok", role: "status" } : { class: "error", role: "alert" }, result.text)
        : null,
      h(ErrorBox, { error }),
    ),
  );
}

/** The screen at #/audit (admins): GET /api/audit page by page, up to 5000 entries. */
export function AuditScreen() {
  const state = useLoad(() => allAuditEntries(), []);
  return h(
    Page,
    { title: t("audit.title") },
    h("p", { class: "lead" }, t("audit.lead")),
    h(VerifyButton, null),
    loaded(state, (entries) =>
      h(
        Section,
        { title: t("audit.entries", { count: entries.length }), name: "audit-entries" },
        h(AuditTable, { entries }),
      ),
    ),
  );
}
