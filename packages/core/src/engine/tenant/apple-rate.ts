import { readBody } from '../../decode/body.js';
import { asFiniteNumber, prop } from '../../decode/fields.js';
import type { EnginePolicy } from '../policy/engine-policy.js';
import { perSecondAllowance, type TenantRateLimiter } from './rate-limiter.js';

/** service/config lists every error code and URL: a few KB. Anything far bigger is not one. */
const MAX_CONFIG_BYTES = 256 * 1024;

/** `limits.maxRequestPerSecond` of a `service/config` answer (string, bytes or parsed), or null. */
export function announcedRate(body: unknown): number | null {
  const content = readBody(body, MAX_CONFIG_BYTES);
  if (content.kind !== 'json') return null;
  const rate = asFiniteNumber(prop(prop(content.value, 'limits'), 'maxRequestPerSecond'));
  return rate !== null && rate > 0 && rate <= 10_000 ? rate : null;
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

  /** Reads a successful `service/config` answer. */
  observe(body: unknown): void {
    if (this.#policy.fixedRate) return;
    const rate = announcedRate(body);
    if (rate === null || rate === this.#rate) return;
    this.#rate = rate;
    const burst = this.#policy.fixedBurst ? this.#policy.burst : perSecondAllowance(rate);
    this.#limiter.reconfigure(rate, burst);
  }
}
