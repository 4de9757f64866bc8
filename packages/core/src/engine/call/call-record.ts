import type { RetryClass } from '../../catalog/retry-class.js';
import type { DecodedResponse } from '../../decode/types.js';
import type { GiveUpReason, RetryInfo } from '../../shared/call-outcome.js';
import { errorNumberLabel, statusLabel } from '../../telemetry/labels.js';
import { errorTypeOf } from './network-error.js';

/** The mutable facts of one logical call, kept apart from the logic that changes them. */
export class CallRecord {
  attempts = 0;
  /** Attempts that failed with a transient error (what `maxAttempts` bounds). */
  transientFailures = 0;
  totalDelayMs = 0;
  readonly retryReasons: RetryClass[] = [];
  lastRetryAfterMs: number | null = null;
  giveUpReason: GiveUpReason | null = null;
  lastDecoded: DecodedResponse | null = null;
  /** Status of the latest attempt's response; null when that attempt got none (a network error). */
  lastHttpStatus: number | null = null;
  /** Budget cost of the latest retry, refunded if the call then succeeds. */
  lastRetryCost: number | null = null;
  /** The final failure's facts, for the span and the requests metric. */
  failureClass: RetryClass | null = null;
  failureNumber: number | string | null = null;
  failureType = '_OTHER';

  /** Keeps the final failure's low-cardinality facts for the span and the requests metric. */
  recordFailure(retryClass: RetryClass, decoded: DecodedResponse | null, cause: unknown): void {
    this.failureClass = retryClass;
    this.failureNumber = decoded?.failures[0]?.code ?? null;
    const number = errorNumberLabel(this.failureNumber);
    const status = statusLabel(decoded?.httpStatus ?? null);
    this.failureType = number !== 'none' && number !== 'other' ? number : (status ?? errorTypeOf(cause));
  }

  info(): RetryInfo {
    return {
      attempts: this.attempts,
      totalDelayMs: this.totalDelayMs,
      retryReasons: [...this.retryReasons],
      lastRetryAfterMs: this.lastRetryAfterMs,
      giveUpReason: this.giveUpReason,
    };
  }
}
