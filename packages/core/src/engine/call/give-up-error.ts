import type { RetryClass } from '../../catalog/retry-class.js';
import { isValidEpochMs } from '../../decode/time-bounds.js';
import type { DecodedResponse } from '../../decode/types.js';
import { VppError, type VppErrorCode } from '../../errors/vpp-error.js';
import type { GiveUpReason, RetryInfo } from '../../shared/call-outcome.js';
import { errorTypeOf } from './network-error.js';

export interface GiveUpDetails {
  readonly reason: GiveUpReason;
  readonly decoded: DecodedResponse | null;
  readonly retryClass: RetryClass | null;
  /** When the server said the request may be tried again. */
  readonly retryAt: number | null;
  readonly retryInfo: RetryInfo;
  /** The last underlying error (a network error, or the client's HTTP error). */
  readonly cause: unknown;
  /** The retry-after wait came from the server (Retry-After header or the tenant gate). */
  readonly serverWait: boolean;
}

function codeFor(details: GiveUpDetails): VppErrorCode {
  if (details.reason === 'retry_after_too_long') return 'ERR_VPP_RETRY_AFTER';
  if (details.reason === 'deadline') return details.serverWait ? 'ERR_VPP_RETRY_AFTER' : 'ERR_VPP_DEADLINE';
  return details.decoded === null ? 'ERR_VPP_NETWORK' : 'ERR_VPP_API';
}

function plural(n: number): string {
  return n === 1 ? '1 attempt' : `${n} attempts`;
}

/** What went wrong, from catalog wording (Apple's listed text for a learned code) and closed-set values: never a server message, URL or token. */
function describe(details: GiveUpDetails): string {
  const failure = details.decoded?.failures[0];
  if (failure !== undefined) {
    const code = failure.known && failure.code !== null ? `error ${failure.code}` : 'error';
    return `Apple VPP ${code} (${details.retryClass ?? failure.retryClass}): ${failure.message}`;
  }
  if (details.decoded !== null) return `Apple VPP answered HTTP ${details.decoded.httpStatus ?? '?'}`;
  return `Apple VPP request got no response (${errorTypeOf(details.cause)})`;
}

/** The VppError a logical call rejects with when it stops retrying. */
export function giveUpError(details: GiveUpDetails): VppError {
  const { retryAt } = details;
  const when =
    retryAt !== null && isValidEpochMs(retryAt) ? `; retry after ${new Date(retryAt).toISOString()}` : '';
  return new VppError({
    code: codeFor(details),
    message: `${describe(details)}; gave up (${details.reason}) after ${plural(details.retryInfo.attempts)}${when}`,
    failures: details.decoded?.failures ?? [],
    decoded: details.decoded,
    reason: details.reason,
    retryAt: details.retryAt,
    retryInfo: details.retryInfo,
    cause: details.cause,
    retryClass: details.retryClass,
  });
}

/** The reason the call signal carries when the overall deadline passes. */
export function deadlineError(deadlineMs: number, retryInfo: RetryInfo): VppError {
  return new VppError({
    code: 'ERR_VPP_DEADLINE',
    message: `Apple VPP request exceeded its deadline of ${deadlineMs} ms after ${plural(retryInfo.attempts)}`,
    reason: 'deadline',
    retryInfo,
  });
}

/** The reason an attempt's signal carries when its own timeout passes; treated like a network timeout. */
export function attemptTimeoutError(timeoutMs: number): Error {
  return new DOMException(`Apple VPP attempt timed out after ${timeoutMs} ms`, 'TimeoutError');
}
