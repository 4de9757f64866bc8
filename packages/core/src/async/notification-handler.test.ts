import type { IncomingMessage } from 'node:http';
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { errorCount, inbox, listen, telemetry, useContextManager } from '../test-support/async-harness.js';
import { createEventOrigins } from './event-origins.js';
import type { VppNotificationEvent } from './notification-event.js';
import { createNotificationHandler } from './notification-handler.js';

useContextManager();

const TOKEN = 'hook-secret-7f3a';
const EMAIL = 'jane.doe@example.org';
const SERIAL = 'C02ZK9XYLVDQ';

const failure = (
  notificationId: string,
  eventId = 'f743928c-cc93-4a17-a53f-50c552ce1e06',
  errorNumber = 9709,
) => ({
  notification: {
    assignments: [
      { adamId: '1234', pricingParam: 'STDQ', serialNumber: SERIAL },
      { adamId: '1234', pricingParam: 'STDQ', clientUserId: 'user-1' },
    ],
    error: { errorMessage: 'not enough', errorNumber },
    eventId,
    result: 'FAILURE',
    type: 'ASSOCIATE',
  },
  notificationId,
  notificationType: 'ASSET_MANAGEMENT',
  uId: '2049025000431439',
});

async function setup(extra: Partial<Parameters<typeof createNotificationHandler>[0]> = {}) {
  const t = telemetry();
  const events = inbox<VppNotificationEvent>();
  const errors: unknown[] = [];
  const handler = createNotificationHandler({
    authToken: TOKEN,
    engine: t.engine,
    tracing: { tracerProvider: t.tracerProvider },
    onEvent: (event) => events.push(event),
    onError: (error) => errors.push(error),
    maxBodyBytes: 4096,
    ...extra,
  });
  const url = await listen(handler);
  const send = (body: unknown, init: { token?: string | null; method?: string } = {}) =>
    fetch(url, {
      method: init.method ?? 'POST',
      headers: {
        'content-type': 'application/json',
        ...(init.token === null ? {} : { authorization: `Bearer ${init.token ?? TOKEN}` }),
      },
      ...(init.method === 'GET' ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
  return { ...t, events, errors, send, url };
}

describe('createNotificationHandler', () => {
  it('answers TEST_NOTIFICATION with 2xx and hands it over', async () => {
    const { send, events } = await setup();
    const res = await send({
      notification: {},
      notificationId: 't-1',
      notificationType: 'TEST_NOTIFICATION',
    });
    expect(res.status).toBe(200);
    const event = await events.next();
    expect(event).toMatchObject({ type: 'TEST_NOTIFICATION', notificationId: 't-1', duplicate: false });
    expect(event.failures).toEqual([]);
  });

  it('decodes an ASSET_MANAGEMENT failure, counts it once and flags redeliveries', async () => {
    const { send, events, registry } = await setup();
    expect((await send(failure('n-1'))).status).toBe(200);
    const first = await events.next();
    if (first.type !== 'ASSET_MANAGEMENT') throw new Error(`unexpected ${first.type}`);
    expect(first).toMatchObject({ result: 'FAILURE', action: 'ASSOCIATE', operation: 'assets_associate' });
    expect(first.failures).toMatchObject([
      {
        code: 9709,
        retryClass: 'state',
        source: 'event',
        entities: { clientUserIds: ['user-1'], serialNumbers: [SERIAL] },
      },
    ]);
    expect(first.assignments).toHaveLength(2);
    const labels = { error_number: '9709', source: 'event', operation: 'assets_associate' };
    expect(await errorCount(registry, labels)).toBe(1);

    expect((await send(failure('n-1'))).status).toBe(200);
    const again = await events.next((e) => e.duplicate);
    expect(again.notificationId).toBe('n-1');
    expect(await errorCount(registry, labels)).toBe(1);
    expect((await send(failure('n-2', 'another-event'))).status).toBe(200);
    await events.next((e) => e.notificationId === 'n-2');
    expect(await errorCount(registry, labels)).toBe(2);
  });

  it('counts an event failure once per error number, however many notifications report it', async () => {
    const { send, events, registry } = await setup();
    // Same event and error under a new notificationId: the failure already counted is not counted again.
    for (const id of ['e-1', 'e-2']) {
      expect((await send(failure(id, 'event-7'))).status).toBe(200);
      expect(await events.next((e) => e.notificationId === id)).toMatchObject({ duplicate: false });
    }
    expect(await errorCount(registry, { error_number: '9709' })).toBe(1);
    // One error per notification: the same event's other error arrives separately, and counts.
    expect((await send(failure('e-3', 'event-7', 9609))).status).toBe(200);
    await events.next((e) => e.notificationId === 'e-3');
    expect(await errorCount(registry, { error_number: '9609' })).toBe(1);
    expect(await errorCount(registry, { error_number: '9709' })).toBe(1);
  });

  it('decodes every notification type, unknown ones included', async () => {
    const { send, events } = await setup();
    await send({
      notification: { adamId: '9', countDelta: -2, pricingParam: 'STDQ' },
      notificationId: 'a',
      notificationType: 'ASSET_COUNT',
    });
    await send({
      notification: {
        eventId: 'e',
        result: 'SUCCESS',
        type: 'CREATE',
        users: [{ clientUserId: 'u', email: EMAIL }],
      },
      notificationId: 'b',
      notificationType: 'USER_MANAGEMENT',
    });
    await send({
      notification: { associatedUsers: [{ clientUserId: 'u', status: 'Associated' }] },
      notificationId: 'c',
      notificationType: 'USER_ASSOCIATED',
    });
    await send({ notification: { seats: 3 }, notificationId: 'd', notificationType: 'SUBSCRIPTION_COUNT' });
    const byId = async (id: string) => events.next((e) => e.notificationId === id);
    expect(await byId('a')).toMatchObject({
      type: 'ASSET_COUNT',
      adamId: '9',
      countDelta: -2,
      pricingParam: 'STDQ',
    });
    expect(await byId('b')).toMatchObject({
      type: 'USER_MANAGEMENT',
      eventId: 'e',
      action: 'CREATE',
      result: 'SUCCESS',
      operation: 'users_create',
      users: [{ clientUserId: 'u' }],
    });
    expect(await byId('c')).toMatchObject({
      type: 'USER_ASSOCIATED',
      associatedUsers: [{ clientUserId: 'u' }],
    });
    expect(await byId('d')).toMatchObject({
      type: 'unknown',
      notificationType: 'SUBSCRIPTION_COUNT',
      payload: { seats: 3 },
    });
  });

  it('rejects a wrong or missing token with 401 and counts nothing', async () => {
    const { send, events, registry } = await setup();
    expect((await send(failure('x-1'), { token: 'wrong' })).status).toBe(401);
    expect((await send(failure('x-2'), { token: `${TOKEN}x` })).status).toBe(401);
    expect((await send(failure('x-3'), { token: null })).status).toBe(401);
    expect((await send(failure('x-4'))).status).toBe(200);
    const accepted = await events.next();
    expect(accepted.notificationId).toBe('x-4');
    expect(events.items).toHaveLength(1);
    expect(await errorCount(registry, { error_number: '9709' })).toBe(1);
  });

  it('answers 405, 413 and 400 and keeps serving', async () => {
    const { send, events, errors } = await setup();
    expect((await send(null, { method: 'GET' })).status).toBe(405);
    expect((await send('x'.repeat(10_000))).status).toBe(413);
    expect((await send('{"notification": ')).status).toBe(400);
    expect((await send('[1,2]')).status).toBe(400);
    expect((await send(failure('ok-1'))).status).toBe(200);
    expect((await events.next()).notificationId).toBe('ok-1');
    expect(errors).toEqual([]);
  });

  it('answers before a slow callback ends, and survives a throwing one', async () => {
    const errors: unknown[] = [];
    const seen: string[] = [];
    const { send } = await setup({
      onEvent: (event) => {
        seen.push(event.notificationId ?? '');
        if (event.notificationId === 'slow') return new Promise(() => {}); // never settles
        if (event.notificationId === 'rejects') return Promise.reject(new Error('async boom'));
        throw new Error('boom');
      },
      onError: (error) => errors.push(error),
    });
    expect((await send(failure('slow'))).status).toBe(200);
    expect((await send(failure('throws'))).status).toBe(200);
    expect((await send(failure('rejects'))).status).toBe(200);
    await expect.poll(() => errors.length).toBe(2);
    expect(seen).toEqual(['slow', 'throws', 'rejects']);
    expect((await send(failure('after'))).status).toBe(200);
  });

  it('uses a body a framework already parsed', async () => {
    const t = telemetry();
    const events = inbox<VppNotificationEvent>();
    const handler = createNotificationHandler({
      authToken: TOKEN,
      engine: t.engine,
      tracing: false,
      onEvent: events.push,
    });
    const url = await listen((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        (req as IncomingMessage & { body?: unknown }).body = JSON.parse(Buffer.concat(chunks).toString());
        handler(req, res);
      });
    });
    const res = await fetch(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify(failure('pre')),
    });
    expect(res.status).toBe(200);
    expect((await events.next()).failures[0]?.code).toBe(9709);
  });

  it('links its span to the producing span and keeps identifiers out of telemetry', async () => {
    const origins = createEventOrigins();
    const { send, events, exporter, tracerProvider, registry } = await setup({ origins });
    const producer = tracerProvider.getTracer('test').startSpan('assign');
    origins.remember(failure('l').notification.eventId, producer.spanContext());
    producer.end();
    await send(failure('l-1'));
    await events.next();
    const span = exporter.getFinishedSpans().find((s) => s.name === 'apple_vpp notification');
    expect(span?.links.map((l) => l.context.spanId)).toEqual([producer.spanContext().spanId]);
    expect(span?.attributes).toMatchObject({
      'apple_vpp.notification.type': 'ASSET_MANAGEMENT',
      'apple_vpp.error.number': 9709,
    });
    const surfaces =
      JSON.stringify(exporter.getFinishedSpans().map((s) => [s.attributes, s.events, s.status])) +
      (await registry.metrics());
    for (const secret of [TOKEN, SERIAL, 'user-1', EMAIL]) expect(surfaces).not.toContain(secret);
  });

  it('refuses bad options without echoing the token', () => {
    expect(() => createNotificationHandler({ authToken: '' })).toThrow(/authToken/);
    expect(() => createNotificationHandler({ authToken: TOKEN, maxBodyBytes: 0 })).toThrow(/maxBodyBytes/);
  });
});

