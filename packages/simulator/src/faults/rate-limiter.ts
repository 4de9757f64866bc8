import type { RateLimitFault } from './types.js';

export type RateDecision = { readonly allowed: true } | { readonly allowed: false; readonly waitMs: number };

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/** One token bucket per sToken hash. A rejected request takes no token, so the wait it is told is honest. */
export class RateLimiter {
  readonly #buckets = new Map<string, Bucket>();

  take(hash: string, limit: RateLimitFault, now: number): RateDecision {
    const perSecond = limit.perSecond ?? 15;
    const burst = limit.burst ?? 15;
    const bucket = this.#buckets.get(hash) ?? { tokens: burst, updatedAt: now };
    const refilled = Math.min(
      burst,
      bucket.tokens + (Math.max(0, now - bucket.updatedAt) * perSecond) / 1000,
    );
    bucket.updatedAt = now;
    this.#buckets.set(hash, bucket);
    if (refilled >= 1) {
      bucket.tokens = refilled - 1;
      return { allowed: true };
    }
    bucket.tokens = refilled;
    return { allowed: false, waitMs: ((1 - refilled) * 1000) / perSecond };
  }

  clear(): void {
    this.#buckets.clear();
  }
}
