/// <reference lib="dom" />
/**
 * A delegation keeps its receipts in the browser: every write the server acknowledges returns
 * signed receipts in the `Audit-Receipts` header (base64url JSON array; see docs/platform.md,
 * "Audit log"), and this module keeps them in localStorage per user, so they can be downloaded (for
 * `entente audit verify --server URL --receipts DIR`) and checked here against the server's current
 * signed head: the kept head must be a prefix of the current one (RFC 9162 consistency proof,
 * computed here with SHA-256) and every head must carry a valid Ed25519 signature by the same key.
 */
import { call, client } from "../api/client.js";
import { me } from "./state.js";

export interface KeptReceipt {
  entry: {
    seq: number;
    negotiationId: number | null;
    action: string;
    at: string;
    hash: string;
    leafIndex: number;
  };
  head: { tree: number; size: number; root: string; keyId: string; signature: string };
  proof: string[];
  publicKey: string;
  salt?: string;
}

const KEY = "entente.receipts";
const MAX = 5000;
/** Receipts are kept per signed-in user on this browser. */
const owner = () => String(me.value?.user.id ?? "anonymous");

function load(): KeptReceipt[] {
  try {
    return JSON.parse(localStorage.getItem(`${KEY}.${owner()}`) ?? "[]") as KeptReceipt[];
  } catch {
    return [];
  }
}

/** Keeps the receipts of one response (header value as sent by the server). */
export function keepReceipts(header: string | null): void {
  if (!header || typeof localStorage === "undefined") return;
  try {
    const b64 = header.replace(/-/g, "+").replace(/_/g, "/");
    const json = new TextDecoder().decode(Uint8Array.from(atob(b64), (c) => c.charCodeAt(0)));
    const fresh = JSON.parse(json) as KeptReceipt[];
    const all = [...load(), ...fresh].slice(-MAX);
    localStorage.setItem(`${KEY}.${owner()}`, JSON.stringify(all));
  } catch {
    // a receipt that cannot be read is not kept; the write itself succeeded
  }
}

client.use({
  onResponse({ response }) {
    keepReceipts(response.headers.get("audit-receipts"));
    return response;
  },
});

/** The kept receipts of one negotiation's log, oldest first. */
export function receiptsOf(negotiationId: number): KeptReceipt[] {
  return load().filter((r) => r.entry.negotiationId === negotiationId);
}

/** Offers the receipts as a JSON file (one array; `entente audit verify --receipts DIR` reads it). */
export function downloadReceipts(negotiationId: number): void {
  const blob = new Blob([JSON.stringify(receiptsOf(negotiationId), null, 2)], { type: "application/json" });
  const a = document.createElement("a");
  a.href = URL.createObjectURL(blob);
  a.download = `receipts-negotiation-${negotiationId}.json`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

const hex = (b: Uint8Array) => [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
const unhex = (s: string) => Uint8Array.from(s.match(/../g) ?? [], (x) => Number.parseInt(x, 16));
async function sha(...parts: Uint8Array[]): Promise<Uint8Array> {
  const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    all.set(p, o);
    o += p.length;
  }
  return new Uint8Array(await crypto.subtle.digest("SHA-256", all));
}
const node = (l: Uint8Array, r: Uint8Array): Promise<Uint8Array> => sha(Uint8Array.of(1), l, r);

/** RFC 9162 §2.1.4.2: checks a consistency proof from (size1, root1) to (size2, root2). */
export async function consistent(
  size1: number,
  size2: number,
  root1: string,
  root2: string,
  proof: string[],
): Promise<boolean> {
  if (size1 === size2) return root1 === root2 && proof.length === 0;
  if (size1 === 0 || size1 > size2) return false;
  let path: Uint8Array[] = proof.map(unhex);
  if ((size1 & (size1 - 1)) === 0) path = [unhex(root1), ...path];
  if (path.length === 0) return false;
  let fn = size1 - 1;
  let sn = size2 - 1;
  while (fn & 1) {
    fn >>= 1;
    sn >>= 1;
  }
  let fr: Uint8Array = path[0]!;
  let sr: Uint8Array = path[0]!;
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (fn & 1 || fn === sn) {
      fr = await node(c, fr);
      sr = await node(c, sr);
      while (!(fn & 1) && fn !== 0) {
        fn >>= 1;
        sn >>= 1;
      }
    } else sr = await node(sr, c);
    fn >>= 1;
    sn >>= 1;
  }
  return hex(fr) === root1 && hex(sr) === root2 && sn === 0;
}

