import { ApiError } from "./api-error.js";

/**
 * A per-user cap on things held open at once in this process (event streams, heavy requests), so
 * one account cannot take a server's sockets or CPU queue for itself. Each app server counts its
 * own: the cap protects that server's resources.
 */
export class UserSlots {
  private readonly held = new Map<number, number>();

  constructor(
    /** What is being capped, for the error message ("open event streams"). */
    readonly what: string,
    /** Slots per user. */
    readonly limit: number,
  ) {}

  /** Takes a slot for `userId` and returns its release (safe to call twice); a 429 when none is free. */
  acquire(userId: number): () => void {
    const n = this.held.get(userId) ?? 0;
    if (n >= this.limit)
      throw new ApiError(
        "rate_limited",
        `you already have ${this.limit} ${this.what}; wait for one to finish`,
        [],
        1,
      );
    this.held.set(userId, n + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.held.get(userId) ?? 1) - 1;
      if (left > 0) this.held.set(userId, left);
      else this.held.delete(userId);
    };
  }

  /** Runs `fn` holding one of the user's slots. */
  async run<T>(userId: number, fn: () => Promise<T>): Promise<T> {
    const release = this.acquire(userId);
    try {
      return await fn();
    } finally {
      release();
    }
  }

  /** Slots a user holds now. */
  count(userId: number): number {
    return this.held.get(userId) ?? 0;
  }
}
