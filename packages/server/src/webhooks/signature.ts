import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/** Request headers of a delivery. */
export const WEBHOOK_HEADERS = {
  delivery: "Entente-Delivery",
  event: "Entente-Event",
  signature: "Entente-Signature",
} as const;

/** A new webhook secret: 32 random bytes, base64url, prefixed so it is recognisable in a vault. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString("base64url")}`;
}

/**
 * The `Entente-Signature` header of a body sent at `timestamp` (Unix seconds):
 * `t=<timestamp>,v1=<hex HMAC-SHA256(secret, "<timestamp>.<body>")>` (HMAC: RFC 2104; the same
 * scheme as Stripe's webhook signatures). Signing the timestamp with the body lets a receiver refuse
 * replays of an old delivery.
 */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  const mac = createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex");
  return `t=${timestamp},v1=${mac}`;
}

/**
 * What a receiver does with a delivery: recompute the HMAC over `<t>.<raw body>` with the shared
 * secret, compare in constant time, and refuse a timestamp more than `toleranceSeconds` from its
 * clock. Returns why it fails, or null when the delivery is authentic.
 */
export function verifyWebhook(
  secret: string,
  header: string | null | undefined,
  body: string,
  nowSeconds: number,
  toleranceSeconds = 300,
): string | null {
  const m = /^t=(\d{1,12}),v1=([0-9a-f]{64})$/.exec(header ?? "");
  if (!m) return "missing or malformed signature header";
  const t = Number(m[1]);
  if (Math.abs(nowSeconds - t) > toleranceSeconds) return "timestamp outside the tolerance";
  const want = Buffer.from(signWebhook(secret, t, body).slice(-64), "hex");
  const got = Buffer.from(m[2]!, "hex");
  return timingSafeEqual(want, got) ? null : "signature does not match";
}
