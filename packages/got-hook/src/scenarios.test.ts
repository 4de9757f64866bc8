import { getDecodedOutcome, getRetryInfo, isVppError } from '@vppwatch/core';
import { type Simulator, startSimulator } from '@vppwatch/simulator';
import { afterEach, describe, expect, it } from 'vitest';
import { fastEngine } from './test-support/engine.js';
import { got } from './test-support/got.js';
import { vppHooks } from './vpp-hooks.js';

let sim: Simulator;
afterEach(async () => sim?.close());

async function start(seed: number) {
  sim = await startSimulator({ seed, eventDelayMs: 5 });
  const sToken = sim.token();
  const engine = fastEngine();
  const hooks = vppHooks({ engine });
  const v2 = got.extend(
    { prefixUrl: `${sim.url}/mdm/v2/`, headers: { authorization: `Bearer ${sToken}` } },
    hooks,
  );
  const legacy = got.extend({ prefixUrl: `${sim.url}/mdm/`, method: 'POST' }, hooks);
  return { sToken, hash: sim.tokenHash(sToken), engine, v2, legacy };
}

const statuses = () => sim.requests.all().map((r) => `${r.status}:${r.errorNumber ?? '-'}`);

describe('throttling (9646)', () => {
  // The server allows one request per second. The first call takes the only token; the second is throttled;
  // a third call starts only once the client has seen that 429, so every request the server logs inside the
  // announced window would be one the client chose to send early.
  async function throttledPair(send: () => Promise<unknown>, engine: ReturnType<typeof fastEngine>) {
    await send();
    let later: Promise<unknown> | undefined;
    const stop = engine.on('retry', () => {
      later ??= send();
    });
    const first = await send();
    stop();
    return [first, await later];
  }

  it('sits out a Retry-After in seconds, and holds back a new call of the same tenant too', async () => {
    const { v2, hash, engine } = await start(1);
    sim.faults.set({ rateLimit: { perSecond: 1, burst: 1, retryAfter: 'seconds' } });
    const [first, later] = await throttledPair(() => v2.get('users'), engine);
    expect(getRetryInfo(first)?.retryReasons).toContain('throttled');
    expect(later).toBeDefined();
    expect(statuses()).toContain('429:9646');
    expect(sim.requests.violations(hash)).toEqual([]);
  });

  it('sits out a Retry-After given as an HTTP-date, on the legacy API (HTTP 200, status -1)', async () => {
    const { legacy, sToken, hash, engine } = await start(2);
    sim.faults.set({ rateLimit: { perSecond: 1, burst: 1, retryAfter: 'http-date', legacy: 'status-200' } });
    const send = () => legacy('getVPPUsersSrv', { json: { sToken } }).json<{ status: number }>();
    const bodies = (await throttledPair(send, engine)) as { status: number }[];
    expect(bodies.map((b) => b.status)).toEqual([0, 0]);
    expect(statuses()).toContain('200:9646');
    expect(sim.requests.violations(hash)).toEqual([]);
  });
});

describe('internal errors (9603)', () => {
  it('rides out a burst of 9603 on a POST and succeeds', async () => {
    const { v2, engine } = await start(3);
    sim.faults.set({ internalError: { probability: 1 } });
    let retries = 0;
    engine.on('retry', () => {
      retries += 1;
      if (retries === 2) sim.faults.set({ internalError: false });
    });
    const json = { assets: [{ adamId: '778658393', pricingParam: 'STDQ' }], serialNumbers: ['C02X1'] };
    const response = await v2.post('assets/associate', { json });
    expect(response.statusCode).toBe(200);
    expect(statuses()).toEqual(['500:9603', '500:9603', '200:-']);
    expect(getRetryInfo(response)).toMatchObject({ attempts: 3, retryReasons: ['transient', 'transient'] });
  });

  it('gives up after the attempt limit when a legacy 9603 (HTTP 200) persists', async () => {
    const { legacy, sToken } = await start(4);
    sim.faults.set({ internalError: { probability: 1 } });
    const error = await legacy('getVPPAssetsSrv', { json: { sToken } }).catch((e: unknown) => e);
    expect(isVppError(error) && error.errorNumber).toBe(9603);
    expect(isVppError(error) && error.reason).toBe('attempts');
    expect(statuses()).toEqual(['200:9603', '200:9603', '200:9603', '200:9603']);
    expect(getRetryInfo(error)?.attempts).toBe(4);
  });
});

describe('maintenance (9644)', () => {
  it('waits out the announced maintenance window, then succeeds', async () => {
    const { v2, hash } = await start(5);
    sim.faults.set({ maintenance: { until: Date.now() + 800 } });
    const response = await v2.get('assets');
    expect(response.statusCode).toBe(200);
    expect(statuses()).toEqual(['503:9644', '200:-']);
    expect(sim.requests.violations(hash)).toEqual([]);
    expect(getRetryInfo(response)?.retryReasons).toEqual(['retry_later']);
  });
});

describe('answers that end the call at once', () => {
  it('resolves 9616 (license already assigned) as success, with the decoded outcome attached', async () => {
    const { legacy, sToken } = await start(6);
    await legacy('registerVPPUserSrv', { json: { sToken, clientUserIdStr: 'u-1' } });
    const manage = {
      sToken,
      adamIdStr: '778658393',
      pricingParam: 'STDQ',
      associateClientUserIdStrs: ['u-1'],
    };
    await legacy('manageVPPLicensesByAdamIdSrv', { json: manage });
    const again = await legacy('manageVPPLicensesByAdamIdSrv', { json: manage });
    expect(again.statusCode).toBe(200);
    const decoded = getDecodedOutcome(again);
    expect(decoded?.failures[0]?.code).toBe(9616);
    expect(decoded?.failures[0]?.retryClass).toBe('idempotent_ok');
    expect(getRetryInfo(again)?.attempts).toBe(1);
  });

  it('rejects 9621 (expired token) after one request, v2 and legacy alike', async () => {
    const { v2, legacy } = await start(7);
    const expired = sim.token({ expDate: '2020-01-01T00:00:00+0000' });
    const v2Error = await v2
      .get('assets', { headers: { authorization: `Bearer ${expired}` } })
      .catch((e: unknown) => e);
    const legacyError = await legacy('getVPPAssetsSrv', { json: { sToken: expired } }).catch(
      (e: unknown) => e,
    );
    for (const error of [v2Error, legacyError]) {
      expect(isVppError(error) && error.errorNumber).toBe(9621);
      expect(isVppError(error) && error.retryClass).toBe('auth_fatal');
    }
    expect(statuses()).toEqual(['401:9621', '200:9621']);
  });
});

describe('abort', () => {
  it('stops in the middle of a backoff: rejects with the abort reason, sends nothing more', async () => {
    const { v2, engine } = await start(8);
    sim.faults.set({ maintenance: { until: Date.now() + 25_000 } });
    const controller = new AbortController();
    engine.on('retry', () => setTimeout(() => controller.abort(), 20));
    const error = await v2.get('assets', { signal: controller.signal }).catch((e: unknown) => e);
    expect((error as Error).name).toBe('AbortError');
    expect(getRetryInfo(error)?.giveUpReason).toBe('aborted');
    expect(statuses()).toEqual(['503:9644']);
  });
});
