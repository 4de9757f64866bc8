import { describe, expect, it } from 'vitest';
import { retryAfter } from './retry-after.js';

describe('retryAfter', () => {
  it('rounds seconds up, so a client never returns before the window ends', () => {
    expect(retryAfter('seconds', 66.7, 0)).toEqual({
      headers: { 'retry-after': '1' },
      retryAfterMs: 1000,
      windowEndsAt: 66.7,
    });
    expect(retryAfter('seconds', 2000, 10).headers['retry-after']).toBe('2');
    expect(retryAfter('seconds', 2001, 10).headers['retry-after']).toBe('3');
  });

  it('writes an HTTP-date rounded up, with a Date header rounded down', () => {
    const now = Date.UTC(2026, 0, 1, 12, 0, 0, 250);
    const parts = retryAfter('http-date', 1500, now);
    expect(parts.headers).toEqual({
      'retry-after': 'Thu, 01 Jan 2026 12:00:02 GMT',
      date: 'Thu, 01 Jan 2026 12:00:00 GMT',
    });
    expect(parts.retryAfterMs).toBe(1750);
    expect(parts.windowEndsAt).toBe(now + 1500);
  });

  it('sends nothing for none, but keeps the window end', () => {
    expect(retryAfter('none', 300, 1000)).toEqual({ headers: {}, retryAfterMs: null, windowEndsAt: 1300 });
  });
});
