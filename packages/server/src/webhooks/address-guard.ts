import { lookup as dnsLookup } from "node:dns/promises";
import { BlockList, isIP } from "node:net";

/** Why a webhook URL was refused: the message says what to change. */
export class WebhookUrlError extends Error {
  readonly code = "webhook_url";
  constructor(message: string) {
    super(message);
    this.name = "WebhookUrlError";
  }
}

/** Resolves a host name to its addresses (all of them), as `dns.lookup` with `all: true` does. */
export type Resolver = (host: string) => Promise<Array<{ address: string; family: number }>>;

export const systemResolver: Resolver = (host) => dnsLookup(host, { all: true, verbatim: true });

/**
 * Address ranges a webhook may not reach unless the operator allows it: "this network", loopback,
 * RFC 1918 private, shared (CGNAT), link-local (cloud metadata at 169.254.169.254), IETF protocol
 * assignments, benchmarking, documentation, multicast and reserved (IANA IPv4/IPv6 Special-Purpose
 * Address Registries, RFC 6890); in IPv6 also the unspecified and loopback addresses, unique-local
 * fc00::/7, link-local fe80::/10, multicast, and every form that embeds an IPv4 address
 * (IPv4-mapped ::ffff:0:0/96, IPv4-compatible ::/96, NAT64 64:ff9b::/96, 6to4 2002::/16, Teredo
 * 2001::/32), which could carry a private IPv4 address past the IPv4 list.
 */
const forbiddenV4 = new BlockList();
// Separate lists: Node checks an IPv4 address against IPv6 rules as IPv4-mapped, and ::ffff:0:0/96
// would then refuse every IPv4 address.
const forbiddenV6 = new BlockList();
for (const [net, bits] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.88.99.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const)
  forbiddenV4.addSubnet(net, bits, "ipv4");
for (const [net, bits] of [
  ["::", 96],
  ["::ffff:0:0", 96],
  ["64:ff9b::", 96],
  ["64:ff9b:1::", 48],
  ["100::", 64],
  ["2001::", 32],
  ["2001:db8::", 32],
  ["2002::", 16],
  ["fc00::", 7],
  ["fe80::", 10],
  ["fec0::", 10],
  ["ff00::", 8],
] as const)
  forbiddenV6.addSubnet(net, bits, "ipv6");

/** Whether an IP address (v4 or v6) lies in a range a webhook may not reach by default. */
export function isForbiddenAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return forbiddenV4.check(address, "ipv4");
  if (family === 6) return forbiddenV6.check(address, "ipv6");
  return true; // not an address at all: refuse
}

/** Where a delivery goes: the parsed URL and the one address, checked, that the connection must use. */
export interface WebhookTarget {
  url: URL;
  address: string;
  family: 4 | 6;
}

/**
 * Parses a webhook URL and resolves its host, refusing anything but http(s) and, unless
 * `allowPrivate`, any host with an address in a forbidden range (see {@link isForbiddenAddress}).
 * Every address a name resolves to is checked, not only the first, and the caller connects to the
 * returned address (not the name again), so a DNS answer that changes between the check and the
 * connection (rebinding) cannot redirect the delivery. The WHATWG URL parser has already turned
 * decimal, octal and hexadecimal IPv4 forms (`http://2130706433/`, `http://0177.0.0.1/`) into
 * dotted quads, so they are checked as the addresses they are.
 */
export async function resolveWebhookTarget(
  raw: string,
  options: { allowPrivate: boolean; resolver?: Resolver },
): Promise<WebhookTarget> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new WebhookUrlError("not a URL: give an absolute http:// or https:// address");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new WebhookUrlError(`only http and https are delivered to, not ${url.protocol}`);
  if (url.username || url.password)
    throw new WebhookUrlError("leave credentials out of the URL; the signature authenticates the sender");
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const literal = isIP(host);
  let addresses: Array<{ address: string; family: number }>;
  if (literal) addresses = [{ address: host, family: literal }];
  else {
    try {
      addresses = await (options.resolver ?? systemResolver)(host);
    } catch {
      throw new WebhookUrlError(`the host name ${host} does not resolve`);
    }
    if (addresses.length === 0) throw new WebhookUrlError(`the host name ${host} does not resolve`);
  }
  if (!options.allowPrivate) {
    const bad = addresses.find((a) => isForbiddenAddress(a.address));
    if (bad)
      throw new WebhookUrlError(
        `${host} is (or resolves to) ${bad.address}, a loopback, private, link-local or reserved address; webhooks go only to public addresses unless the operator sets ENTENTE_WEBHOOK_ALLOW_PRIVATE=1`,
      );
  }
  const first = addresses[0]!;
  return { url, address: first.address, family: first.family === 6 ? 6 : 4 };
}
