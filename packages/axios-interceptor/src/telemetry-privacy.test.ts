import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { type ScriptedServer, startScriptedServer } from '@vppwatch/simulator';
import axios from 'axios';
import { Registry } from 'prom-client';
import { afterEach, describe, expect, it } from 'vitest';
import { attachVppInterceptor } from './index.js';
import { fakeSToken, legacyError, v2Error } from './test-support/fixtures.js';

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const secret = 'TOPSECRET-7f3a9c';
const sToken = fakeSToken(secret);
const email = 'jane.doe@example.edu';
const clientUserId = 'cuid-5550123';

interface Sample {
  readonly labels: Record<string, string | number>;
  readonly value: number;
}

async function samplesOf(registry: Registry, name: string): Promise<Sample[]> {
  const metric = (await registry.getMetricsAsJSON()).find((m) => m.name === name);
  return (metric?.values ?? []) as Sample[];
}

describe('telemetry', () => {
  it('Prometheus series carry error_number, retry_class and http_response_status_code per attempt', async () => {
    server = await startScriptedServer([
      { status: 429, headers: { 'retry-after': '0' }, body: v2Error(9646) },
      { status: 500, body: v2Error(9603) },
      { status: 200, body: { eventId: 'e-9' } },
    ]);
    const registry = new Registry();
    const client = axios.create({ baseURL: `${server.url}/mdm/v2` });
    attachVppInterceptor(client, {
      baseDelayMs: { transient: 5, throttled: 5 },
      rateLimit: false,
      metrics: { registry },
      tracing: false,
    });

    await client.post(
      '/assets/associate',
      { assets: [] },
      { headers: { Authorization: `Bearer ${sToken}` } },
    );

    const attempts = await samplesOf(registry, 'apple_vpp_attempts_total');
    const attemptsByStatus = Object.fromEntries(
      attempts.map((s) => [`${s.labels.http_response_status_code}/${s.labels.retry_class}`, s.value]),
    );
    expect(attemptsByStatus).toMatchObject({ '429/throttled': 1, '500/transient': 1 });
    expect(attempts.reduce((sum, s) => sum + s.value, 0)).toBe(server.requests.length);

    const apiErrors = await samplesOf(registry, 'apple_vpp_api_errors_total');
    expect(apiErrors.map((s) => s.labels)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          error_number: '9646',
          retry_class: 'throttled',
          http_response_status_code: '429',
        }),
        expect.objectContaining({
          error_number: '9603',
          retry_class: 'transient',
          http_response_status_code: '500',
        }),
      ]),
    );
    const requests = await samplesOf(registry, 'apple_vpp_requests_total');
    expect(requests.filter((s) => s.value > 0).map((s) => s.labels)).toEqual([
      expect.objectContaining({ operation: 'assets_associate', outcome: 'success' }),
    ]);
  });

  it('no sToken, Authorization value, email or clientUserId reaches spans, metrics or error messages', async () => {
    const personal = {
      sToken,
      email,
      clientUserIdStr: clientUserId,
      associateClientUserIdStrs: [clientUserId],
    };
    server = await startScriptedServer([
      { status: 200, body: { ...legacyError(9603), ...personal } },
      {
        status: 200,
        body: { ...legacyError(9600, `Missing argument for ${email} ${clientUserId}`), ...personal },
      },
    ]);
    const registry = new Registry();
    const exporter = new InMemorySpanExporter();
    const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
    const client = axios.create({ baseURL: `${server.url}/mdm` });
    client.interceptors.request.use((config) => {
      config.headers.set('Authorization', `Bearer ${sToken}`);
      return config;
    });
    attachVppInterceptor(client, {
      baseDelayMs: { transient: 5 },
      rateLimit: false,
      metrics: { registry },
      tracing: { tracerProvider },
    });

    const error = await client.post('/registerVPPUserSrv', personal).then(
      () => new Error('expected a rejection'),
      (e: unknown) => e as Error,
    );

    expect(server.requests).toHaveLength(2);
    const spans = exporter.getFinishedSpans();
    expect(spans.length).toBeGreaterThan(0);
    const telemetry = [
      await registry.metrics(),
      JSON.stringify(spans.map((s) => ({ name: s.name, attributes: s.attributes, events: s.events }))),
      error.message,
      JSON.stringify(error),
      String(error),
    ].join('\n');
    for (const forbidden of [secret, sToken, email, clientUserId, 'Bearer']) {
      expect(telemetry).not.toContain(forbidden);
    }
  });
});
