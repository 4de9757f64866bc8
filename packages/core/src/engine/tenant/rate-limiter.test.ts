import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MemoryTenantStore } from './memory-tenant-store.js';
import type { RateSettings } from './rate-controller.js';

/** The store's limiter at a fixed rate (the closed loop off), with `reserve` / `tryReserveNow` in ms to wait. */
class TenantRateLimiter {
  readonly store = new MemoryTenantStore();
  settings: RateSettings;

  constructor(rate: number, burst: number) {
    this.settings = { ceiling: rate, burst, firstBurst: burst, controller: null };
  }

  reserve(tenant: string, now: number): number {
    const turn = this.store.acquire(tenant, now, this.settings);
    if (turn.kind === 'gate') throw new Error('no gate in these tests');
    return turn.kind === 'wait' ? turn.ms : 0;
  }

  tryReserveNow(tenant: string, now: number): boolean {
    return this.store.tryAcquireNow(tenant, now, this.settings);
  }

  sentLate(tenant: string, bookedAt: number, sentAt: number): void {
    this.store.sentLate(tenant, bookedAt, sentAt);
  }

  reconfigure(rate: number, burst: number): void {
    this.settings = { ceiling: rate, burst, firstBurst: burst, controller: null };
  }
}

/** Books `count` requests arriving at `arrivals` (ms), each sent as soon as the limiter allows. */
function sendTimes(limiter: TenantRateLimiter, arrivals: readonly number[]): number[] {
  return arrivals.map((at) => at + limiter.reserve('t', at));
}

function maxInWindow(times: readonly number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while ((sorted[i] as number) - (sorted[j] as number) >= windowMs) j++;
    most = Math.max(most, i - j + 1);
  }
  return most;
}

describe('TenantRateLimiter', () => {
  it('lets a second’s allowance go at once, then the next one a second later', () => {
    const times = sendTimes(new TenantRateLimiter(15, 15), Array(31).fill(0));
    expect(times.slice(0, 15)).toEqual(Array(15).fill(0));
    expect(times[15]).toBeGreaterThanOrEqual(1000);
    expect(times[15]).toBeLessThanOrEqual(1050);
    expect(times[30]).toBeGreaterThanOrEqual(2000);
  });

  it('with burst 1 spaces requests evenly', () => {
    const times = sendTimes(new TenantRateLimiter(10, 1), Array(4).fill(0));
    expect(times).toEqual([0, 100, 200, 300]);
  });

  it('never lets more than the rate through in any second, whatever the arrivals', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }),
        fc.array(fc.integer({ min: 0, max: 5000 }), { minLength: 1, maxLength: 200 }),
        fc.integer({ min: 1, max: 30 }),
        (rate, offsets, burst) => {
          const limiter = new TenantRateLimiter(rate, burst);
          const arrivals = [...offsets].sort((a, b) => a - b);
          const times = sendTimes(limiter, arrivals);
          for (const [i, t] of times.entries()) expect(t).toBeGreaterThanOrEqual(arrivals[i] as number);
          expect(maxInWindow(times, 1000)).toBeLessThanOrEqual(rate);
        },
      ),
    );
  });

  it("sends the first-contact burst in a tenant's first second, the rest at twice the pace, the whole burst after it", () => {
    const limiter = new TenantRateLimiter(15, 15);
    limiter.settings = { ...limiter.settings, firstBurst: 5 };
    const first = sendTimes(limiter, Array(15).fill(0));
    expect(first.filter((t) => t === 0)).toHaveLength(5);
    // Then evenly spaced at twice the pace: the first window ends a third of a second after it began.
    for (let i = 5; i < 15; i++) expect(first[i]! - first[i - 1]!).toBeCloseTo(1000 / 30, 5);
    // Idle from 2 s on: the window is clear, and 15 may leave at once.
    const later = sendTimes(limiter, Array(15).fill(2000));
    expect(later).toEqual(Array(15).fill(2000));
  });

  it('tryReserveNow books nothing when the caller would have to wait', () => {
    const limiter = new TenantRateLimiter(2, 2);
    expect(limiter.tryReserveNow('t', 0)).toBe(true);
    expect(limiter.tryReserveNow('t', 0)).toBe(true);
    expect(limiter.tryReserveNow('t', 10)).toBe(false);
    expect(limiter.reserve('t', 10)).toBeGreaterThanOrEqual(990);
    expect(limiter.tryReserveNow('other', 10)).toBe(true);
  });
});

