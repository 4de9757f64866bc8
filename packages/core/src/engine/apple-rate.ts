import type { EnginePolicy } from './normalize-options.js';
import type { TenantRateLimiter } from './rate-limiter.js';

/** service/config lists every error code and URL: a few KB. Anything far bigger is not one. */
const MAX_CONFIG_CHARS = 256 * 1024;

/** `limits.maxRequestPerSecond` of a `service/config` answer (string, bytes or parsed), or null. */
export function announcedRate(body: unknown): number | null {
  let value = body;
  if (value instanceof Uint8Array)
    value = value.byteLength <= MAX_CONFIG_CHARS ? Buffer.from(value).toString() : null;
  if (typeof value === 'string') {
    if (value.length > MAX_CONFIG_CHARS || !value.includes('maxRequestPerSecond')) return null;
    try {
      value = JSON.parse(value) as unknown;
    } catch {
      return null;
    }
  }
  const limits = (value as { limits?: unknown } | null)?.limits;
  const rate = (limits as { maxRequestPerSecond?: unknown } | null | undefined)?.maxRequestPerSecond;
  return typeof rate === 'number' && Number.isFinite(rate) && rate > 0 && rate <= 10_000 ? rate : null;
}

/**
 * Makes the limiter follow the rate Apple announces, unless the caller fixed it: Apple documents
 * `maxRequestPerSecond` in `service/config` as the limit per sToken, and asks MDMs to refresh it every 5 minutes.
 */
export class AppleRateFollower {
  readonly #limiter: TenantRateLimiter;
  readonly #policy: NonNullable<EnginePolicy['rateLimit']>;
  #rate: number;

  constructor(limiter: TenantRateLimiter, policy: NonNullable<EnginePolicy['rateLimit']>) {
    this.#limiter = limiter;
    this.#policy = policy;
    this.#rate = policy.requestsPerSecond;
  }

  /** Reads a successful `service/config` answer; returns the rate now in force. */
  observe(body: unknown): number {
    if (this.#policy.fixedRate) return this.#rate;
    const rate = announcedRate(body);
    if (rate === null || rate === this.#rate) return this.#rate;
    this.#rate = rate;
    const burst = this.#policy.fixedBurst ? this.#policy.burst : Math.max(1, Math.floor(rate));
    this.#limiter.reconfigure(rate, burst);
    return rate;
  }
}
