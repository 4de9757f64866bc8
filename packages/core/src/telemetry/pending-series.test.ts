import { Counter, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import type { Transport } from '../engine/call/types.js';
import { createVppEngine } from '../engine/create-engine.js';

const url = 'https://vpp.itunes.apple.com/mdm/v2/assets';
const ok: Transport<{ status: number; body: string }> = {
  send: async () => ({ status: 200, body: '{"assets":[]}' }),
  read: (r) => r,
  readError: () => null,
};

describe('metrics held until the registry is read', () => {
  it('every read sees every finished call, however often it reads', async () => {
    const registry = new Registry();
    const engine = createVppEngine({ metrics: { registry }, tracing: false, rateLimit: false });
    for (let i = 0; i < 700; i++) await engine.execute({ method: 'GET', url }, ok);
    const first = await registry.metrics();
    expect(first).toContain('apple_vpp_requests_total{operation="assets_get",outcome="success"} 700');
    expect(first).toContain(
      'apple_vpp_request_duration_seconds_count{operation="assets_get",outcome="success"} 700',
    );
    expect(first).toContain('apple_vpp_requests_in_flight 0');
    await engine.execute({ method: 'GET', url }, ok);
    const json = await registry.getMetricsAsJSON();
    const attempts = json.find((m) => m.name === 'apple_vpp_attempts_total');
    expect(attempts?.values).toEqual([
      {
        value: 701,
        labels: { operation: 'assets_get', http_response_status_code: '200', retry_class: 'none' },
      },
    ]);
  });

  it('a metric someone else registered under the same name is updated directly', async () => {
    const registry = new Registry();
    const theirs = new Counter({
      name: 'apple_vpp_requests_total',
      help: 'pre-registered by the application',
      labelNames: ['operation', 'outcome', 'retry_class'],
      registers: [registry],
    });
    const engine = createVppEngine({ metrics: { registry }, tracing: false, rateLimit: false });
    await engine.execute({ method: 'GET', url }, ok);
    const value = await theirs.get();
    expect(value.values).toEqual([{ value: 1, labels: { operation: 'assets_get', outcome: 'success' } }]);
  });

  it('the in-flight gauge counts a call that has not finished yet', async () => {
    const registry = new Registry();
    const engine = createVppEngine({ metrics: { registry }, tracing: false, rateLimit: false });
    const call = engine.begin({ method: 'GET', url });
    expect(await registry.getSingleMetricAsString('apple_vpp_requests_in_flight')).toContain(
      'apple_vpp_requests_in_flight 1',
    );
    call.finish({});
    expect(await registry.getSingleMetricAsString('apple_vpp_requests_in_flight')).toContain(
      'apple_vpp_requests_in_flight 0',
    );
  });
});
