import type { DecodedResponse } from '../../decode/types.js';

const SAFE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']);

/** Codes with which Apple states the request was not carried out: maintenance, temporarily unavailable. */
const NOT_PROCESSED_CODES: ReadonlySet<number | string> = new Set([9644, 9729, 9646]);

/** GET/HEAD/PUT/DELETE/OPTIONS may be sent twice by HTTP's own rules. */
export function isIdempotentMethod(method: string): boolean {
  return SAFE_METHODS.has(method.toUpperCase());
}

/**
 * True when the response proves the server did not act on the request, so resending cannot duplicate work:
 * throttling (429 / 9646), maintenance (9644), 9729, a 503 with Retry-After, or any documented Apple code in
 * the body (Apple answered with a defined error such as 9603 and says to resend).
 */
export function isProvablyUnprocessed(decoded: DecodedResponse): boolean {
  if (decoded.retryClass === 'throttled' || decoded.httpStatus === 429) return true;
  if (decoded.httpStatus === 503 && decoded.retryAfterMs !== null) return true;
  const first = decoded.failures[0];
  if (first === undefined || first.code === null) return false;
  return NOT_PROCESSED_CODES.has(first.code) || first.known;
}
