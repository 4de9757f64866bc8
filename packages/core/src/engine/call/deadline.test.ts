import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { isVppError } from '../../errors/vpp-error.js';
import { createVppEngine } from '../create-engine.js';
import { fakeApple } from '../test-support/fake-apple.js';
import { getRetryInfo } from './retry-info.js';
import type { RequestDescriptor } from './types.js';

const T0 = 1_700_000_000_000;
const request: RequestDescriptor = {
  method: 'GET',
  url: 'https://vpp.itunes.apple.com/mdm/v2/assets',
  headers: { authorization: 'Bearer one-token' },
};
const quiet = { metrics: false, tracing: false } as const;
/** Apple's own example answer. */
const apples429 = {
  status: 429,
  headers: { 'retry-after': '120' },
  body: { errorNumber: 9646, errorMessage: 'Too many requests' },
};

beforeEach(() => {
  vi.useFakeTimers({ now: T0 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('throttled answers retry until the deadline (injected clock)', () => {
  it("Apple's 429 + Retry-After: 120 is waited out with the engine's defaults, then the call succeeds", async () => {
    const engine = createVppEngine(quiet);
    const apple = fakeApple((i) => (i === 0 ? apples429 : { status: 200, body: {} }));
    const pending = engine.execute(request, apple.transport);
    await vi.advanceTimersByTimeAsync(125_000);
    const response = await pending;
    expect(response.status).toBe(200);
    expect(apple.sentAt).toHaveLength(2);
    expect(apple.sentAt[1]! - apple.sentAt[0]!).toBeGreaterThanOrEqual(120_000);
    expect(getRetryInfo(response)).toMatchObject({ attempts: 2, lastRetryAfterMs: 120_000 });
  });

  it('a caller with a 30 s deadline gets a VppError with retryAt at once, without sleeping', async () => {
    const engine = createVppEngine(quiet);
    const apple = fakeApple(() => apples429);
    const pending = engine.execute({ ...request, deadlineMs: 30_000 }, apple.transport).catch((e) => e);
    await vi.advanceTimersByTimeAsync(100); // the one attempt's round trip, nothing more
    const error = await pending;
    expect(isVppError(error)).toBe(true);
    expect(error).toMatchObject({ code: 'ERR_VPP_RETRY_AFTER', reason: 'deadline' });
    expect(error.retryAt).toBeGreaterThanOrEqual(T0 + 120_000);
    expect(apple.sentAt).toHaveLength(1);
    expect(Date.now() - T0).toBeLessThan(1000);
  });

  it('does not give up on 9646 after maxAttempts: twelve throttles in a row, then success', async () => {
    const engine = createVppEngine({ ...quiet, maxAttempts: 4 });
    const apple = fakeApple((i) =>
      i < 12
        ? { status: 429, headers: { 'retry-after': '5' }, body: { errorNumber: 9646, errorMessage: 'x' } }
        : { status: 200, body: {} },
    );
    const pending = engine.execute(request, apple.transport);
    await vi.advanceTimersByTimeAsync(200_000);
    const response = await pending;
    expect(response.status).toBe(200);
    expect(getRetryInfo(response)?.attempts).toBe(13);
    expect(getRetryInfo(response)?.retryReasons).toEqual(Array(12).fill('throttled'));
  });

  it('stops at the default 5 min deadline with retryAt when the throttle never ends', async () => {
    const engine = createVppEngine(quiet);
    const apple = fakeApple(() => ({
      status: 429,
      headers: { 'retry-after': '60' },
      body: { errorNumber: 9646, errorMessage: 'x' },
    }));
    const pending = engine.execute(request, apple.transport).catch((e) => e);
    await vi.advanceTimersByTimeAsync(400_000);
    const error = await pending;
    expect(error).toMatchObject({ code: 'ERR_VPP_RETRY_AFTER', reason: 'deadline' });
    expect(apple.sentAt.length).toBeGreaterThanOrEqual(4);
    expect(apple.sentAt.at(-1)! - T0).toBeLessThan(300_000);
  });

  it('a slower organization does not drain the retry budget: 40 calls, each throttled twice, all succeed', async () => {
    const engine = createVppEngine({ ...quiet, budget: { capacity: 20 } });
    let arrivals = 0;
    const apple = fakeApple(() => {
      arrivals += 1;
      return arrivals % 3 === 0
        ? { status: 200, body: {} }
        : { status: 429, headers: { 'retry-after': '1' }, body: { errorNumber: 9646, errorMessage: 'x' } };
    });
    const all = Promise.allSettled(
      Array.from({ length: 40 }, () => engine.execute(request, apple.transport)),
    );
    await vi.advanceTimersByTimeAsync(280_000);
    const results = await all;
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
  });

  it('maxAttempts still bounds transient failures', async () => {
    const engine = createVppEngine({ ...quiet, maxAttempts: 3, baseDelayMs: { transient: 10 } });
    const apple = fakeApple(() => ({ status: 500, body: { errorNumber: 9603, errorMessage: 'x' } }));
    const pending = engine.execute(request, apple.transport).catch((e) => e);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(await pending).toMatchObject({ reason: 'attempts' });
    expect(apple.sentAt).toHaveLength(3);
  });
});
