import { describe, expect, it } from 'vitest';
import { parseHttpDate, parseRetryAfter } from './retry-after.js';
import { MAX_RETRY_AFTER_MS } from './time-bounds.js';

const DATE = 'Sun, 22 Nov 2026 10:00:00 GMT';
const DATE_MS = Date.UTC(2026, 10, 22, 10, 0, 0);

describe('parseRetryAfter', () => {
  it.each([
    ['120', 120_000],
    ['0', 0],
    ['1.5', 1_500],
    [' 7 ', 7_000],
    [3, 3_000],
    [['2', '9'], 2_000],
  ] as const)('delta-seconds %j → %i ms', (value, expected) => {
    expect(parseRetryAfter(value)).toBe(expected);
  });

  it.each(['', 'soon', '-5', '1e3', 'NaN', '12abc', '9'.repeat(40)])('rejects %j', (value) => {
    expect(parseRetryAfter(value)).toBeNull();
  });

  it('rejects non-string, non-number values', () => {
    expect(parseRetryAfter(undefined)).toBeNull();
    expect(parseRetryAfter(null)).toBeNull();
    expect(parseRetryAfter({})).toBeNull();
    expect(parseRetryAfter(-1)).toBeNull();
    expect(parseRetryAfter(Number.POSITIVE_INFINITY)).toBeNull();
  });

  it('measures an HTTP-date against the response Date header', () => {
    expect(parseRetryAfter('Sun, 22 Nov 2026 10:02:00 GMT', DATE, 0)).toBe(120_000);
  });

  it('falls back to now when the Date header is absent or unusable', () => {
    expect(parseRetryAfter('Sun, 22 Nov 2026 10:00:30 GMT', undefined, DATE_MS)).toBe(30_000);
    expect(parseRetryAfter('Sun, 22 Nov 2026 10:00:30 GMT', 'garbage', DATE_MS)).toBe(30_000);
  });

  it('accepts the obsolete RFC 850 and asctime forms', () => {
    expect(parseRetryAfter('Sunday, 22-Nov-26 10:01:00 GMT', DATE)).toBe(60_000);
    expect(parseRetryAfter('Sun Nov 22 10:01:00 2026', 'Sun Nov 22 10:00:00 2026')).toBe(60_000);
  });

  it('never answers a negative wait for a date in the past', () => {
    expect(parseRetryAfter('Sun, 22 Nov 2026 09:00:00 GMT', DATE)).toBe(0);
  });
});

describe('absurd Retry-After values are clamped to 24 h, never a time a Date cannot hold', () => {
  it.each([
    ['999999999999999', undefined],
    ['999999999', undefined],
    ['Sat, 13 Sep 275760 00:00:00 GMT', 'Thu, 01 Jan 1970 00:00:00 GMT'],
    [DATE, 'Thu, 01 Jan 1970 00:00:00 GMT'],
    [1e300, undefined],
  ] as const)('%j against Date %j → 24 h', (value, date) => {
    expect(parseRetryAfter(value, date, DATE_MS)).toBe(MAX_RETRY_AFTER_MS);
  });

  it('a Date header decades ahead makes a real date a past one: no wait', () => {
    expect(parseRetryAfter(DATE, 'Mon, 01 Jan 2090 00:00:00 GMT', DATE_MS)).toBe(0);
  });

  it('a wait just under the cap is kept as it is', () => {
    expect(parseRetryAfter(String(MAX_RETRY_AFTER_MS / 1000 - 1))).toBe(MAX_RETRY_AFTER_MS - 1000);
  });
});

describe('parseHttpDate', () => {
  it('does not treat bare numbers as dates', () => {
    expect(parseHttpDate('12')).toBeNull();
    expect(parseHttpDate(DATE)).toBe(DATE_MS);
  });
});