/** RFC 9162 §2.1.3.2: checks an inclusion proof of `leaf` (hex of the leaf hash) at `index` in (size, root). */
export async function included(leaf: Uint8Array, index: number, size: number, root: string, proof: string[]) {
  if (index >= size) return false;
  let fn = index;
  let sn = size - 1;
  let r: Uint8Array = leaf;
  for (const p of proof.map(unhex)) {
    if (sn === 0) return false;
    if (fn & 1 || fn === sn) {
      r = await node(p, r);
      while (!(fn & 1) && fn !== 0) {
        fn >>= 1;
        sn >>= 1;
      }
    } else r = await node(r, p);
    fn >>= 1;
    sn >>= 1;
  }
  return sn === 0 && hex(r) === root;
}

/** The exact bytes a head signature covers (canonical JSON, keys sorted; see headMessage in the store). */
const headMessage = (h: KeptReceipt["head"]) =>
  `{"log":"entente-audit/1","root":"${h.root}","size":${h.size},"tree":${h.tree}}`;

/** Ed25519 over a head with the PEM public key, through WebCrypto; null when this browser lacks Ed25519. */
async function signed(h: KeptReceipt["head"], publicKeyPem: string): Promise<boolean | null> {
  try {
    const der = Uint8Array.from(atob(publicKeyPem.replace(/-----[^-]+-----|\s/g, "")), (c) =>
      c.charCodeAt(0),
    );
    const key = await crypto.subtle.importKey("spki", der, { name: "Ed25519" }, false, ["verify"]);
    const sig = Uint8Array.from(atob(h.signature.replace(/-/g, "+").replace(/_/g, "/")), (c) =>
      c.charCodeAt(0),
    );
    return await crypto.subtle.verify(
      { name: "Ed25519" },
      key,
      sig,
      new TextEncoder().encode(headMessage(h)),
    );
  } catch {
    return null;
  }
}

/** The outcome of checking one kept receipt against the server's current head. */
export interface ReceiptCheck {
  seq: number;
  action: string;
  ok: boolean;
  /** What failed (message keys record.problem.<code>); empty when it holds. */
  problems: Array<"notIncluded" | "shorter" | "rewritten" | "key" | "signature">;
  /** Whether the signatures could be checked in this browser. */
  signatures: "checked" | "unavailable";
}

/** Checks every kept receipt of a negotiation against the server's current signed head. */
export async function verifyReceipts(negotiationId: number): Promise<ReceiptCheck[]> {
  const kept = receiptsOf(negotiationId);
  if (kept.length === 0) return [];
  const current = await call(
    client.GET("/api/negotiations/{id}/audit/head", { params: { path: { id: negotiationId } } }),
  );
  const out: ReceiptCheck[] = [];
  for (const r of kept) {
    const problems: ReceiptCheck["problems"] = [];
    let signatures: ReceiptCheck["signatures"] = "checked";
    const leaf = await sha(Uint8Array.of(0), new TextEncoder().encode(r.entry.hash));
    if (!(await included(leaf, r.entry.leafIndex, r.head.size, r.head.root, r.proof)))
      problems.push("notIncluded");
    if (r.head.size > current.size) problems.push("shorter");
    else {
      const c = await call(
        client.GET("/api/negotiations/{id}/audit/consistency", {
          params: { path: { id: negotiationId }, query: { from: r.head.size, to: current.size } },
        }),
      );
      if (!(await consistent(r.head.size, current.size, r.head.root, current.root, c.proof)))
        problems.push("rewritten");
    }
    if (current.keyId !== r.head.keyId) problems.push("key");
    for (const h of [r.head, current]) {
      const s = await signed(h, r.publicKey);
      if (s === null) signatures = "unavailable";
      else if (!s) problems.push("signature");
    }
    out.push({ seq: r.entry.seq, action: r.entry.action, ok: problems.length === 0, problems, signatures });
  }
  return out;
}
