import type { RetryClass } from '../catalog/retry-class.js';

/**
 * Retry classes from most to least severe. When one response carries several failures, the first class in this
 * list decides the response's `retryClass`:
 * never-retry classes first (a dead token beats a bad item; a bug beats a business state; an unknown code is
 * not retried blindly), then the ones that need a changed request, then waits from longest to shortest, and
 * `idempotent_ok` last because it means the work is already done.
 */
export const RETRY_CLASS_SEVERITY: readonly RetryClass[] = [
  'auth_fatal',
  'client_fatal',
  'state',
  'unknown',
  'storm_guard',
  'refresh_config',
  'restart_listing',
  'retry_later',
  'throttled',
  'transient',
  'idempotent_ok',
];

/**
 * The most severe class among `classes`, or null for none.
 *
 * @example
 * ```ts
 * mostSevereRetryClass(['transient', 'auth_fatal']); // 'auth_fatal'
 * ```
 */
export function mostSevereRetryClass(classes: Iterable<RetryClass>): RetryClass | null {
  let best: RetryClass | null = null;
  let bestRank = Number.POSITIVE_INFINITY;
  for (const cls of classes) {
    const rank = RETRY_CLASS_SEVERITY.indexOf(cls);
    if (rank !== -1 && rank < bestRank) {
      best = cls;
      bestRank = rank;
    }
  }
  return best;
}