describe('TenantRateLimiter, late timers', () => {
  it('counts the next window from when a late request really left', () => {
    const limiter = new TenantRateLimiter(2, 2);
    expect(limiter.reserve('t', 0)).toBe(0);
    expect(limiter.reserve('t', 0)).toBe(0);
    const wait = limiter.reserve('t', 0); // the third waits for the window
    limiter.sentLate('t', wait, wait + 300); // its timer fired 300 ms late
    expect(limiter.reserve('t', wait + 300)).toBe(0); // the fourth may join it: 2 in the window
    expect(limiter.reserve('t', wait + 300)).toBeGreaterThanOrEqual(1000);
  });
});

describe('TenantRateLimiter, released slots', () => {
  it('a slot given up when a gate closed holds nothing back: the next request goes when the gate opens', () => {
    const limiter = new TenantRateLimiter(10, 1);
    const waits = Array.from({ length: 20 }, () => limiter.reserve('t', 0)); // booked 0, 100, …, about 1.9 s
    expect(waits[19]).toBeGreaterThan(1900); // ten per window of 1 s + 25 ms
    // A 429 at 50 ms closes the gate until 1000: the 19 not yet sent give their slots up.
    for (const at of waits.slice(1)) limiter.store.released('t', at);
    expect(limiter.reserve('t', 1000)).toBe(0);
    expect(limiter.reserve('t', 1000)).toBe(100); // evenly spaced again, from the gate
  });

  it('without releasing them, the same request would wait for the abandoned slots', () => {
    const limiter = new TenantRateLimiter(10, 1);
    for (let i = 0; i < 20; i++) limiter.reserve('t', 0);
    expect(limiter.reserve('t', 1000)).toBeGreaterThan(1000);
  });

  it('releasing keeps the window strict: never more than the rate in any second', () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { minLength: 1, maxLength: 60 }), (release) => {
        const limiter = new TenantRateLimiter(15, 15);
        const sent: number[] = [];
        for (const [i, drop] of release.entries()) {
          const at = i * 40;
          const slot = at + limiter.reserve('t', at);
          if (drop) limiter.store.released('t', slot);
          else sent.push(slot);
        }
        expect(maxInWindow(sent, 1000)).toBeLessThanOrEqual(15);
      }),
    );
  });
});

describe('TenantRateLimiter.reconfigure', () => {
  it('keeps the newest bookings, so a lower rate never lets an extra burst through', () => {
    const limiter = new TenantRateLimiter(15, 15);
    for (let i = 0; i < 10; i++) expect(limiter.reserve('t', 0)).toBe(0);
    limiter.reconfigure(5, 5);
    expect(limiter.reserve('t', 10)).toBeGreaterThanOrEqual(990); // 5 already sent in this second
  });

  it('a higher rate takes effect at once', () => {
    const limiter = new TenantRateLimiter(5, 5);
    for (let i = 0; i < 5; i++) expect(limiter.reserve('t', 0)).toBe(0);
    expect(limiter.reserve('t', 0)).toBeGreaterThanOrEqual(1000); // the 6th waits a window at 5/s
    limiter.reconfigure(20, 20);
    expect(limiter.reserve('t', 0)).toBeLessThan(1000);
  });
});

describe('announcedRate', () => {
  it("reads limits.maxRequestPerSecond from service/config, in any body form Apple's answer arrives as", async () => {
    const { announcedRate } = await import('./apple-rate.js');
    const body = {
      errorCodes: [{ errorNumber: 9646, errorMessage: 'x' }],
      limits: { maxRequestPerSecond: 7 },
    };
    expect(announcedRate(body)).toBe(7);
    expect(announcedRate(JSON.stringify(body))).toBe(7);
    expect(announcedRate(Buffer.from(JSON.stringify(body)))).toBe(7);
    for (const bad of [null, 'nope', '{"limits":{}}', { limits: { maxRequestPerSecond: -1 } }, { limits: 3 }])
      expect(announcedRate(bad)).toBeNull();
  });
});
