/**
 * The longest wait a server may announce that the decoder passes on: 24 hours. Apple's longest documented pauses
 * (maintenance, 9603 storms) last minutes; a larger `Retry-After` (`999999999`, a date decades ahead, a `Date`
 * header in 1970) is a broken header, and passing it on as it is would lock a token for years or overflow a date.
 */
export const MAX_RETRY_AFTER_MS = 24 * 60 * 60 * 1000;

/** The largest epoch ms a JavaScript `Date` can hold (year 275760); beyond it `toISOString()` throws. */
const MAX_DATE_MS = 8.64e15;

/** True for an epoch ms a `Date` can represent, from 1970 on: anything else is not a time the server meant. */
export function isValidEpochMs(ms: number): boolean {
  return Number.isFinite(ms) && ms >= 0 && ms <= MAX_DATE_MS;
}

/** A wait the server announced, clamped to `[0, MAX_RETRY_AFTER_MS]` and rounded to whole ms. */
export function clampRetryAfterMs(ms: number): number {
  if (Number.isNaN(ms) || ms <= 0) return 0;
  return ms >= MAX_RETRY_AFTER_MS ? MAX_RETRY_AFTER_MS : Math.round(ms);
}
