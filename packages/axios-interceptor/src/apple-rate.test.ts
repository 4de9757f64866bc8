import { type Simulator, startSimulator } from '@vppwatch/simulator';
import axios from 'axios';
import { afterEach, describe, expect, it } from 'vitest';
import { attachVppInterceptor, type VppInterceptorOptions } from './index.js';

let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

/** Apple (simulated) enforces and announces 5 requests per second; 12 requests go out at once after service/config. */
async function burstAfterServiceConfig(options: VppInterceptorOptions) {
  sim = await startSimulator({ seed: 5, rateLimit: { perSecond: 5, burst: 5, retryAfter: 'seconds' } });
  const sToken = sim.token();
  const client = axios.create({
    baseURL: `${sim.url}/mdm/v2`,
    headers: { Authorization: `Bearer ${sToken}` },
  });
  attachVppInterceptor(client, { metrics: false, tracing: false, ...options });
  const config = await client.get('/service/config');
  const results = await Promise.all(Array.from({ length: 12 }, () => client.get('/assets')));
  const log = sim.requests.forToken(sim.tokenHash(sToken));
  return {
    announced: config.data.limits.maxRequestPerSecond as number,
    ok: results.filter((r) => r.status === 200).length,
    throttled: log.filter((r) => r.status === 429).length,
  };
}

describe("Apple's announced maxRequestPerSecond", () => {
  it('the default engine follows the rate service/config announces: no 429', async () => {
    const run = await burstAfterServiceConfig({});
    expect(run).toEqual({ announced: 5, ok: 12, throttled: 0 });
  });

  it('a rate the caller fixed is kept, and the server has to refuse the excess', async () => {
    const run = await burstAfterServiceConfig({ rateLimit: { requestsPerSecond: 15 } });
    expect(run.announced).toBe(5);
    expect(run.ok).toBe(12); // retried after Retry-After
    expect(run.throttled).toBeGreaterThan(0);
  });
});
