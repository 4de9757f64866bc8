import { describe, expect, it } from 'vitest';
import { capacityPlan } from './capacity-plan.js';
import { RateLimiter } from './rate-limiter.js';
import type { EffectiveFaults, RateLimitFault } from './types.js';

const bucket = (rateLimit: RateLimitFault) => {
  const plan = capacityPlan({ rateLimit });
  if (plan === null) throw new Error('expected a plan');
  return plan;
};

const planOf = (faults: EffectiveFaults) => {
  const plan = capacityPlan(faults);
  if (plan === null) throw new Error('expected a plan');
  return plan;
};

/** A client that asks every `everyMs` from `from` to `to`; how many it got, by second since `from`. */
function admittedPerSecond(
  limiter: RateLimiter,
  plan: ReturnType<typeof planOf>,
  { from, to, everyMs }: { from: number; to: number; everyMs: number },
): number[] {
  const seconds: number[] = [];
  for (let t = from; t < to; t += everyMs) {
    const second = Math.floor((t - from) / 1000);
    seconds[second] = (seconds[second] ?? 0) + (limiter.take('a', plan, t).allowed ? 1 : 0);
  }
  return seconds;
}

describe('RateLimiter', () => {
  it('allows a burst, then tells the exact wait until the next token', () => {
    const limiter = new RateLimiter();
    const limit = bucket({ perSecond: 10, burst: 3 });
    expect([0, 0, 0].map(() => limiter.take('a', limit, 1000).allowed)).toEqual([true, true, true]);
    expect(limiter.take('a', limit, 1000)).toEqual({ allowed: false, waitMs: 100 });
    expect(limiter.take('a', limit, 1050)).toEqual({ allowed: false, waitMs: 50 });
    expect(limiter.take('a', limit, 1100).allowed).toBe(true);
  });

  it('keeps one bucket per token', () => {
    const limiter = new RateLimiter();
    const limit = bucket({ perSecond: 1, burst: 1 });
    expect(limiter.take('a', limit, 0).allowed).toBe(true);
    expect(limiter.take('a', limit, 0).allowed).toBe(false);
    expect(limiter.take('b', limit, 0).allowed).toBe(true);
  });

  it('does not let rejected requests extend the wait', () => {
    const limiter = new RateLimiter();
    const limit = bucket({ perSecond: 2, burst: 1 });
    limiter.take('a', limit, 0);
    for (let t = 0; t < 500; t += 100) limiter.take('a', limit, t);
    expect(limiter.take('a', limit, 500).allowed).toBe(true);
  });

  it('gives a capacity below 15 a bucket of one second of it by default, so 5/s never admits 6 at once', () => {
    const limiter = new RateLimiter();
    const results = Array.from({ length: 6 }, () => limiter.take('a', bucket({ perSecond: 5 }), 0).allowed);
    expect(results).toEqual([true, true, true, true, true, false]);
    expect(
      admittedPerSecond(new RateLimiter(), bucket({ perSecond: 5 }), { from: 0, to: 10_000, everyMs: 10 }),
    ).toEqual([9, 5, 5, 5, 5, 5, 5, 5, 5, 5]); // the bucket of 5, then 4 refills in the rest of that second
  });
});

describe('RateLimiter with a capacity schedule', () => {
  // 15/s, 5/s from 5 s to 25 s, then 15/s again: the schedule as FaultStore anchors it (set at t = 0).
  const schedule = planOf({
    capacitySchedule: [
      { atMs: 0, perSecond: 15, startsAt: 0 },
      { atMs: 5000, perSecond: 5, startsAt: 5000 },
      { atMs: 25_000, perSecond: 15, startsAt: 25_000 },
    ],
  });

  it('admits what each step allows, second by second, to a client that asks every 10 ms', () => {
    const seconds = admittedPerSecond(new RateLimiter(), schedule, { from: 0, to: 30_000, everyMs: 10 });
    expect(seconds.slice(0, 5)).toEqual([29, 15, 15, 15, 15]); // full bucket of 15 and 14 refills, then 15/s
    expect(seconds.slice(5, 25)).toEqual(Array(20).fill(5));
    expect(seconds.slice(25)).toEqual([15, 15, 15, 15, 15]);
  });

  it('caps the bucket at the lower burst when capacity drops, so a saved-up bucket cannot overrun the new rate', () => {
    const limiter = new RateLimiter();
    limiter.take('a', schedule, 0); // the bucket exists, with 14 tokens
    let admitted = 0;
    for (let i = 0; i < 20; i++) if (limiter.take('a', schedule, 5000).allowed) admitted += 1;
    expect(admitted).toBe(5);
  });

  it('tells the wait across a step: 0.5 token at 5/s over 100 ms, the other half at 1/s', () => {
    const plan = planOf({
      rateLimit: { perSecond: 5, burst: 1 },
      capacitySchedule: [{ atMs: 100, perSecond: 1, startsAt: 100 }],
    });
    const limiter = new RateLimiter();
    expect(limiter.take('a', plan, 0).allowed).toBe(true);
    const refused = limiter.take('a', plan, 0);
    expect(refused.allowed).toBe(false);
    expect(refused.allowed === false && refused.waitMs).toBeCloseTo(600, 9);
  });
});

describe('RateLimiter with a foreign client on the token', () => {
  const shared = planOf({ rateLimit: { perSecond: 15 }, foreignLoad: { perSecond: 7, since: 0 } });
  const snapshotAt = (limiter: RateLimiter, t: number) => limiter.snapshot('a', shared, t).foreign;

  it('leaves a client 8 of 15 per second once the foreign client takes its 7, and serves the foreign client in full', () => {
    const limiter = new RateLimiter();
    const seconds = admittedPerSecond(limiter, shared, { from: 0, to: 10_000, everyMs: 125 }); // 8/s, evenly
    expect(seconds).toEqual(Array(10).fill(8));
    expect(snapshotAt(limiter, 10_000)).toEqual({ sent: 71, served: 71, refused: 0 }); // arrivals at 0 … 10 s
  });

  it('refuses the foreign client when our client takes every token the moment it exists', () => {
    const limiter = new RateLimiter();
    const seconds = admittedPerSecond(limiter, shared, { from: 0, to: 10_000, everyMs: 1 });
    const foreign = snapshotAt(limiter, 10_000);
    expect(foreign?.sent).toBe(71);
    expect(foreign?.refused).toBeGreaterThan(50); // it only gets a token that refilled between two of our asks
    expect(seconds.slice(1).every((n) => n >= 13 && n <= 15)).toBe(true);
  });

  it('splits the capacity when both ask for more than it: a client at 15/s gets about 8 and sees 429s', () => {
    const limiter = new RateLimiter();
    const every = 1000 / 15;
    let admitted = 0;
    let refused = 0;
    for (let i = 0; i < 150; i++) {
      if (limiter.take('a', shared, i * every).allowed) admitted += 1;
      else refused += 1;
    }
    const foreign = snapshotAt(limiter, 150 * every);
    expect(admitted + (foreign?.served ?? 0)).toBeLessThanOrEqual(15 + 15 * 10 + 1);
    expect(refused).toBeGreaterThan(0);
    expect(admitted).toBeLessThan(150);
  });
});
