import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createNotificationHandler, createVppEngine, type VppNotificationEvent } from '@vppwatch/core';
import express from 'express';
import Fastify from 'fastify';
import { Registry } from 'prom-client';
import { afterEach, describe, expect, it } from 'vitest';
import { eventInbox } from './support.js';

const TOKEN = 'framework-secret-91c2';
const failure = (notificationId: string) => ({
  notification: {
    assignments: [{ adamId: '1234', pricingParam: 'STDQ', clientUserId: 'user-1' }],
    error: { errorMessage: 'not enough', errorNumber: 9709 },
    eventId: `event-${notificationId}`,
    result: 'FAILURE',
    type: 'ASSOCIATE',
  },
  notificationId,
  notificationType: 'ASSET_MANAGEMENT',
  uId: '2049025000431439',
});

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

function receiver() {
  const registry = new Registry();
  const engine = createVppEngine({ metrics: { registry }, tracing: false });
  const events = eventInbox();
  const handler = createNotificationHandler({ authToken: TOKEN, engine, onEvent: events.push });
  const counted = async () =>
    (await registry.getSingleMetricAsString('apple_vpp_api_errors_total')).match(/ (\d+)$/m)?.[1] ?? '0';
  return { handler, events, counted };
}

function post(url: string, body: string, token = TOKEN) {
  return fetch(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body,
  });
}

async function listenExpress(app: express.Express): Promise<string> {
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  closers.push(() => new Promise((done) => server.close(() => done())));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

type Mount = (handler: ReturnType<typeof receiver>['handler']) => Promise<string>;

const mounts: [string, Mount][] = [
  [
    'Express, stream body',
    async (handler) => {
      const app = express();
      app.post('/apple', handler);
      return `${await listenExpress(app)}/apple`;
    },
  ],
  [
    'Express with express.json()',
    async (handler) => {
      const app = express();
      app.post('/apple', express.json(), handler);
      return `${await listenExpress(app)}/apple`;
    },
  ],
  [
    'Fastify, parsed body',
    async (handler) => {
      const app = Fastify();
      app.post('/apple', (request, reply) => {
        reply.hijack();
        handler(request.raw, reply.raw, request.body);
      });
      await app.listen({ port: 0, host: '127.0.0.1' });
      closers.push(() => app.close());
      return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/apple`;
    },
  ],
];

describe.each(mounts)('the notification handler in %s', (_name, mount) => {
  it('accepts, decodes and counts once; refuses a wrong token and a broken body; keeps serving', async () => {
    const { handler, events, counted } = receiver();
    const url = await mount(handler);

    expect((await post(url, JSON.stringify(failure('n-1')), 'wrong')).status).toBe(401);
    expect((await post(url, '{"notification": ')).status).toBe(400);
    expect((await post(url, JSON.stringify(failure('n-1')))).status).toBe(200);
    const event: VppNotificationEvent = await events.next((e) => e.notificationId === 'n-1');
    expect(event).toMatchObject({ type: 'ASSET_MANAGEMENT', duplicate: false, failures: [{ code: 9709 }] });
    expect((await post(url, JSON.stringify(failure('n-1')))).status).toBe(200);
    await events.next((e) => e.duplicate);
    expect(await counted()).toBe('1');
    expect(events.items).toHaveLength(2);
  });
});
