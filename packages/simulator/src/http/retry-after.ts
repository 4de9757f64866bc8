import type { RetryAfterStyle } from '../faults/types.js';

export interface RetryAfterParts {
  readonly headers: Record<string, string>;
  readonly retryAfterMs: number | null;
  readonly windowEndsAt: number;
}

/**
 * The Retry-After a server would send for a wait of `waitMs`, rounded up so that a client obeying it
 * never comes back before the window ends. `windowEndsAt` keeps the exact instant for the log.
 */
export function retryAfter(style: RetryAfterStyle, waitMs: number, now: number): RetryAfterParts {
  const windowEndsAt = now + waitMs;
  if (style === 'none') return { headers: {}, retryAfterMs: null, windowEndsAt };
  if (style === 'seconds') {
    const seconds = Math.max(1, Math.ceil(waitMs / 1000));
    return { headers: { 'retry-after': String(seconds) }, retryAfterMs: seconds * 1000, windowEndsAt };
  }
  // An HTTP-date has whole seconds; round the target up and the Date header down, so
  // `Retry-After - Date` is never shorter than the real wait.
  const target = Math.ceil(windowEndsAt / 1000) * 1000;
  return {
    headers: {
      'retry-after': new Date(target).toUTCString(),
      date: new Date(Math.floor(now / 1000) * 1000).toUTCString(),
    },
    retryAfterMs: target - now,
    windowEndsAt,
  };
}
