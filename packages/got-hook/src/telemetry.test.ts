import { createVppEngine, isVppError } from '@vppwatch/core';
import { type Simulator, startSimulator } from '@vppwatch/simulator';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { got } from './test-support/got.js';
import { startTelemetry, type TestTelemetry } from './test-support/telemetry.js';
import { vppHooks } from './vpp-hooks.js';

let telemetry: TestTelemetry;
let sim: Simulator;
beforeAll(() => {
  telemetry = startTelemetry();
});
afterAll(async () => telemetry.dispose());
afterEach(async () => {
  await sim?.close();
  telemetry.exporter.reset();
});

async function start() {
  sim = await startSimulator({ seed: 11, eventDelayMs: 5 });
  const sToken = sim.token();
  const engine = createVppEngine({
    baseDelayMs: { transient: 2, throttled: 2, retry_later: 2 },
    metrics: { registry: telemetry.registry },
    tracing: { tracerProvider: telemetry.provider },
  });
  const v2 = got.extend(
    { prefixUrl: `${sim.url}/mdm/v2/`, headers: { authorization: `Bearer ${sToken}` } },
    vppHooks({ engine }),
  );
  return {
    sToken,
    v2,
    legacy: got.extend({ prefixUrl: `${sim.url}/mdm/`, method: 'POST' }, vppHooks({ engine })),
  };
}

it('nests every physical attempt span (instrumentation-http) under one logical span', async () => {
  const { sToken } = await start();
  sim.faults.set({ internalError: { probability: 1 } });
  let retries = 0;
  const stopRetries = (): void => {
    retries += 1;
    if (retries === 2) sim.faults.set({ internalError: false });
  };
  const engine = createVppEngine({
    baseDelayMs: { transient: 2 },
    tracing: { tracerProvider: telemetry.provider },
    metrics: false,
    listeners: { retry: stopRetries },
  });
  const client = got.extend(
    { prefixUrl: `${sim.url}/mdm/v2/`, headers: { authorization: `Bearer ${sToken}` } },
    vppHooks({ engine }),
  );
  const json = { assets: [{ adamId: '778658393', pricingParam: 'STDQ' }], serialNumbers: ['C02X1'] };
  await client.post('assets/associate', { json });

  const spans = telemetry.exporter.getFinishedSpans();
  const logical = spans.filter((s) => s.name.startsWith('apple_vpp '));
  expect(logical).toHaveLength(1);
  const parent = logical[0]!;
  const attempts = spans.filter((s) => s.parentSpanContext?.spanId === parent.spanContext().spanId);
  expect(attempts.map((s) => s.name)).toEqual(['POST', 'POST', 'POST']);
  expect(attempts.every((s) => s.spanContext().traceId === parent.spanContext().traceId)).toBe(true);
  expect(parent.events.filter((e) => e.name === 'apple_vpp.retry')).toHaveLength(2);
  expect(parent.attributes['apple_vpp.request.attempts']).toBe(3);
});

it('puts no sToken, Authorization, email, clientUserId or serial number into spans, metrics or errors', async () => {
  const { v2, legacy, sToken } = await start();
  // A second organization, so the legacy call's 9603s do not add up with the first one's into a 9603 storm.
  const legacyToken = sim.token({ orgName: 'Second School' });
  const secrets = [sToken, legacyToken, 'Bearer', 'pat@example.com', 'client-user-42', 'C02SERIAL9'];
  sim.faults.set({ internalError: { probability: 1 } });
  const users = { users: [{ clientUserId: 'client-user-42', email: 'pat@example.com' }] };
  const failed = await v2.post('users/create', { json: users }).catch((e: unknown) => e);
  const legacyFailed = await legacy('manageVPPLicensesByAdamIdSrv', {
    json: { sToken: legacyToken, adamIdStr: '778658393', associateSerialNumbers: ['C02SERIAL9'] },
  }).catch((e: unknown) => e);
  expect(isVppError(failed) && isVppError(legacyFailed)).toBe(true);

  const spans = telemetry.exporter.getFinishedSpans().map((s) => ({
    name: s.name,
    attributes: s.attributes,
    events: s.events.map((e) => [e.name, e.attributes]),
    status: s.status,
  }));
  const exported = [
    JSON.stringify(spans),
    await telemetry.registry.metrics(),
    JSON.stringify(failed),
    String(failed),
    JSON.stringify(legacyFailed),
    String(legacyFailed),
  ].join('\n');
  expect(spans.length).toBeGreaterThan(4);
  for (const secret of secrets) expect(exported).not.toContain(secret);
});

it('labels Prometheus series with error_number, retry_class and http_response_status_code', async () => {
  const { v2 } = await start();
  sim.faults.set({ internalError: { probability: 1 } });
  await v2.get('assets').catch(() => undefined);
  const expired = sim.token({ expDate: '2020-01-01T00:00:00+0000' });
  await v2.get('assets', { headers: { authorization: `Bearer ${expired}` } }).catch(() => undefined);

  const metrics = await telemetry.registry.getMetricsAsJSON();
  const series = (name: string) => metrics.find((m) => m.name === name)?.values ?? [];
  expect(series('apple_vpp_api_errors_total').map((v) => v.labels)).toEqual(
    expect.arrayContaining([
      expect.objectContaining({
        error_number: '9603',
        retry_class: 'transient',
        http_response_status_code: '500',
      }),
      expect.objectContaining({
        error_number: '9621',
        retry_class: 'auth_fatal',
        http_response_status_code: '401',
      }),
    ]),
  );
  const attempts500 = series('apple_vpp_attempts_total').find(
    (v) => v.labels.http_response_status_code === '500' && v.labels.retry_class === 'transient',
  );
  expect(attempts500?.value).toBe(4);
  expect(series('apple_vpp_retries_total').find((v) => v.labels.retry_class === 'transient')?.value).toBe(3);
});
