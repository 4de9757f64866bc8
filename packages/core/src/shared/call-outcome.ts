import type { RetryClass } from '../catalog/retry-class.js';

/** Why the engine stopped retrying. A closed set (also a metric label). */
export type GiveUpReason =
  | 'attempts'
  | 'budget'
  | 'deadline'
  | 'retry_after_too_long'
  | 'not_retryable'
  | 'aborted'
  | 'unsafe_method';

/** Where a scheduled delay came from. */
export type DelaySource = 'retry_after' | 'backoff' | 'gate';

/** Summary of one logical request's attempts, readable through `getRetryInfo(responseOrError)`. */
export interface RetryInfo {
  readonly attempts: number;
  readonly totalDelayMs: number;
  /** The retry class behind each scheduled retry, oldest first. */
  readonly retryReasons: readonly RetryClass[];
  readonly lastRetryAfterMs: number | null;
  readonly giveUpReason: GiveUpReason | null;
}
