// Which (strategy, Retry-After style) pairs the throttle bench runs by default, and why some are left out.
import { STRATEGIES } from './strategies.mjs';

export const STYLES = /** @type {const} */ (['seconds', 'http-date', 'none']);

/**
 * Pairs the default matrix skips because they add no information (pass --full to run them anyway):
 * - axios-retry's exponentialDelay variant on http-date: it waits max(backoff, Retry-After) with the same
 *   Retry-After parser as the default variant, which already runs on http-date; 'seconds' shows the variant.
 * - the reactive vppwatch variant (no proactive limiter) outside 'seconds': it exists to show the shared
 *   Retry-After gate on its own, which one style shows.
 */
const SKIPPED = new Set([
  'axios-retry-exp/http-date',
  'vppwatch-axios-reactive/http-date',
  'vppwatch-axios-reactive/none',
]);

/**
 * @param {{ full: boolean, styles?: readonly string[], strategies?: readonly string[] }} options
 * @returns {{ strategy: import('./strategies.mjs').Strategy, retryAfter: 'seconds' | 'http-date' | 'none' }[]}
 */
export function buildMatrix({ full, styles, strategies }) {
  const pairs = [];
  for (const retryAfter of STYLES) {
    if (styles !== undefined && !styles.includes(retryAfter)) continue;
    for (const strategy of STRATEGIES) {
      if (strategies !== undefined && !strategies.includes(strategy.id)) continue;
      if (!full && strategies === undefined && SKIPPED.has(`${strategy.id}/${retryAfter}`)) continue;
      pairs.push({ strategy, retryAfter });
    }
  }
  return pairs;
}
