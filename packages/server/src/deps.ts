import type { AgreementOracle, AnalysisOptions, Scenario } from "@entente/core";
import type { Store } from "@entente/store";
import type { PasswordCost } from "./auth.js";
import type { RateLimiter } from "./rate-limit.js";

/**
 * An analysis the API can run on a stored scenario version; `progress` takes 0..1; `options` are
 * the caller's analysis options (checked by core's resolveAnalysisOptions).
 */
export type AnalysisRunner = (
  scenario: Scenario,
  progress: (fraction: number) => void,
  options?: AnalysisOptions,
) => unknown | Promise<unknown>;

/** Everything the routes need, passed in so tests can swap the clock, costs and engines. */
export interface AppDeps {
  store: Store;
  oracle: AgreementOracle;
  now: () => Date;
  passwordCost: PasswordCost;
  sessionTtlMs: number;
  /** Limits the mediator's derived-answer queries per (mediator, negotiation). */
  mediatorLimiter: RateLimiter;
  /** Limits sign-in attempts per user name. */
  loginLimiter: RateLimiter;
  analyses: Record<string, AnalysisRunner>;
  /** Drops a revoked token from the session cache; set by createApp. */
  forgetSession?: (tokenHash: string) => void;
}
