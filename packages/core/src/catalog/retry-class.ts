/**
 * What a failure means for the caller, independent of which Apple code carried it.
 * A closed set: metric labels, span attributes and retry defaults are keyed by it.
 */
export const RETRY_CLASSES = [
  'transient',
  'throttled',
  'retry_later',
  'storm_guard',
  'refresh_config',
  'restart_listing',
  'idempotent_ok',
  'state',
  'auth_fatal',
  'client_fatal',
  'unknown',
] as const;

export type RetryClass = (typeof RETRY_CLASSES)[number];

const retryClassSet: ReadonlySet<string> = new Set(RETRY_CLASSES);

/** True when `value` is one of {@link RETRY_CLASSES}. */
export function isRetryClass(value: unknown): value is RetryClass {
  return typeof value === 'string' && retryClassSet.has(value);
}