/**
 * Talks raw HTTP over one keep-alive connection: sends `head` and the start of a body, never the rest, and returns
 * what came back once the server closed the connection (the test's own timeout catches a server that never does).
 */
function rawExchange(url: string, head: string, partialBody: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write(head + partialBody));
    let received = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      received += chunk;
    });
    socket.on('error', reject);
    socket.on('close', () => resolve(received));
  });
}

describe('createNotificationHandler and slow or unauthorized senders', () => {
  const head = (token: string, length: number) =>
    `POST / HTTP/1.1\r\nHost: x\r\nConnection: keep-alive\r\nContent-Type: application/json\r\n` +
    `Authorization: Bearer ${token}\r\nContent-Length: ${length}\r\n\r\n`;

  it('answers 408 to a body that does not arrive within bodyTimeoutMs, and closes the connection', async () => {
    const { url, events } = await setup({ bodyTimeoutMs: 200 });
    const answer = await rawExchange(url, head(TOKEN, 500), '{"notificationId":');
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(answer.toLowerCase()).toContain('connection: close');
    expect(events.items).toHaveLength(0);
  });

  it('closes the connection after a 401, even on a keep-alive request whose body never ends', async () => {
    const { url, events } = await setup();
    const answer = await rawExchange(url, head('wrong-token', 500), '{"notificationId":');
    expect(answer).toMatch(/^HTTP\/1\.1 401 /);
    expect(answer.toLowerCase()).toContain('connection: close');
    expect(events.items).toHaveLength(0);
  });

  it('rejects an absurd bodyTimeoutMs with ERR_VPP_INVALID_ARGUMENT', () => {
    for (const bodyTimeoutMs of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => createNotificationHandler({ authToken: TOKEN, bodyTimeoutMs })).toThrow(
        expect.objectContaining({ code: 'ERR_VPP_INVALID_ARGUMENT' }),
      );
    }
  });
});
