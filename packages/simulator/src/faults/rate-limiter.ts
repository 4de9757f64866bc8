import type { CapacityPlan } from './capacity-plan.js';

export type RateDecision = { readonly allowed: true } | { readonly allowed: false; readonly waitMs: number };

/** What the foreign client of a token has sent so far, and how it fared. */
export interface ForeignCounts {
  readonly sent: number;
  readonly served: number;
  readonly refused: number;
}

/** A token's bucket as of now. */
export interface CapacitySnapshot {
  readonly perSecond: number;
  readonly burst: number;
  readonly tokens: number;
  readonly foreign: ForeignCounts | null;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
  /** Which foreign load the counters belong to, and the index of its next unaccounted arrival. */
  foreignKey: string | null;
  foreignNext: number;
  foreign: { sent: number; served: number; refused: number };
}

/**
 * One token bucket per sToken hash. A rejected request takes no token, so the wait it is told is honest. Time is
 * accounted lazily, when a request arrives: refill at the capacity in force over each stretch, and the foreign
 * client's evenly spaced requests, each taking a token (or being refused) at its own instant.
 */
export class RateLimiter {
  readonly #buckets = new Map<string, Bucket>();

  take(hash: string, plan: CapacityPlan, now: number): RateDecision {
    const bucket = this.#advance(hash, plan, now);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true };
    }
    return { allowed: false, waitMs: waitForToken(bucket.tokens, plan, now) };
  }

  /** The bucket as of `now`, with the foreign client's requests up to then accounted. */
  snapshot(hash: string, plan: CapacityPlan, now: number): CapacitySnapshot {
    const bucket = this.#advance(hash, plan, now);
    const { perSecond, burst } = plan.stretchAt(now);
    return {
      perSecond,
      burst,
      tokens: bucket.tokens,
      foreign: plan.foreign === null ? null : { ...bucket.foreign },
    };
  }

  clear(): void {
    this.#buckets.clear();
  }

  #advance(hash: string, plan: CapacityPlan, now: number): Bucket {
    let bucket = this.#buckets.get(hash);
    if (bucket === undefined) {
      // A full bucket from when the foreign client started, if it started first: its requests count from then.
      const since = plan.foreign === null ? now : Math.min(now, plan.foreign.since);
      bucket = {
        tokens: plan.stretchAt(since).burst,
        updatedAt: since,
        foreignKey: null,
        foreignNext: 0,
        foreign: { sent: 0, served: 0, refused: 0 },
      };
      this.#buckets.set(hash, bucket);
    }
    const foreign = plan.foreign;
    if (foreign !== null) {
      const key = `${foreign.since}/${foreign.intervalMs}`;
      if (bucket.foreignKey !== key) {
        // A new foreign load: count it from its first arrival not already covered by the bucket's past.
        bucket.foreignKey = key;
        bucket.foreignNext = Math.ceil(Math.max(0, bucket.updatedAt - foreign.since) / foreign.intervalMs);
        bucket.foreign = { sent: 0, served: 0, refused: 0 };
      }
      for (;;) {
        const arrival = foreign.since + bucket.foreignNext * foreign.intervalMs;
        if (arrival > now) break;
        refill(bucket, plan, arrival);
        bucket.foreign.sent += 1;
        if (bucket.tokens >= 1) {
          bucket.tokens -= 1;
          bucket.foreign.served += 1;
        } else bucket.foreign.refused += 1;
        bucket.foreignNext += 1;
      }
    }
    refill(bucket, plan, now);
    return bucket;
  }
}

/** Adds what each stretch of capacity between the bucket's last update and `to` refills, capped at its burst. */
function refill(bucket: Bucket, plan: CapacityPlan, to: number): void {
  while (bucket.updatedAt < to) {
    const stretch = plan.stretchAt(bucket.updatedAt);
    const end = Math.min(to, stretch.endsAt);
    bucket.tokens = Math.min(
      stretch.burst,
      bucket.tokens + ((end - bucket.updatedAt) * stretch.perSecond) / 1000,
    );
    bucket.updatedAt = end;
  }
  // A clock stepped back adds nothing; a step that starts exactly now still caps the bucket at its burst.
  bucket.updatedAt = to;
  bucket.tokens = Math.min(plan.stretchAt(to).burst, bucket.tokens);
}

/**
 * How long until the bucket holds a whole token again, at the capacity in force over each stretch. Future foreign
 * requests are not foreseen: Apple cannot know another tool's next request either, so it may take that token first.
 */
function waitForToken(tokens: number, plan: CapacityPlan, now: number): number {
  let need = 1 - tokens;
  let t = now;
  for (;;) {
    const stretch = plan.stretchAt(t);
    const gained = ((stretch.endsAt - t) * stretch.perSecond) / 1000;
    if (gained >= need) return t + (need * 1000) / stretch.perSecond - now;
    need -= gained;
    t = stretch.endsAt;
  }
}
