import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RequestDescriptor } from '../call/types.js';
import { createVppEngine } from '../create-engine.js';
import { fakeApple } from '../test-support/fake-apple.js';
import { MemoryTenantStore } from './memory-tenant-store.js';
import type { TenantStore } from './tenant-store.js';

const START = 1_700_000_000_000;
beforeEach(() => {
  vi.useFakeTimers({ now: START });
});
afterEach(() => {
  vi.useRealTimers();
});

/** Apple-like limit: at most `limit` arrivals per sliding second; more get 429 + Retry-After. */
function limitedApple(limit: number) {
  const arrivals: number[] = [];
  let blockedUntil = 0;
  let early = 0;
  const rejectedAt: number[] = [];
  const apple = fakeApple((_index, now) => {
    if (now < blockedUntil) early += 1;
    while (arrivals.length > 0 && now - arrivals[0]! >= 1000) arrivals.shift();
    if (arrivals.length >= limit) {
      rejectedAt.push(now);
      blockedUntil = Math.max(blockedUntil, arrivals[0]! + 1000);
      const seconds = Math.ceil((blockedUntil - now) / 1000);
      return {
        status: 429,
        headers: { 'retry-after': String(seconds) },
        body: { errorNumber: 9646, errorMessage: 'x' },
      };
    }
    arrivals.push(now);
    return { status: 200, body: {} };
  });
  return { ...apple, early: () => early, rejectedAt: () => rejectedAt };
}

/** 300 calls from 20 workers through one engine against {@link limitedApple}(15): when the last one finished. */
async function run300(engine: ReturnType<typeof createVppEngine>, apple: ReturnType<typeof limitedApple>) {
  const request: RequestDescriptor = {
    method: 'GET',
    url: 'https://vpp.itunes.apple.com/mdm/v2/assets',
    headers: { authorization: 'Bearer one-token' },
  };
  const begin = Date.now();
  let remaining = 300;
  let finishedAt = 0;
  const worker = async () => {
    while (remaining > 0) {
      remaining -= 1;
      await engine.execute(request, apple.transport);
      finishedAt = Math.max(finishedAt, Date.now());
    }
  };
  const all = Promise.all(Array.from({ length: 20 }, worker));
  await vi.runAllTimersAsync();
  await all;
  return finishedAt - begin;
}

describe('throughput under Apple’s 15 requests/second limit (simulated time)', () => {
  it('with a burst of 15, 300 requests from 20 workers finish within 1.05× the ideal 19 s, each in one attempt', async () => {
    const engine = createVppEngine({ rateLimit: { burst: 15 }, metrics: false, tracing: false });
    const apple = limitedApple(15);
    const elapsed = await run300(engine, apple);
    // Ideal: 15 at once, then 15 more each second: the last batch leaves at 19 s.
    expect(apple.sentAt.length).toBe(300); // no 429, so no retry
    expect(elapsed).toBeLessThanOrEqual(19_000 * 1.05);
    expect(apple.early()).toBe(0);
  });

  it('with the default first-contact burst, still within 1.05×: the first second costs a third of a second once', async () => {
    const burst15 = await run300(
      createVppEngine({ rateLimit: { burst: 15 }, metrics: false, tracing: false }),
      limitedApple(15),
    );
    const engine = createVppEngine({ metrics: false, tracing: false });
    const apple = limitedApple(15);
    const elapsed = await run300(engine, apple);
    expect(apple.sentAt.length).toBe(300);
    expect(apple.early()).toBe(0);
    expect(elapsed).toBeLessThanOrEqual(19_000 * 1.05);
    // 5 at once, the other 10 of the first second 1000/30 ms apart: the strict window carries that to the end.
    expect(elapsed - burst15).toBeGreaterThanOrEqual(300);
    expect(elapsed - burst15).toBeLessThanOrEqual(400);
  });

  it('after a 429, the requests that were waiting for a slot go when the gate opens, not a window later', async () => {
    // An organization that admits 5 per second; 15 at once meets it at once and closes the gate for 1 s.
    const engine = createVppEngine({ rateLimit: { burst: 15 }, metrics: false, tracing: false });
    const apple = limitedApple(5);
    const request: RequestDescriptor = {
      method: 'GET',
      url: 'https://vpp.itunes.apple.com/mdm/v2/assets',
      headers: { authorization: 'Bearer one-token' },
    };
    const all = Promise.all(Array.from({ length: 30 }, () => engine.execute(request, apple.transport)));
    await vi.runAllTimersAsync();
    await all;
    const firstRejection = apple.rejectedAt()[0]!;
    const after = apple.sentAt.filter((t) => t > firstRejection + 50);
    // Retry-After: 1 plus at most 10 % of jitter; the slots booked before the 429 were given up, not kept.
    expect(after[0]! - firstRejection).toBeGreaterThanOrEqual(1000);
    expect(after[0]! - firstRejection).toBeLessThanOrEqual(1200);
  });

  it('a store that books nothing and answers `later` is asked again after that long, as often as it says', async () => {
    // More `later` answers than the loop's 100 passes: none of them may end the wait without a booking.
    const inner = new MemoryTenantStore();
    let asks = 0;
    const store = new Proxy(inner, {
      get(target, property) {
        if (property === 'tryAcquireNow') return () => false;
        if (property === 'acquire') {
          return (...args: Parameters<TenantStore['acquire']>) => {
            asks += 1;
            return asks <= 150 ? { kind: 'later', ms: 10 } : target.acquire(...args);
          };
        }
        const value = Reflect.get(target, property, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const engine = createVppEngine({ store, metrics: false, tracing: false });
    const apple = limitedApple(15);
    const request: RequestDescriptor = {
      method: 'GET',
      url: 'https://vpp.itunes.apple.com/mdm/v2/assets',
      headers: { authorization: 'Bearer one-token' },
    };
    const done = engine.execute(request, apple.transport);
    await vi.runAllTimersAsync();
    await done;
    expect(asks).toBe(151);
    expect(apple.sentAt).toEqual([START + 1500]);
  });
});
