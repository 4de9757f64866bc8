import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { isVppError } from '../../errors/vpp-error.js';
import { getRetryInfo } from '../call/retry-info.js';
import type { RequestDescriptor } from '../call/types.js';
import { createVppEngine } from '../create-engine.js';
import { CountingStore } from '../test-support/counting-store.js';
import { fakeApple } from '../test-support/fake-apple.js';

const request: RequestDescriptor = {
  method: 'GET',
  url: 'https://vpp.itunes.apple.com/mdm/v2/assets',
  headers: { Authorization: 'Bearer tenant-a-token' },
};
const throttled = {
  status: 429,
  headers: { 'retry-after': '2' },
  body: { errorNumber: 9646, errorMessage: 'x' },
};
const ok = { status: 200, body: { assets: [] } };

beforeEach(() => {
  vi.useFakeTimers({ now: 1_700_000_000_000 });
});
afterEach(() => {
  vi.useRealTimers();
});

/** A server that accepts `admit` requests, then announces Retry-After: 2 once and rejects anything inside it. */
function oneAnnouncement(admit: number) {
  let blockedUntil = 0;
  let announced = false;
  let rejections = 0;
  const apple = fakeApple((index, now) => {
    if (now < blockedUntil) {
      rejections += 1;
      return throttled;
    }
    if (index === admit && !announced) {
      announced = true;
      blockedUntil = now + 2000;
      rejections += 1;
      return throttled;
    }
    return ok;
  });
  return { ...apple, rejections: () => rejections, blockedUntil: () => blockedUntil };
}

async function settleAll<T>(promises: Promise<T>[]): Promise<PromiseSettledResult<T>[]> {
  const all = Promise.allSettled(promises);
  await vi.runAllTimersAsync();
  return all;
}

describe('coordinated backoff per tenant', () => {
  it('200 concurrent requests meet one 9646 + Retry-After and wait once, together', async () => {
    const store = new CountingStore();
    const engine = createVppEngine({ store, rateLimit: { burst: 15 }, metrics: false, tracing: false });
    const server = oneAnnouncement(10);
    const results = await settleAll(
      Array.from({ length: 200 }, () => engine.execute(request, server.transport)),
    );
    expect(results.every((r) => r.status === 'fulfilled')).toBe(true);
    // With `burst: 15` the limiter lets the first second's 15 go at once; only those already in flight when the 11th was
    // rejected meet the window. Everything after waits for the one gate.
    expect(server.rejections()).toBeLessThanOrEqual(5);
    expect(store.gateRaises).toBe(1);
    const inWindow = server.sentAt.filter(
      (t) => t >= server.blockedUntil() - 2000 + 25 && t < server.blockedUntil(),
    );
    expect(inWindow).toEqual([]);
    expect(server.sentAt).toHaveLength(200 + server.rejections());
  });

  it('without the limiter only requests already in flight are rejected, and none is sent inside the window', async () => {
    const store = new CountingStore();
    const engine = createVppEngine({ store, rateLimit: false, metrics: false, tracing: false });
    const server = oneAnnouncement(10);
    const results = await settleAll(
      Array.from({ length: 200 }, () => engine.execute(request, server.transport)),
    );
    expect(results.every((r) => r.status === 'fulfilled')).toBe(true);
    const announcedAt = server.blockedUntil() - 2000 + 25; // the client hears of it half a round trip later
    expect(server.sentAt.filter((t) => t >= announcedAt && t < server.blockedUntil())).toEqual([]);
    expect(server.rejections()).toBe(190); // 11th..200th were all in flight when it was announced
    expect(store.gateRaises).toBe(1);
  });

  it('spaces one tenant at 15 requests per second and leaves other tenants alone', async () => {
    const engine = createVppEngine({ metrics: false, tracing: false });
    const server = fakeApple(() => ok);
    const otherServer = fakeApple(() => ok);
    const other = { ...request, headers: { Authorization: 'Bearer tenant-b-token' } };
    const start = Date.now();
    await settleAll([
      ...Array.from({ length: 31 }, () => engine.execute(request, server.transport)),
      engine.execute(other, otherServer.transport),
    ]);
    const sorted = [...server.sentAt].sort((a, b) => a - b);
    expect(sorted.filter((t) => t === start)).toHaveLength(5); // the default burst at once, then evenly spaced
    for (let i = 0; i + 15 < sorted.length; i++) {
      expect(sorted[i + 15]! - sorted[i]!).toBeGreaterThanOrEqual(1000); // never 16 in one second
    }
    expect(Math.max(...sorted) - start).toBeLessThanOrEqual(2 * 1050);
    expect(otherServer.sentAt).toEqual([start]); // the other tenant never waited
  });

  it('a drained budget stops retries but lets first attempts through', async () => {
    const engine = createVppEngine({
      budget: { capacity: 20 },
      baseDelayMs: { transient: 10 },
      metrics: false,
      tracing: false,
    });
    const server = fakeApple(() => ({
      status: 500,
      body: { errorNumber: 9603, errorMessage: 'Internal error.' },
    }));
    const [first] = await settleAll([engine.execute(request, server.transport)]);
    const [second] = await settleAll([engine.execute(request, server.transport)]);
    const e1 = first?.status === 'rejected' ? first.reason : null;
    const e2 = second?.status === 'rejected' ? second.reason : null;
    expect(isVppError(e1) && e1.reason).toBe('budget');
    expect(getRetryInfo(e1)?.attempts).toBe(2); // 20 tokens pay for one retry of cost 14
    expect(isVppError(e2) && e2.reason).toBe('budget');
    expect(getRetryInfo(e2)?.attempts).toBe(1); // the first attempt is never blocked
    expect(server.sentAt).toHaveLength(3);
  });

  it('after more than five 9603s in a row the tenant waits minutes, not seconds', async () => {
    const engine = createVppEngine({
      maxAttempts: 10,
      deadlineMs: 3_600_000, // the storm's minutes would pass the default 5 min deadline
      baseDelayMs: { transient: 10 },
      metrics: false,
      tracing: false,
    });
    const server = fakeApple(() => ({
      status: 500,
      body: { errorNumber: 9603, errorMessage: 'Internal error.' },
    }));
    const delays: number[] = [];
    engine.on('retry', (e) => delays.push(e.delayMs));
    await settleAll([engine.execute(request, server.transport)]);
    expect(delays.slice(0, 5).every((d) => d < 1000)).toBe(true);
    expect(delays.slice(5).every((d) => d >= 60_000)).toBe(true);
    expect(delays.length).toBe(9);
  });
});
