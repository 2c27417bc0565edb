import { type AuditReceipt, checkReceiptAgainstHead, commitment } from "@entente/store";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RECEIPT_HEADER } from "./route.js";
import { type Fixture, makeFixture } from "./test-support/fixture.js";

/**
 * Issue 14, points 4 and 5 through the API: every acknowledged write returns a signed receipt;
 * confidential bodies are logged as salted commitments that another delegation cannot brute-force
 * (the attack of the issue: ~1,000 tries recovered a score of 0.35); members fetch signed heads and
 * consistency proofs and check their receipts against them.
 */
let f: Fixture;
const n = () => `/api/negotiations/${f.negotiationId}`;
beforeAll(async () => {
  f = await makeFixture();
});
afterAll(() => f.store.db.close());

async function write(path: string, role: "ua" | "ru" | "mediator", body: unknown): Promise<AuditReceipt[]> {
  const res = await f.app.request(path, {
    method: "POST",
    headers: { authorization: `Bearer ${f.tokens[role]}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  expect(res.status, await res.clone().text()).toBeLessThan(300);
  const h = res.headers.get(RECEIPT_HEADER);
  expect(h, "a receipt header").toBeTruthy();
  return JSON.parse(Buffer.from(h!, "base64url").toString("utf8")) as AuditReceipt[];
}

describe("receipts and commitments", () => {
  it("returns a signed receipt with the salt for a private score, and ru cannot test guesses against the log", async () => {
    const [r] = await write(`${n()}/proposals/${f.proposalId}/scores/ua`, "ua", { score: 0.35, comment: "" });
    expect(r!.entry.action).toBe("score.put");
    expect(r!.salt).toMatch(/^[0-9a-f]{64}$/);
    // The lodger opens its own commitment with the salt from its receipt.
    const logged = JSON.parse(r!.entry.payload) as { commitment: string };
    expect(commitment(r!.salt!, '{"comment":"","score":0.35}')).toBe(logged.commitment);
    // ru reads the same entry in the negotiation's log and tries every score 0.000 … 1.000 with the
    // unsalted digests the log used to carry, and with a salt it does not have (none): no match.
    const log = (await f.request("GET", `${n()}/audit`, "ru")).json as {
      entries: { payload: string; action: string }[];
    };
    const seen = log.entries.find((e) => e.action === "score.put")!;
    expect(seen.payload).not.toMatch(/sha256|salt|0\.35/);
    const { createHash } = await import("node:crypto");
    const hits = [];
    for (let i = 0; i <= 1000; i++) {
      const text = JSON.stringify({ comment: "", score: i / 1000 });
      if (createHash("sha256").update(text).digest("hex") === JSON.parse(seen.payload).commitment)
        hits.push(i);
    }
    expect(hits).toEqual([]);
  });

  it("gives members the signed head and a consistency proof their receipts check against", async () => {
    const [first] = await write(`${n()}/proposals`, "mediator", {
      package: { troops: "none", sanctions: "kept" },
    });
    await write(`${n()}/proposals`, "mediator", { package: { troops: "brigade", sanctions: "kept" } });
    const head = (await f.request("GET", `${n()}/audit/head`, "ru")).json as AuditReceipt["head"];
    expect(head.size).toBeGreaterThan(first!.head.size);
    const c = (
      await f.request("GET", `${n()}/audit/consistency?from=${first!.head.size}&to=${head.size}`, "ru")
    ).json as { proof: string[] };
    const key = (await f.request("GET", "/api/audit/key", "anon")).json as { publicKey: string };
    expect(checkReceiptAgainstHead(first!, key.publicKey, head, c.proof)).toBeNull();
    // A head from the past cannot be passed off as the current one.
    expect(checkReceiptAgainstHead({ head }, key.publicKey, first!.head, [])).toMatch(/entries deleted/);
    expect((await f.request("GET", `${n()}/audit/head`, "outsider")).status).toBe(404);
  });
});
