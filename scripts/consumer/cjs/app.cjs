// A new user's CommonJS application: require() of the ESM-only packages (Node 20.19+), the engine created before
// the tracer provider is registered through the CommonJS copy of @opentelemetry/api.
const assert = require('node:assert/strict');
const { context, trace } = require('@opentelemetry/api');
const { AsyncLocalStorageContextManager } = require('@opentelemetry/context-async-hooks');
const traceSdk = require('@opentelemetry/sdk-trace');
const { tracerProvider } = require('../otel-sdk.cjs');
const { createVppEngine, isVppError } = require('@vppwatch/core');
const { attachVppInterceptor } = require('@vppwatch/axios-interceptor');
const { vppHooks } = require('@vppwatch/got-hook');
const { startSimulator, makeSToken } = require('@vppwatch/simulator');
const axios = require('axios');
const got = require('got').default;
const { Registry } = require('prom-client');

async function main() {
  const sim = await startSimulator({ eventDelayMs: 10 });
  const v2 = `${sim.url}/mdm/v2/`;
  const good = { authorization: `Bearer ${sim.token()}` };
  const expired = {
    authorization: `Bearer ${makeSToken({ orgName: 'Old', expDate: '2020-01-01T00:00:00+0000' })}`,
  };
  const registry = new Registry();
  const engine = createVppEngine({ metrics: { registry }, rateLimit: false });
  const client = axios.create({ baseURL: v2 });
  attachVppInterceptor(client, { engine });
  const gotClient = got.extend({ prefixUrl: v2 }, vppHooks({ engine }));

  const exporter = new traceSdk.InMemorySpanExporter();
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  trace.setGlobalTracerProvider(tracerProvider(exporter));

  await client.get('assets', { headers: good });
  await gotClient.get('assets', { headers: good }).json();
  const error = await client.get('assets', { headers: expired }).catch((e) => e);
  assert.ok(isVppError(error) && error.errorNumber === 9621, 'expected a VppError 9621');

  const spans = exporter.getFinishedSpans().filter((span) => span.name.startsWith('apple_vpp '));
  assert.equal(spans.length, 3);
  assert.equal(spans[2].attributes['error.type'], '9621');
  const text = await registry.metrics();
  assert.ok(text.includes('apple_vpp_requests_total{operation="assets_get",outcome="success"} 2'));
  await sim.close();
  console.log(`CommonJS ok: node ${process.versions.node}, ${spans.length} spans`);
}

main().catch((error) => {
  console.error(error);
  // The simulator's server would keep the process alive.
  process.exit(1);
});
