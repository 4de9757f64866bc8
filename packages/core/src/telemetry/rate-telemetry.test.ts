import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import type { EngineEvents } from '../engine/call/events.js';
import type { Transport } from '../engine/call/types.js';
import { createVppEngine } from '../engine/create-engine.js';

type Reply = { status: number; headers?: Record<string, string>; body?: unknown };

const TOKEN = 'RATE-SECRET-TOKEN-42';
const url = 'https://vpp.itunes.apple.com/mdm/v2/assets';
const throttle: Reply = {
  status: 429,
  headers: { 'retry-after': '0' },
  body: { errorNumber: 9646, errorMessage: 'busy' },
};

const scripted = (replies: Reply[]): Transport<Reply> => {
  let i = 0;
  return {
    send: async () => replies[Math.min(i++, replies.length - 1)]!,
    read: (r) => r,
    readError: () => null,
  };
};

async function rateSeries(registry: Registry): Promise<Record<string, number>> {
  const metric = (await registry.getMetricsAsJSON()).find(
    (m) => m.name === 'apple_vpp_rate_limit_requests_per_second',
  );
  return Object.fromEntries((metric?.values ?? []).map((v) => [String(v.labels.limit), v.value]));
}

describe('the rate in force, visible', () => {
  it('a throttle emits rateChange (listeners option and on()), a span event, and lowers the gauge; no token anywhere', async () => {
    const exporter = new InMemorySpanExporter();
    const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
    const registry = new Registry();
    const fromOption: EngineEvents['rateChange'][] = [];
    const fromOn: EngineEvents['rateChange'][] = [];
    let now = 1_700_000_000_000;
    const engine = createVppEngine({
      tracing: { tracerProvider },
      metrics: { registry },
      now: () => now,
      listeners: { rateChange: (e) => fromOption.push(e) },
    });
    engine.on('rateChange', (e) => fromOn.push(e));
    expect(await rateSeries(registry)).toEqual({ in_force: 15, ceiling: 15 });

    const headers = { authorization: `Bearer ${TOKEN}` };
    await engine.execute({ method: 'GET', url, headers }, scripted([throttle, { status: 200 }]));

    expect(fromOption).toEqual([
      { operation: 'assets_get', cause: 'throttle', previousRate: 15, rate: 10.5, ceiling: 15 },
    ]);
    expect(fromOn).toEqual(fromOption);
    const span = exporter.getFinishedSpans()[0];
    const event = span?.events.find((e) => e.name === 'apple_vpp.rate_change');
    expect(event?.attributes).toEqual({
      'apple_vpp.rate.cause': 'throttle',
      'apple_vpp.rate.previous': 15,
      'apple_vpp.rate': 10.5,
    });
    expect((await rateSeries(registry)).in_force).toBeCloseTo(10.5);
    const exposition = await registry.metrics();
    expect(exposition).not.toContain(TOKEN);
    expect(exposition).toMatch(/apple_vpp_rate_limit_requests_per_second\{limit="in_force"\}/);
    expect(JSON.stringify({ a: span?.attributes, e: span?.events })).not.toContain(TOKEN);

    now += 3_600_000; // an hour later the loop is back at the ceiling
    expect(await rateSeries(registry)).toEqual({ in_force: 15, ceiling: 15 });
  });

  it('an announced maxRequestPerSecond moves the ceiling and says so', async () => {
    const registry = new Registry();
    const changes: EngineEvents['rateChange'][] = [];
    const engine = createVppEngine({ metrics: { registry }, tracing: false });
    engine.on('rateChange', (e) => changes.push(e));
    await engine.execute(
      { method: 'GET', url: 'https://vpp.itunes.apple.com/mdm/v2/service/config' },
      scripted([{ status: 200, body: { limits: { maxRequestPerSecond: 10 } } }]),
    );
    expect(changes).toEqual([
      { operation: 'service_config', cause: 'announced', previousRate: 15, rate: 10, ceiling: 10 },
    ]);
    expect(await rateSeries(registry)).toEqual({ in_force: 10, ceiling: 10 });
  });

  it('the gauge is absent with the rate limit off, and a second engine on the registry keeps one series per limit', async () => {
    const registry = new Registry();
    createVppEngine({ metrics: { registry }, tracing: false, rateLimit: false });
    expect(await rateSeries(registry)).toEqual({});
    const a = createVppEngine({ metrics: { registry }, tracing: false, rateLimit: { requestsPerSecond: 8 } });
    const b = createVppEngine({ metrics: { registry }, tracing: false });
    expect(a).not.toBe(b);
    expect(await rateSeries(registry)).toEqual({ in_force: 8, ceiling: 8 }); // the strictest engine
  });
});
