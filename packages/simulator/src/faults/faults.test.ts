import { describe, expect, it } from 'vitest';
import { legacy, settled, simulator, v2 } from '../test-support/harness.js';
import { SCENARIO_NAMES } from './scenarios.js';

const T = Date.UTC(2026, 0, 1);

describe('maintenance', () => {
  it('answers v2 with 503 + 9644 + Retry-After until the window ends, and legacy with HTTP 200 status -1', async () => {
    let now = T;
    const sim = await simulator({ faults: { maintenance: { until: T + 30_000 } }, now: () => now });
    const token = sim.token();
    const res = await v2(sim, 'assets', { token });
    expect([res.status, res.body.errorNumber, res.headers.get('retry-after')]).toEqual([503, 9644, '30']);
    expect(sim.requests.all()[0]).toMatchObject({
      fault: 'maintenance',
      retryAfterMs: 30_000,
      windowEndsAt: T + 30_000,
    });
    const old = await legacy(sim, 'getVPPAssetsSrv', { sToken: token });
    expect([old.status, old.body.status, old.body.errorNumber]).toEqual([200, -1, 9644]);
    now = T + 30_000;
    expect((await v2(sim, 'assets', { token })).status).toBe(200);
  });
});

describe('brownout', () => {
  it('answers v2 with 503 + 9729 + Retry-After and legacy with a bare 503 + Retry-After', async () => {
    const sim = await simulator({ faults: { brownout: { probability: 1, retryAfterSeconds: 2 } } });
    const token = sim.token();
    const res = await v2(sim, 'assets', { token });
    expect([res.status, res.body.errorNumber, res.headers.get('retry-after')]).toEqual([503, 9729, '2']);
    const old = await legacy(sim, 'getVPPAssetsSrv', { sToken: token });
    expect([old.status, old.headers.get('retry-after')]).toEqual([503, '2']);
  });
});

describe('internal errors (9603)', () => {
  it('answers v2 with HTTP 500, with Retry-After only when configured, and legacy with HTTP 200 status -1', async () => {
    const sim = await simulator({ faults: { internalError: { probability: 1 } } });
    const token = sim.token();
    const bare = await v2(sim, 'assets', { token });
    expect([bare.status, bare.body.errorNumber, bare.headers.get('retry-after')]).toEqual([500, 9603, null]);
    sim.faults.set({ internalError: { probability: 1, retryAfterSeconds: 3 } });
    expect((await v2(sim, 'assets', { token })).headers.get('retry-after')).toBe('3');
    const old = await legacy(sim, 'getVPPAssetsSrv', { sToken: token });
    expect([old.status, old.body.status, old.body.errorNumber]).toEqual([200, -1, 9603]);
  });

  it('fails background events with 9603 for every entity', async () => {
    const sim = await simulator({ faults: { asyncInternalError: { probability: 1 } } });
    const token = sim.token();
    sim.state.addUser(token, { clientUserId: 'u' });
    const res = await v2(sim, 'assets/associate', {
      token,
      body: { assets: [{ adamId: '361309726', pricingParam: 'STDQ' }], clientUserIds: ['u'] },
    });
    expect(res.status).toBe(200);
    const status = await settled(sim, token, String(res.body.eventId));
    expect(status).toMatchObject({ eventStatus: 'FAILED', numCompleted: 0, numRequested: 1 });
    expect(status.failures).toEqual([
      expect.objectContaining({
        errorNumber: 9603,
        errorInfo: expect.objectContaining({ clientUserIds: ['u'] }),
      }),
    ]);
    expect(sim.state.org(token)?.assignments).toEqual([]);
  });
});

describe('transport faults', () => {
  it('resets the connection without an answer', async () => {
    const sim = await simulator({ faults: { connectionReset: { probability: 1 } } });
    await expect(fetch(`${sim.url}/mdm/v2/service/config`)).rejects.toThrow();
    expect(sim.requests.all()[0]).toMatchObject({ status: 0, fault: 'connection-reset' });
  });

  it('answers with an HTML error page, as a proxy would', async () => {
    const sim = await simulator({ faults: { htmlError: { probability: 1 } } });
    const res = await fetch(`${sim.url}/mdm/v2/service/config`);
    expect(res.status).toBe(502);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await res.text()).toMatch(/^<!DOCTYPE html>/);
  });

  it('delays answers by the configured latency (a slow token answers after a fast one)', async () => {
    const sim = await simulator();
    const slow = sim.token();
    const fast = sim.token();
    sim.faults.setForToken(slow, { latency: { fixedMs: 300 } });
    const order: string[] = [];
    await Promise.all([
      v2(sim, 'assets', { token: slow }).then(() => order.push('slow')),
      v2(sim, 'assets', { token: fast }).then(() => order.push('fast')),
    ]);
    expect(order).toEqual(['fast', 'slow']);
  });
});

describe('scenarios and determinism', () => {
  it.each(SCENARIO_NAMES.filter((n) => n !== 'none'))(
    'scenario %s turns on at least one fault',
    async (name) => {
      const sim = await simulator({ scenario: name });
      expect(Object.keys(sim.faults.effective(null)).length).toBeGreaterThan(0);
      sim.faults.useScenario('none');
      expect(sim.faults.effective(null)).toEqual({});
    },
  );

  it('replays the same faults for the same seed', async () => {
    const run = async (seed: number) => {
      const sim = await simulator({ seed, faults: { internalError: { probability: 0.5 } } });
      const token = sim.token();
      const statuses: number[] = [];
      for (let i = 0; i < 20; i++) statuses.push((await v2(sim, 'assets', { token })).status);
      return { statuses, token };
    };
    const a = await run(7);
    const b = await run(7);
    expect(a.statuses).toEqual(b.statuses);
    // The seeded part of the token; its expDate is "now + 1 year", so two runs may straddle a second.
    const idOf = (sToken: string) => JSON.parse(Buffer.from(sToken, 'base64').toString('utf8')).token;
    expect(idOf(a.token)).toBe(idOf(b.token));
    expect(a.statuses).toContain(200);
    expect(a.statuses).toContain(500);
  });
});
