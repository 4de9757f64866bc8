import type { DecodedResponse, DecodeInput } from '../decode/types.js';
import type { RetryClass } from '../retry-class.js';

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

/** What an adapter knows about a logical request before sending it. Nothing here is mutated. */
export interface RequestDescriptor {
  /** HTTP method, any case. */
  readonly method: string;
  /** Absolute URL of the request. Only the host and the path's endpoint name are used; it is never logged. */
  readonly url: string;
  /** Request headers; `Authorization: Bearer <sToken>` identifies the tenant and is never recorded. */
  readonly headers?: Readonly<Record<string, unknown>>;
  /** Request body (object or JSON string); a legacy `sToken` identifies the tenant and is never recorded. */
  readonly body?: unknown;
  /** Operation name for telemetry; derived from the URL when absent. Must be from the operation vocabulary or becomes `other`. */
  readonly operation?: string;
  /** The caller vouches that sending twice is safe (unlocks POST retries on ambiguous failures). */
  readonly idempotent?: boolean;
  /** false turns retries off for this request (decoding and telemetry stay on). */
  readonly retry?: boolean;
  /** The caller's signal; aborting it settles the request at once, even during a wait. */
  readonly signal?: AbortSignal;
  /** Overall budget for all attempts and waits, in ms. */
  readonly deadlineMs?: number;
  /** Per-attempt timeout, in ms. */
  readonly attemptTimeoutMs?: number;
}

/** The raw outcome of one attempt as the adapter saw it. */
export type AttemptResult = DecodeInput;

/** Given to the adapter before each physical attempt. */
export interface AttemptContext {
  /** 1 for the first attempt. */
  readonly attempt: number;
  /** Aborts on caller abort, deadline, or this attempt's timeout. Pass it to the HTTP client. */
  readonly signal: AbortSignal;
}

/** The engine's verdict after an attempt. */
export type CallDecision =
  | { readonly action: 'resolve'; readonly decoded: DecodedResponse }
  | {
      readonly action: 'retry';
      readonly decoded: DecodedResponse | null;
      readonly delayMs: number;
      readonly delaySource: DelaySource;
      readonly retryClass: RetryClass;
    }
  | { readonly action: 'reject'; readonly error: Error };
