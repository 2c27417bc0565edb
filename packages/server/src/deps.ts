import type { AgreementOracle, AnalysisOptions, Scenario } from "@entente/core";
import type { Store } from "@entente/store";
import type { Context } from "hono";
import type { PasswordCost } from "./auth.js";
import type { JobQueue } from "./jobs/queue.js";
import type { RateLimiter, SignInThrottle } from "./rate-limit.js";
import type { UserSlots } from "./user-slots.js";
import type { Resolver } from "./webhooks/address-guard.js";

/**
 * An analysis the API can run on a stored scenario version; `progress` takes 0..1; `options` are
 * the caller's analysis options (checked by core's resolveAnalysisOptions).
 */
export type AnalysisRunner = ((
  scenario: Scenario,
  progress: (fraction: number) => void,
  options?: AnalysisOptions,
) => unknown | Promise<unknown>) & {
  /**
   * The same analysis of a scenario given as its text, parsed where the analysis runs (a worker
   * thread), so that a job never parses a large scenario on the event loop (issue 13).
   */
  fromSource?: (source: { text: string; file?: string }, options?: AnalysisOptions) => Promise<unknown>;
};

/** Everything the routes need, passed in so tests can swap the clock, costs and engines. */
export interface AppDeps {
  store: Store;
  oracle: AgreementOracle;
  now: () => Date;
  passwordCost: PasswordCost;
  sessionTtlMs: number;
  /** Bits of disclosure a negotiation's mediators may spend in all (see disclosure-grid.ts). */
  disclosureBudgetBits: number;
  /** Limits the mediator's derived-answer queries per (mediator, negotiation). */
  mediatorLimiter: RateLimiter;
  /** Slows sign-in attempts down per account and per address (state in the database). */
  signInThrottle: SignInThrottle;
  /** The client's address, for sign-in throttling. @default the socket's remote address */
  clientAddress: (c: Context) => string;
  analyses: Record<string, AnalysisRunner>;
  /** Heavy requests (validations, uploads, analysis runs) one user may have in progress at once. */
  heavySlots: UserSlots;
  /** Event streams one user may hold open at once. */
  streamSlots: UserSlots;
  /**
   * Host names (without port; IPv6 in brackets) the server answers for; any other Host header gets
   * 421, so a DNS-rebinding page cannot reach the API. Undefined: any host. @example ["localhost"]
   */
  allowedHosts?: readonly string[] | undefined;
  /** Long jobs (analyses, Monte Carlo runs, validations): kept in the database, run by workers. */
  jobs: JobQueue;
  /** Webhooks may go to loopback, private and link-local addresses (ENTENTE_WEBHOOK_ALLOW_PRIVATE=1). @default false */
  webhookAllowPrivate: boolean;
  /** Resolves webhook host names when checking them. @default the system resolver */
  webhookResolver?: Resolver | undefined;
  /** Drops a revoked token from the session cache; set by createApp. */
  forgetSession?: (tokenHash: string) => void;
  /** Drops every cached session of a user (after a password change or reset); set by createApp. */
  forgetUser?: (userId: number) => void;
}
