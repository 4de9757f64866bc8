import { describe, expect, it } from 'vitest';
import { parseHttpDate, parseRetryAfter } from './retry-after.js';

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

describe('parseHttpDate', () => {
  it('does not treat bare numbers as dates', () => {
    expect(parseHttpDate('12')).toBeNull();
    expect(parseHttpDate(DATE)).toBe(DATE_MS);
  });
});
