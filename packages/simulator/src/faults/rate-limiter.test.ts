import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rate-limiter.js';

describe('RateLimiter', () => {
  it('allows a burst, then tells the exact wait until the next token', () => {
    const limiter = new RateLimiter();
    const limit = { perSecond: 10, burst: 3 };
    expect([0, 0, 0].map(() => limiter.take('a', limit, 1000).allowed)).toEqual([true, true, true]);
    expect(limiter.take('a', limit, 1000)).toEqual({ allowed: false, waitMs: 100 });
    expect(limiter.take('a', limit, 1050)).toEqual({ allowed: false, waitMs: 50 });
    expect(limiter.take('a', limit, 1100).allowed).toBe(true);
  });

  it('keeps one bucket per token', () => {
    const limiter = new RateLimiter();
    const limit = { perSecond: 1, burst: 1 };
    expect(limiter.take('a', limit, 0).allowed).toBe(true);
    expect(limiter.take('a', limit, 0).allowed).toBe(false);
    expect(limiter.take('b', limit, 0).allowed).toBe(true);
  });

  it('does not let rejected requests extend the wait', () => {
    const limiter = new RateLimiter();
    const limit = { perSecond: 2, burst: 1 };
    limiter.take('a', limit, 0);
    for (let t = 0; t < 500; t += 100) limiter.take('a', limit, t);
    expect(limiter.take('a', limit, 500).allowed).toBe(true);
  });
});
