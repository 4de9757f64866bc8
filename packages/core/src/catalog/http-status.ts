import type { RetryClass } from './retry-class.js';

/**
 * The retry class an HTTP status implies when the body names no known code.
 *
 * @example
 * ```ts
 * classifyHttpStatus(503); // 'transient'
 * classifyHttpStatus(429); // 'throttled'
 * classifyHttpStatus(200); // 'unknown'
 * ```
 */
export function classifyHttpStatus(status: number | null | undefined): RetryClass {
  if (typeof status !== 'number' || !Number.isInteger(status)) return 'unknown';
  if (status >= 500 && status <= 599) return 'transient';
  if (status === 429) return 'throttled';
  if (status === 401 || status === 403) return 'auth_fatal';
  if (status >= 400 && status <= 499) return 'client_fatal';
  return 'unknown';
}
