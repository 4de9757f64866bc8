import type { RetryClass } from '../catalog/retry-class.js';

/** The classes the engine retries by default; every other class resolves or rejects at once. */
export const RETRYABLE_CLASSES = ['transient', 'throttled', 'retry_later'] as const;

export type RetryableClass = (typeof RETRYABLE_CLASSES)[number];

/** True when failures of `retryClass` are worth sending again. */
export function isRetryableClass(retryClass: RetryClass | null): retryClass is RetryableClass {
  return retryClass === 'transient' || retryClass === 'throttled' || retryClass === 'retry_later';
}
