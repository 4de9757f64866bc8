// A new user's ESM application, run from a fresh npm project where the packed tarballs are installed: axios and
// got against the simulator, spans through the global provider registered AFTER the engine was created (the
// @opentelemetry/api 1.10 dual-build case), prom-client metrics and the OpenTelemetry Meter backend.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { context, metrics, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import * as metricsSdk from '@opentelemetry/sdk-metrics';
import * as traceSdk from '@opentelemetry/sdk-trace';
import { attachVppInterceptor } from '@vppwatch/axios-interceptor';

import { createVppEngine, isVppError } from '@vppwatch/core';
import { vppHooks } from '@vppwatch/got-hook';
import { makeSToken, startSimulator } from '@vppwatch/simulator';
import axios from 'axios';
import got from 'got';
import { Registry } from 'prom-client';

const require = createRequire(import.meta.url);
const sdk = require('./otel-sdk.cjs');
// Read from disk: not every package exports its package.json.
const versionOf = (name) =>
  JSON.parse(readFileSync(new URL(`node_modules/${name}/package.json`, import.meta.url), 'utf8')).version;
const coreVersion = versionOf('@vppwatch/core');

const sim = await startSimulator({ eventDelayMs: 10 });
const good = sim.token();
const expired = makeSToken({ orgName: 'Old', expDate: '2020-01-01T00:00:00+0000' });
const broken = sim.token();
sim.faults.setForToken(broken, { internalError: { probability: 1 } });
const v2 = `${sim.url}/mdm/v2/`;
const auth = (token) => ({ authorization: `Bearer ${token}` });
const settle = (promise) =>
  promise.then(
    () => 'ok',
    (error) => (isVppError(error) ? error.retryClass : `not a VppError: ${error}`),
  );

// 1. The engine exists before the application registers its tracer provider.
const registry = new Registry();
const engine = createVppEngine({ metrics: { registry }, rateLimit: false, maxAttempts: 2 });
const client = axios.create({ baseURL: v2 });
attachVppInterceptor(client, { engine });
const gotClient = got.extend({ prefixUrl: v2 }, vppHooks({ engine }));

// 2. Then the SDK registers, through this (ESM) copy of @opentelemetry/api.
const exporter = new traceSdk.InMemorySpanExporter();
context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
trace.setGlobalTracerProvider(sdk.tracerProvider(exporter));

const outcomes = [
  await settle(client.get('assets', { headers: auth(good) })),
  await settle(gotClient.get('assets', { headers: auth(good) }).json()),
  await settle(client.get('assets', { headers: auth(expired) })),
  await settle(gotClient.get('assets', { headers: auth(expired) })),
  await settle(client.get('assets', { headers: auth(broken) })),
  await settle(gotClient.get('status?eventId=not-a-real-event', { headers: auth(good) })),
];
assert.deepEqual(outcomes.slice(0, 5), ['ok', 'ok', 'auth_fatal', 'auth_fatal', 'transient']);

// 3. An engine created after registration records too.
const late = axios.create({ baseURL: v2 });
attachVppInterceptor(late, { engine: createVppEngine({ metrics: false, rateLimit: false }) });
await late.get('assets', { headers: auth(good) });

const spans = exporter.getFinishedSpans().filter((span) => span.name.startsWith('apple_vpp '));
assert.equal(spans.length, 7, `expected 7 logical spans, got ${spans.map((s) => s.name)}`);
const scope = spans[0].instrumentationScope ?? spans[0].instrumentationLibrary;
assert.deepEqual([scope.name, scope.version], ['@vppwatch/core', coreVersion]);
const [first, , expiredSpan, , brokenSpan, statusSpan] = spans;
assert.equal(first.attributes['http.request.method'], 'GET');
assert.equal(first.attributes['url.full'], `${v2}assets`);
assert.equal(first.attributes['http.response.status_code'], 200);
assert.equal(expiredSpan.attributes['http.response.status_code'], 401);
assert.equal(expiredSpan.attributes['error.type'], '9621');
assert.equal(brokenSpan.attributes['apple_vpp.request.attempts'], 2);
assert.equal(statusSpan.attributes['url.full'], `${v2}status?eventId=REDACTED`);
assert.ok(!JSON.stringify(spans.map((s) => s.attributes)).includes(good), 'a token reached a span');

// 4. prom-client: one label name per concept.
const text = await registry.metrics();
for (const series of [
  'apple_vpp_requests_total{operation="assets_get",outcome="error",retry_class="auth_fatal"} 2',
  'apple_vpp_requests_total{operation="assets_get",outcome="error",retry_class="transient"} 1',
  'apple_vpp_retries_total{operation="assets_get",retry_class="transient"} 1',
]) {
  assert.ok(text.includes(series), `missing ${series}`);
}

// 5. The OpenTelemetry Meter backend, with the real metrics SDK and an in-memory reader.
const metricExporter = new metricsSdk.InMemoryMetricExporter(metricsSdk.AggregationTemporality.CUMULATIVE);
const reader = new metricsSdk.PeriodicExportingMetricReader({
  exporter: metricExporter,
  exportIntervalMillis: 3_600_000,
});
metrics.setGlobalMeterProvider(sdk.meterProvider(reader));
const meterClient = axios.create({ baseURL: v2 });
const meterEngine = createVppEngine({ metrics: { meter: metrics.getMeter('consumer') }, rateLimit: false });
attachVppInterceptor(meterClient, { engine: meterEngine });
await settle(meterClient.get('assets', { headers: auth(good) }));
await settle(meterClient.get('assets', { headers: auth(expired) }));
await reader.forceFlush();
const exported = metricExporter
  .getMetrics()
  .at(-1)
  .scopeMetrics.flatMap((s) => s.metrics);
const requests = exported.find((m) => m.descriptor.name === 'apple_vpp_requests_total');
assert.deepEqual(
  requests.dataPoints.map((p) => [p.attributes, p.value]),
  [
    [{ operation: 'assets_get', outcome: 'success' }, 1],
    [{ operation: 'assets_get', outcome: 'error', retry_class: 'auth_fatal' }, 1],
  ],
);
const duration = exported.find((m) => m.descriptor.name === 'apple_vpp_request_duration_seconds');
assert.equal(
  duration.dataPoints.reduce((n, p) => n + p.value.count, 0),
  2,
);

// 6. The CLI reports the installed version.
const cli = require.resolve('@vppwatch/core/package.json').replace(/package\.json$/, 'bin/vppwatch.js');
assert.equal(execFileSync(process.execPath, [cli, '--version'], { encoding: 'utf8' }).trim(), coreVersion);

await sim.close();
console.log(
  `ESM ok: node ${process.versions.node}, axios ${versionOf('axios')}, got ${versionOf('got')}, ` +
    `prom-client ${versionOf('prom-client')}, @opentelemetry/api ${versionOf('@opentelemetry/api')}: ` +
    `${spans.length} spans, engine created before the provider`,
);
