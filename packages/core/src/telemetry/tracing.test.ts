import { context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Transport } from '../engine/call/types.js';
import { createVppEngine } from '../engine/create-engine.js';

type Reply = { status: number; headers?: Record<string, string>; body?: unknown };

const S_TOKEN = 'eyJ0b2tlbiI6IlNFQ1JFVC1TVE9LRU4tMTIzIn0=';
const BEARER = 'BEARER-SECRET-456';
const EMAIL = 'jane.doe@example.com';
const CLIENT_USER_ID = 'client-user-789';
const SERIAL = 'C02XK1ABCDEF';

const contextManager = new AsyncLocalStorageContextManager();
beforeAll(() => {
  contextManager.enable();
  context.setGlobalContextManager(contextManager);
});
afterAll(() => {
  context.disable();
});

function setup() {
  const exporter = new InMemorySpanExporter();
  const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const registry = new Registry();
  const events: unknown[] = [];
  const engine = createVppEngine({
    tracing: { tracerProvider },
    metrics: { registry },
    baseDelayMs: { transient: 1, throttled: 1 },
    listeners: {
      attempt: (e) => events.push(e),
      retry: (e) => events.push(e),
      giveUp: (e) => events.push(e),
      success: (e) => events.push(e),
    },
  });
  return { exporter, registry, engine, events };
}

const scripted = (replies: Reply[], activeSpans: (string | undefined)[] = []): Transport<Reply> => {
  let i = 0;
  return {
    send: async () => {
      activeSpans.push(trace.getActiveSpan()?.spanContext().spanId);
      return replies[Math.min(i++, replies.length - 1)]!;
    },
    read: (r) => r,
    readError: () => null,
  };
};

