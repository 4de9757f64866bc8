import {
  AggregationTemporality,
  DataPointType,
  type Histogram,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
} from '@opentelemetry/sdk-metrics';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import type { Transport } from '../engine/call/types.js';
import { createVppEngine } from '../engine/create-engine.js';
import type { VppEngineOptions } from '../engine/options.js';
import { isVppError } from '../errors/vpp-error.js';

type Reply = { status: number; headers?: Record<string, string>; body?: unknown };
const V2 = 'https://vpp.itunes.apple.com/mdm/v2/';

/** Replies in order, then the last one again; `null` is a connection reset. */
const scripted = (replies: (Reply | null)[]): Transport<Reply> => {
  let i = 0;
  return {
    send: async () => {
      const reply = replies[Math.min(i++, replies.length - 1)];
      if (reply === null || reply === undefined)
        throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
      return reply;
    },
    read: (r) => r,
    readError: () => null,
  };
};

/** One everyday mix: a throttled retry, a flaky 503, an expired token, a licence already assigned, a batch. */
async function workload(options: VppEngineOptions): Promise<void> {
  const engine = createVppEngine({
    ...options,
    tracing: false,
    rateLimit: false,
    random: () => 0.5,
    baseDelayMs: { transient: 1, throttled: 1 },
  });
  const run = (method: string, path: string, replies: (Reply | null)[]) =>
    engine.execute({ method, url: `${V2}${path}`, body: {} }, scripted(replies)).catch((error: unknown) => {
      if (!isVppError(error)) throw error;
    });
  const busy = { status: 429, body: { errorNumber: 9646, errorMessage: 'busy' } };
  await run('POST', 'assets/associate', [busy, { status: 200, body: { eventId: 'e1' } }]);
  await run('GET', 'assets', [{ status: 503, body: 'down' }, null, { status: 200, body: { assets: [] } }]);
  await run('GET', 'assets', [{ status: 401, body: { errorNumber: 9621, errorMessage: 'expired' } }]);
  await run('POST', 'users/create', [
    { status: 200, body: { tokenExpirationDate: '2031-05-01T00:00:00+0000', errorNumber: 9616 } },
  ]);
  await run('POST', 'assets/disassociate', [
    { status: 500, body: {} },
    { status: 500, body: {} },
    { status: 500, body: {} },
    { status: 500, body: {} },
  ]);
}

/** Series as Prometheus shows them: `name{label="value",…}` → value; histograms as cumulative buckets and count. */
type Series = Map<string, number>;
const key = (name: string, labels: Record<string, string | number>) =>
  `${name}{${Object.entries(labels)
    .map(([k, v]) => [k, String(v)])
    .sort(([a], [b]) => (a! < b! ? -1 : 1))
    .map(([k, v]) => `${k}="${v}"`)
    .join(',')}}`;

async function promSeries(registry: Registry): Promise<Series> {
  const out: Series = new Map();
  for (const metric of await registry.getMetricsAsJSON()) {
    for (const value of metric.values as {
      labels: Record<string, string>;
      value: number;
      metricName?: string;
    }[]) {
      out.set(key(value.metricName ?? metric.name, value.labels), value.value);
    }
  }
  return out;
}

async function otelSeries(reader: PeriodicExportingMetricReader, exporter: InMemoryMetricExporter) {
  await reader.forceFlush();
  const out: Series = new Map();
  const scopes = exporter.getMetrics().at(-1)?.scopeMetrics ?? [];
  for (const metric of scopes.flatMap((scope) => scope.metrics)) {
    const name = metric.descriptor.name;
    for (const point of metric.dataPoints) {
      const labels = point.attributes as Record<string, string>;
      if (metric.dataPointType !== DataPointType.HISTOGRAM) {
        out.set(key(name, labels), point.value as number);
        continue;
      }
      const { buckets, count, sum } = point.value as Histogram;
      let cumulative = 0;
      buckets.counts.forEach((n, i) => {
        cumulative += n;
        out.set(key(`${name}_bucket`, { ...labels, le: buckets.boundaries[i] ?? '+Inf' }), cumulative);
      });
      out.set(key(`${name}_count`, labels), count);
      out.set(key(`${name}_sum`, labels), sum ?? 0);
    }
  }
  return out;
}

function otelSetup() {
  const exporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
  const reader = new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: 3_600_000 });
  const provider = new MeterProvider({ readers: [reader] });
  return { exporter, reader, provider, meter: provider.getMeter('vppwatch-test') };
}

describe('OpenTelemetry Meter backend', () => {
  it('gives the same series as the prom-client backend for the same workload', async () => {
    const registry = new Registry();
    await workload({ metrics: { registry } });
    const otel = otelSetup();
    await workload({ metrics: { meter: otel.meter } });

    const prom = await promSeries(registry);
    const fromOtel = await otelSeries(otel.reader, otel.exporter);
    // Wall-clock facts differ between two runs: the duration sums and when the last pause ends.
    const timed = (k: string) =>
      k.startsWith('apple_vpp_request_duration_seconds_sum') ||
      k.startsWith('apple_vpp_backoff_until_timestamp_seconds');
    const comparable = (series: Series) => [...series].filter(([k]) => !timed(k)).sort();
    expect(comparable(fromOtel)).toEqual(comparable(prom));
    expect(prom.size).toBeGreaterThan(60);
    expect(
      prom.get('apple_vpp_requests_total{operation="assets_get",outcome="error",retry_class="auth_fatal"}'),
    ).toBe(1);
    expect(fromOtel.get('apple_vpp_retries_total{operation="assets_get",retry_class="transient"}')).toBe(2);
    expect(fromOtel.get('apple_vpp_token_expiry_timestamp_seconds{}')).toBe(
      Date.parse('2031-05-01T00:00:00Z') / 1000,
    );
    expect(fromOtel.has('apple_vpp_backoff_until_timestamp_seconds{}')).toBe(true);
    await otel.provider.shutdown();
  });

  it('shares one instrument per name between engines on one meter, and honours the prefix', async () => {
    const otel = otelSetup();
    await workload({ metrics: { meter: otel.meter, prefix: 'mdm_' } });
    await workload({ metrics: { meter: otel.meter, prefix: 'mdm_' } });
    const series = await otelSeries(otel.reader, otel.exporter);
    expect(series.get('mdm_requests_total{operation="assets_associate",outcome="success"}')).toBe(2);
    expect(series.get('mdm_requests_in_flight{}')).toBe(0);
    const names = otel.exporter
      .getMetrics()
      .at(-1)
      ?.scopeMetrics.flatMap((s) => s.metrics.map((m) => m.descriptor));
    expect(names?.find((d) => d.name === 'mdm_request_duration_seconds')).toMatchObject({ unit: 's' });
    expect(new Set(names?.map((d) => d.name)).size).toBe(names?.length);
    await otel.provider.shutdown();
  });

  it('rejects a meter that is not one, and a meter given with a registry', () => {
    for (const metrics of [
      { meter: {} },
      { meter: null },
      { meter: otelSetup().meter, registry: new Registry() },
    ]) {
      expect(() => createVppEngine({ metrics: metrics as never })).toThrow(
        expect.objectContaining({ code: 'ERR_VPP_INVALID_ARGUMENT' }),
      );
    }
  });
});
