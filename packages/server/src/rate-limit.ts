/**
 * A token bucket per key: `capacity` queries at once, refilled at `perHour`. The mediator's
 * derived answers are rate-limited with it, so a red line cannot be mapped out by a burst of
 * probing queries. The clock is passed in so tests can step time.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  constructor(
    readonly capacity: number,
    readonly perHour: number,
    private readonly now: () => number,
  ) {}

  /** Takes one token for `key`; returns 0 when allowed, else the seconds until one is free. */
  take(key: string): number {
    const t = this.now();
    const b = this.buckets.get(key) ?? { tokens: this.capacity, at: t };
    const refill = ((t - b.at) / 3_600_000) * this.perHour;
    b.tokens = Math.min(this.capacity, b.tokens + refill);
    b.at = t;
    this.buckets.set(key, b);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return Math.ceil(((1 - b.tokens) / this.perHour) * 3600);
  }
}

/** How sign-in failures slow further attempts down (see {@link SignInThrottle}). */
export interface SignInPolicy {
  /** Failures per key before any delay. @default 5 */
  freeFailures: number;
  /** The first delay, in seconds; each further failure doubles it. @default 1 */
  baseDelaySeconds: number;
  /** The longest delay, in seconds. @default 900 */
  maxDelaySeconds: number;
  /** A key's count is forgotten this long after its last failure. @default 86_400_000 (24 h) */
  forgetAfterMs: number;
}

export const DEFAULT_SIGN_IN_POLICY: SignInPolicy = {
  freeFailures: 5,
  baseDelaySeconds: 1,
  maxDelaySeconds: 900,
  forgetAfterMs: 24 * 3_600_000,
};

/** The delay after `failures` consecutive failures: none up to the free ones, then doubling to a cap. */
export function signInDelaySeconds(failures: number, policy: SignInPolicy): number {
  if (failures <= policy.freeFailures) return 0;
  const doublings = Math.min(failures - policy.freeFailures - 1, 30);
  return Math.min(policy.maxDelaySeconds, policy.baseDelaySeconds * 2 ** doublings);
}

/**
 * The throttling key of a client address: an IPv4 address as it is, an IPv6 address by its /64
 * prefix (one subscriber usually holds a whole /64, so single addresses would cost an attacker nothing).
 */
export function addressKey(address: string): string {
  const a = address.trim().toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(a);
  if (mapped) return mapped[1]!;
  if (!a.includes(":")) return a;
  const [head = "", tail = ""] = a.split("::");
  const h = head ? head.split(":") : [];
  const t = tail ? tail.split(":") : [];
  const groups = a.includes("::")
    ? [...h, ...Array(Math.max(0, 8 - h.length - t.length)).fill("0"), ...t]
    : h;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ""))
    .join(":")}::/64`;
}

interface SignInStore {
  signInFailures(
    keys: ReadonlyArray<{ scope: string; key: string }>,
    forgetBefore: string,
  ): Promise<Array<{ scope: string; key: string; failures: number; lastAt: string }>>;
  recordSignInFailure(
    keys: ReadonlyArray<{ scope: string; key: string }>,
    at: string,
    forgetBefore: string,
  ): Promise<void>;
  clearSignInFailures(keys: ReadonlyArray<{ scope: string; key: string }>): Promise<void>;
}

/**
 * Sign-in throttling after NIST SP 800-63B §5.2.2: failures are counted per account, per client
 * address, and per (address, account) pair, in the database, so every app server sharing it applies
 * the same limits and a restart forgets nothing. After a few free failures each further one doubles
 * the wait, up to a cap:
 *
 * - an address that keeps failing (one password tried against many names, say) waits, whatever
 *   name it tries;
 * - an account that keeps failing makes the addresses that failed against it wait, but not an
 *   address that has not failed against it: the rightful owner, signing in from their own address,
 *   is never locked out by someone else's guesses.
 *
 * Successful sign-ins never count; one clears the account's and the pair's counts. Unknown names
 * are counted exactly like known ones, so throttling does not reveal which names exist.
 */
export class SignInThrottle {
  constructor(
    private readonly store: SignInStore,
    private readonly now: () => Date,
    readonly policy: SignInPolicy = DEFAULT_SIGN_IN_POLICY,
  ) {}

  private keys(name: string, address: string) {
    const addr = addressKey(address);
    return {
      account: { scope: "account", key: name },
      address: { scope: "address", key: addr },
      pair: { scope: "pair", key: `${addr} ${name}` },
    };
  }

  private forgetBefore(): string {
    return new Date(this.now().getTime() - this.policy.forgetAfterMs).toISOString();
  }

  /** Seconds this (name, address) must wait before its next attempt; 0 when it may try now. */
  async wait(name: string, address: string): Promise<number> {
    const k = this.keys(name, address);
    const rows = await this.store.signInFailures([k.account, k.address, k.pair], this.forgetBefore());
    const row = (scope: string) => rows.find((r) => r.scope === scope);
    const t = this.now().getTime();
    const remaining = (r: { failures: number; lastAt: string } | undefined) =>
      r
        ? Math.max(
            0,
            Math.ceil((Date.parse(r.lastAt) + signInDelaySeconds(r.failures, this.policy) * 1000 - t) / 1000),
          )
        : 0;
    const pair = row("pair");
    const accountWait = pair && pair.failures > 0 ? Math.max(remaining(row("account")), remaining(pair)) : 0;
    return Math.max(remaining(row("address")), accountWait);
  }

  /** Counts a failed attempt against the account, the address and the pair. */
  async failed(name: string, address: string): Promise<void> {
    const k = this.keys(name, address);
    await this.store.recordSignInFailure(
      [k.account, k.address, k.pair],
      this.now().toISOString(),
      this.forgetBefore(),
    );
  }

  /** A successful sign-in: the account's and the pair's failures are forgiven. */
  async succeeded(name: string, address: string): Promise<void> {
    const k = this.keys(name, address);
    await this.store.clearSignInFailures([k.account, k.pair]);
  }
}
