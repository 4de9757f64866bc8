import { readBody } from '../../decode/body.js';
import { asFiniteNumber, prop } from '../../decode/fields.js';
import { MAX_CONFIG_BYTES } from '../../drift/listed-codes.js';
import type { EnginePolicy } from '../policy/engine-policy.js';
import { firstContactBurst } from '../policy/rate-settings.js';
import type { RateSettings } from './rate-controller.js';
import { perSecondAllowance } from './rate-limiter.js';

/** `limits.maxRequestPerSecond` of a `service/config` answer (string, bytes or parsed), or null. */
export function announcedRate(body: unknown): number | null {
  const content = readBody(body, MAX_CONFIG_BYTES);
  if (content.kind !== 'json') return null;
  const rate = asFiniteNumber(prop(prop(content.value, 'limits'), 'maxRequestPerSecond'));
  return rate !== null && rate > 0 && rate <= 10_000 ? rate : null;
}

/**
 * The engine's rate settings, whose ceiling follows the rate Apple announces unless the caller fixed it: Apple
 * documents `maxRequestPerSecond` in `service/config` as the limit per sToken, and asks MDMs to refresh it every
 * 5 minutes. Each change is a new frozen settings object; the store reads whichever it is handed.
 */
export class RateCeiling {
  readonly #policy: EnginePolicy['rateLimit'];
  #settings: RateSettings | null;

  constructor(policy: EnginePolicy['rateLimit']) {
    this.#policy = policy;
    this.#settings = policy === null ? null : policy.settings;
  }

  /** The settings in force, or null when the engine has no rate limit. */
  get settings(): RateSettings | null {
    return this.#settings;
  }

  /** Reads a successful `service/config` answer; returns the new ceiling when it changed, else null. */
  observe(body: unknown): number | null {
    const policy = this.#policy;
    const current = this.#settings;
    if (policy === null || current === null || policy.fixedRate) return null;
    const rate = announcedRate(body);
    if (rate === null || rate === current.ceiling) return null;
    const burst = policy.fixedBurst ? current.burst : perSecondAllowance(rate);
    const firstBurst = policy.fixedBurst ? current.firstBurst : firstContactBurst(burst);
    this.#settings = Object.freeze({ ...current, ceiling: rate, burst, firstBurst });
    return rate;
  }
}
