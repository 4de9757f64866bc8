import { getDecodedOutcome, getRetryInfo, isVppError } from '@vppwatch/core';
import { makeSToken, type Simulator, type SimulatorOptions, startSimulator } from '@vppwatch/simulator';
import axios, { type AxiosInstance } from 'axios';
import { Registry } from 'prom-client';
import { afterEach, describe, expect, it } from 'vitest';
import { attachVppInterceptor, type VppInterceptorOptions } from './index.js';
import { testEngineOptions } from './test-support/fixtures.js';

let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

async function setup(
  simOptions: SimulatorOptions,
  options: VppInterceptorOptions = testEngineOptions(),
): Promise<{ client: AxiosInstance; sToken: string; hash: string }> {
  sim = await startSimulator({ seed: 11, ...simOptions });
  const sToken = sim.token();
  const client = axios.create({ baseURL: `${sim.url}/mdm` });
  client.interceptors.request.use((config) => {
    config.headers.set('Authorization', `Bearer ${sToken}`);
    return config;
  });
  attachVppInterceptor(client, options);
  return { client, sToken, hash: sim.tokenHash(sToken) };
}

async function sequentially<T>(count: number, call: () => Promise<T>): Promise<T[]> {
  const results: T[] = [];
  for (let i = 0; i < count; i += 1) results.push(await call());
  return results;
}

describe('against the Apple simulator', () => {
  for (const style of ['seconds', 'http-date'] as const) {
    it(`throttled (Retry-After as ${style}): every call succeeds and the log shows no request inside a window`, async () => {
      // A small allowance, so that even a slow machine sends more than it in one second and meets a 429.
      const { client, hash } = await setup({ rateLimit: { perSecond: 3, burst: 3, retryAfter: style } });

      const responses = await sequentially(8, () => client.get('/v2/assets'));

      expect(responses.every((r) => r.status === 200)).toBe(true);
      const log = sim!.requests.forToken(hash);
      const throttled = log.filter((r) => r.status === 429 && r.errorNumber === 9646);
      expect(throttled.length).toBeGreaterThan(0);
      expect(throttled.every((r) => r.windowEndsAt !== null)).toBe(true);
      expect(sim!.requests.violations(hash)).toEqual([]);
      expect(responses.some((r) => getRetryInfo(r)?.retryReasons.includes('throttled'))).toBe(true);
    });
  }

  it('the default engine (proactive 15 req/s per token) gets a 30-request burst through without a single 429', async () => {
    const { client, hash } = await setup(
      { scenario: 'throttle' },
      { metrics: { registry: new Registry() }, tracing: false },
    );

    const responses = await Promise.all(Array.from({ length: 30 }, () => client.get('/v2/assets')));

    expect(responses).toHaveLength(30);
    expect(sim!.requests.forToken(hash).filter((r) => r.status === 429)).toEqual([]);
    expect(sim!.requests.violations(hash)).toEqual([]);
  });

  it('bursts of 9603 are retried until every call succeeds; metrics count every physical attempt', async () => {
    const registry = new Registry();
    const { client, hash } = await setup(
      { faults: { internalError: { probability: 0.3 } } },
      { ...testEngineOptions(registry), maxAttempts: 8 },
    );

    const responses = await sequentially(12, () => client.get('/v2/assets'));

    expect(responses.every((r) => r.status === 200)).toBe(true);
    const log = sim!.requests.forToken(hash);
    expect(log.filter((r) => r.errorNumber === 9603).length).toBeGreaterThan(0);
    const attempts = (await registry.getMetricsAsJSON()).find((m) => m.name === 'apple_vpp_attempts_total');
    const counted = (attempts?.values ?? []).reduce((sum, s) => sum + s.value, 0);
    expect(counted).toBe(log.length);
  });

  it('9644 maintenance (v2 503 + Retry-After) is waited out, then the call succeeds', async () => {
    const { client, hash } = await setup({
      faults: { maintenance: { until: Date.now() + 800, retryAfterSeconds: 1 } },
    });

    const response = await client.get('/v2/assets');

    expect(response.status).toBe(200);
    expect(getRetryInfo(response)?.retryReasons[0]).toBe('retry_later');
    expect(sim!.requests.forToken(hash)[0]?.errorNumber).toBe(9644);
    expect(sim!.requests.violations(hash)).toEqual([]);
  });

  it('9618 already retired (legacy HTTP 200, status -1) resolves as idempotent_ok', async () => {
    const { client, sToken } = await setup({});
    await client.post('/registerVPPUserSrv', { sToken, clientUserIdStr: 'user-1' });
    await client.post('/retireVPPUserSrv', { sToken, clientUserIdStr: 'user-1' });

    const again = await client.post('/retireVPPUserSrv', { sToken, clientUserIdStr: 'user-1' });

    expect(again.data).toMatchObject({ status: -1, errorNumber: 9618 });
    expect(getDecodedOutcome(again)?.retryClass).toBe('idempotent_ok');
  });

  it('9621 expired token rejects at once on v2 (401) and on legacy (HTTP 200, status -1)', async () => {
    sim = await startSimulator({ seed: 3 });
    const expired = makeSToken({ expDate: '2020-01-01T00:00:00-0700' });
    const client = axios.create({ baseURL: `${sim.url}/mdm` });
    attachVppInterceptor(client, testEngineOptions());

    const v2 = await client
      .get('/v2/assets', { headers: { Authorization: `Bearer ${expired}` } })
      .catch((e: unknown) => e);
    const legacy = await client.post('/getVPPAssetsSrv', { sToken: expired }).catch((e: unknown) => e);

    for (const error of [v2, legacy]) {
      expect(isVppError(error) && [error.errorNumber, error.retryClass]).toEqual([9621, 'auth_fatal']);
    }
    expect(isVppError(legacy) && (legacy.unredacted().cause as { status?: number }).status).toBe(200);
    expect(sim.requests.count).toBe(2);
  });
});
