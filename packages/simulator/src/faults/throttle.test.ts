import { describe, expect, it } from 'vitest';
import { legacy, simulator, v2 } from '../test-support/harness.js';

const T = Date.UTC(2026, 0, 1, 0, 0, 0, 500);

describe('throttle scenario (token bucket, 15 req/s, burst 15)', () => {
  it('lets 15 of a 50-request burst through and answers the rest 429 + 9646 with an honest Retry-After', async () => {
    let now = T;
    const sim = await simulator({ scenario: 'throttle', now: () => now });
    const token = sim.token();
    const hash = sim.tokenHash(token);
    const results = await Promise.all(Array.from({ length: 50 }, () => v2(sim, 'assets', { token })));
    const throttled = results.filter((r) => r.status === 429);
    expect(results.filter((r) => r.status === 200)).toHaveLength(15);
    expect(throttled).toHaveLength(35);
    for (const r of throttled) {
      expect(r.body.errorNumber).toBe(9646);
      expect(r.headers.get('retry-after')).toBe('1'); // one token back after 1/15 s, rounded up
    }
    const rejected = sim.requests.forToken(hash).filter((r) => r.status === 429);
    expect(rejected).toHaveLength(35);
    for (const r of rejected) {
      expect(r).toMatchObject({ errorNumber: 9646, retryAfterMs: 1000, fault: 'rate-limit' });
      expect(r.windowEndsAt).toBeCloseTo(T + 1000 / 15, 6);
    }
    expect(sim.requests.violations(hash)).toEqual([]);

    now = T + 10; // inside the announced window: still throttled, and the log shows the violation
    expect((await v2(sim, 'assets', { token })).status).toBe(429);
    expect(sim.requests.violations(hash)).toHaveLength(1);
    expect(sim.requests.violations(hash)[0]?.at).toBe(T + 10);

    const other = sim.token(); // every token is its own organization with its own bucket
    expect((await v2(sim, 'assets', { token: other })).status).toBe(200);

    now = T + 1000; // the bucket has refilled
    expect((await v2(sim, 'assets', { token })).status).toBe(200);
    expect(sim.requests.violations(hash)).toHaveLength(1);
  });

  it('can announce the wait as an HTTP-date with a Date header, never earlier than the window ends', async () => {
    const now = T;
    const sim = await simulator({
      rateLimit: { perSecond: 1, burst: 1, retryAfter: 'http-date' },
      now: () => now,
    });
    const token = sim.token();
    await v2(sim, 'assets', { token });
    const res = await v2(sim, 'assets', { token });
    expect(res.status).toBe(429);
    const retryAt = Date.parse(res.headers.get('retry-after') ?? '');
    const date = Date.parse(res.headers.get('date') ?? '');
    expect(retryAt).toBe(Date.UTC(2026, 0, 1, 0, 0, 2)); // T + 1 s, rounded up to a whole second
    expect(date).toBe(Date.UTC(2026, 0, 1, 0, 0, 0));
    const record = sim.requests.all().at(-1);
    expect(record?.windowEndsAt).toBe(T + 1000);
    expect(retryAt - date).toBeGreaterThanOrEqual((record?.windowEndsAt ?? 0) - T);
  });

  it('can leave Retry-After out, while the log still records when the window ends', async () => {
    const sim = await simulator({ rateLimit: { perSecond: 2, burst: 1, retryAfter: 'none' }, now: () => T });
    const token = sim.token();
    await v2(sim, 'assets', { token });
    const res = await v2(sim, 'assets', { token });
    expect([res.status, res.body.errorNumber, res.headers.get('retry-after')]).toEqual([429, 9646, null]);
    expect(sim.requests.all().at(-1)).toMatchObject({ retryAfterMs: null, windowEndsAt: T + 500 });
  });

  it('throttles legacy with HTTP 200 status -1 by default, or 503 + Retry-After when configured', async () => {
    const sim = await simulator({ rateLimit: { perSecond: 1, burst: 1 }, now: () => T });
    const sToken = sim.token();
    await legacy(sim, 'getVPPAssetsSrv', { sToken });
    const res = await legacy(sim, 'getVPPAssetsSrv', { sToken });
    expect([res.status, res.body.status, res.body.errorNumber]).toEqual([200, -1, 9646]);

    sim.faults.set({ rateLimit: { perSecond: 1, burst: 1, legacy: 'http-503' } });
    const shed = await legacy(sim, 'getVPPAssetsSrv', { sToken });
    expect([shed.status, shed.headers.get('retry-after'), shed.body.errorNumber]).toEqual([503, '1', 9646]);
  });

  it('limits one token only when the fault is set for that token', async () => {
    const sim = await simulator({ now: () => T });
    const slow = sim.token();
    const free = sim.token();
    sim.faults.setForToken(slow, { rateLimit: { perSecond: 1, burst: 1 } });
    const slowCodes = [];
    const freeCodes = [];
    for (let i = 0; i < 3; i++) {
      slowCodes.push((await v2(sim, 'assets', { token: slow })).status);
      freeCodes.push((await v2(sim, 'assets', { token: free })).status);
    }
    expect(slowCodes).toEqual([200, 429, 429]);
    expect(freeCodes).toEqual([200, 200, 200]);
    expect(sim.faults.effective(sim.tokenHash(slow)).rateLimit).toEqual({ perSecond: 1, burst: 1 });
  });
});
