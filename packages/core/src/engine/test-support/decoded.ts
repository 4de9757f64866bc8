import type { RetryClass } from '../../catalog/retry-class.js';
import type { DecodedResponse, VppFailure } from '../../decode/types.js';

/** A decoded failure built by hand, so decision tests do not depend on the decoder. */
export function failureOf(
  code: number | string | null,
  retryClass: RetryClass,
  httpStatus: number | null,
  retryAfterMs: number | null = null,
): DecodedResponse {
  const failure: VppFailure = {
    code,
    known: code !== null,
    message: 'Catalog wording.',
    serverMessage: null,
    retryClass,
    httpStatus,
    source: 'response',
  };
  return {
    outcome: 'failure',
    format: 'v2',
    failures: [failure],
    retryClass,
    retryAfterMs,
    tokenExpiresAt: null,
    httpStatus,
  };
}