describe('OpenTelemetry logical span', () => {
  it('one INTERNAL span stays active across attempts, with a retry event and no error status on success', async () => {
    const { exporter, engine } = setup();
    const active: (string | undefined)[] = [];
    const replies = [
      { status: 429, headers: { 'retry-after': '0' }, body: { errorNumber: 9646, errorMessage: 'busy' } },
      { status: 200, body: {} },
    ];
    await engine.execute(
      { method: 'POST', url: 'https://vpp.itunes.apple.com/mdm/v2/assets/associate', body: {} },
      scripted(replies, active),
    );
    const [span, ...rest] = exporter.getFinishedSpans();
    expect(rest).toHaveLength(0);
    expect(span?.name).toBe('apple_vpp assets_associate');
    expect(span?.kind).toBe(0); // INTERNAL
    expect(active).toEqual([span?.spanContext().spanId, span?.spanContext().spanId]);
    expect(span?.attributes).toMatchObject({
      'apple_vpp.operation': 'assets_associate',
      'server.address': 'vpp.itunes.apple.com',
      'server.port': 443,
      'apple_vpp.api': 'v2',
      'apple_vpp.request.attempts': 2,
      'http.request.method': 'POST',
      'url.full': 'https://vpp.itunes.apple.com/mdm/v2/assets/associate',
      'http.response.status_code': 200,
    });
    expect(span?.status.code).toBe(0);
    const retry = span?.events.find((e) => e.name === 'apple_vpp.retry');
    expect(retry?.attributes).toMatchObject({
      'http.request.resend_count': 1,
      'http.response.status_code': 429,
      'apple_vpp.error.number': 9646,
      'apple_vpp.retry.class': 'throttled',
      'apple_vpp.retry.after': 0,
      'apple_vpp.retry.delay_source': 'retry_after',
    });
  });

  it('a final failure sets error.type, ERROR status and a give_up event', async () => {
    const { exporter, engine } = setup();
    await engine
      .execute(
        { method: 'GET', url: 'https://vpp.itunes.apple.com/mdm/v2/users' },
        scripted([{ status: 401, body: { errorNumber: 9621, errorMessage: 'expired' } }]),
      )
      .catch(() => undefined);
    const [span] = exporter.getFinishedSpans();
    expect(span?.status.code).toBe(2);
    expect(span?.attributes).toMatchObject({
      'error.type': '9621',
      'apple_vpp.retry.class': 'auth_fatal',
      'http.request.method': 'GET',
      'http.response.status_code': 401,
    });
    expect(span?.events.map((e) => e.name)).toEqual(['apple_vpp.give_up']);
  });

  it('url.full carries no credentials or query values; a final network error leaves the status off', async () => {
    const { exporter, engine } = setup();
    const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    const failing: Transport<Reply> = {
      send: async () => {
        throw reset;
      },
      read: (r) => r,
      readError: () => null,
    };
    await engine
      .execute(
        {
          method: 'get',
          url: `https://admin:hunter2@vpp.itunes.apple.com/mdm/v2/users?clientUserId=${CLIENT_USER_ID}&email=${EMAIL}#x`,
        },
        failing,
      )
      .catch(() => undefined);
    const [span] = exporter.getFinishedSpans();
    expect(span?.attributes['url.full']).toBe(
      'https://vpp.itunes.apple.com/mdm/v2/users?clientUserId=REDACTED&email=REDACTED',
    );
    expect(span?.attributes['http.request.method']).toBe('GET');
    expect(span?.attributes).not.toHaveProperty('http.response.status_code');
    expect(span?.attributes['error.type']).toBe('Error');
  });

  it('no sToken, Authorization value, email, clientUserId or serial reaches spans, metrics, events or errors', async () => {
    const { exporter, registry, engine, events } = setup();
    const leaky = (status: number, errorNumber: number): Reply => ({
      status,
      body: {
        status: -1,
        errorNumber,
        errorMessage: `Failed for ${EMAIL} / ${CLIENT_USER_ID} / ${SERIAL} with ${S_TOKEN}`,
        regUsersAlreadyAssigned: [{ email: EMAIL, clientUserIdStr: CLIENT_USER_ID }],
        errorInfo: { clientUserIds: [CLIENT_USER_ID], serialNumbers: [SERIAL] },
      },
    });
    const errors: unknown[] = [];
    const legacyBody = { sToken: S_TOKEN, associateClientUserIdStrs: [CLIENT_USER_ID], email: EMAIL };
    await engine
      .execute(
        {
          method: 'POST',
          url: `https://vpp.itunes.apple.com/mdm/manageVPPLicensesByAdamIdSrv?u=${EMAIL}`,
          body: legacyBody,
        },
        scripted([leaky(200, 9603), leaky(200, 9610)]),
      )
      .catch((e: unknown) => errors.push(e));
    await engine
      .execute(
        {
          method: 'POST',
          url: `https://vpp.itunes.apple.com/mdm/v2/users/create?clientUserId=${CLIENT_USER_ID}`,
          headers: { Authorization: `Bearer ${BEARER}` },
          body: { users: [{ clientUserId: CLIENT_USER_ID, email: EMAIL }] },
        },
        scripted([leaky(500, 9603), leaky(400, 9704)]),
      )
      .catch((e: unknown) => errors.push(e));
    // A 9616 with only regUsersAlreadyAssigned (other users hold the item) rejects, its users' ids on the error.
    await engine
      .execute(
        {
          method: 'POST',
          url: 'https://vpp.itunes.apple.com/mdm/manageVPPLicensesByAdamIdSrv',
          body: legacyBody,
        },
        scripted([leaky(200, 9616)]),
      )
      .catch((e: unknown) => errors.push(e));
    expect(errors).toHaveLength(3);
    const spans = exporter
      .getFinishedSpans()
      .map((s) => ({ name: s.name, a: s.attributes, e: s.events, st: s.status }));
    expect(spans).toHaveLength(3);
    const everything = [
      JSON.stringify(spans),
      await registry.metrics(),
      JSON.stringify(events),
      ...errors.map((e) => `${String(e)} ${JSON.stringify(e)} ${(e as Error).stack}`),
    ].join('\n');
    for (const secret of [S_TOKEN, BEARER, EMAIL, CLIENT_USER_ID, SERIAL, 'example.com']) {
      expect(everything).not.toContain(secret);
    }
    expect(everything).toContain('9603'); // the run did record its failures
  });
});
