import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { context } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { attachVppInterceptor, axiosStatusPoller } from '@vppwatch/axios-interceptor';
import {
  createEventOrigins,
  createNotificationHandler,
  createVppEngine,
  type EventPoll,
  type VppNotificationEvent,
} from '@vppwatch/core';
import { gotStatusPoller, vppHooks } from '@vppwatch/got-hook';
import { type Simulator, startSimulator } from '@vppwatch/simulator';
import axios from 'axios';
import got from 'got';
import { Registry } from 'prom-client';
import { afterAll, afterEach, beforeAll } from 'vitest';

export const NOTIFICATION_TOKEN = 'notify-secret-5d1e';
/** 10 licences in a fresh simulated organization. */
export const APP = { adamId: '361309726', pricingParam: 'STDQ' };
/** 100 licences. */
export const BIG_APP = { adamId: '778658393', pricingParam: 'STDQ' };

const cleanups: (() => Promise<void>)[] = [];

/** The AsyncLocalStorage context manager for the file, and cleanup of servers after each test. */
export function useRealOtel(): void {
  const manager = new AsyncLocalStorageContextManager();
  beforeAll(() => {
    manager.enable();
    context.setGlobalContextManager(manager);
  });
  afterAll(() => context.disable());
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
}

/** Collected notification events with an awaitable `next(match)`. */
export function eventInbox() {
  const items: VppNotificationEvent[] = [];
  const waiters = new Set<() => void>();
  return {
    items,
    push(event: VppNotificationEvent) {
      items.push(event);
      for (const wake of waiters) wake();
    },
    async next(match: (e: VppNotificationEvent) => boolean): Promise<VppNotificationEvent> {
      for (;;) {
        const found = items.find(match);
        if (found) return found;
        await new Promise<void>((resolve) => {
          const wake = () => {
            waiters.delete(wake);
            resolve();
          };
          waiters.add(wake);
        });
      }
    },
  };
}

export type ClientKind = 'axios' | 'got';

/** A simulated Apple, one engine with real telemetry, a notification receiver, and an Apple client of `kind`. */
export async function setup(kind: ClientKind) {
  const sim: Simulator = await startSimulator({ eventDelayMs: 30 });
  cleanups.push(() => sim.close());
  const sToken = sim.token();
  const registry = new Registry();
  const exporter = new InMemorySpanExporter();
  const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const tracing = { tracerProvider };
  const origins = createEventOrigins();
  // The engine remembers each event-starting call's span under its eventId, for the links of the outcome.
  const engine = createVppEngine({ metrics: { registry }, tracing, rateLimit: false, origins });
  const events = eventInbox();
  const handler = createNotificationHandler({
    authToken: NOTIFICATION_TOKEN,
    engine,
    origins,
    tracing,
    onEvent: events.push,
  });
  const receiver = await listen(createServer(handler));
  cleanups.push(() => new Promise((done) => receiver.server.close(() => done())));
  const apple = appleClient(kind, `${sim.url}/mdm/v2/`, sToken, engine);
  return {
    sim,
    sToken,
    registry,
    exporter,
    tracerProvider,
    tracing,
    engine,
    origins,
    events,
    receiver,
    apple,
  };
}

/** `post` and a status `poll` through real axios or real got, both driven by the shared engine. */
function appleClient(
  kind: ClientKind,
  baseUrl: string,
  sToken: string,
  engine: ReturnType<typeof createVppEngine>,
) {
  const headers = { authorization: `Bearer ${sToken}` };
  if (kind === 'axios') {
    const client = axios.create({ baseURL: baseUrl, headers });
    attachVppInterceptor(client, { engine });
    return {
      post: async (path: string, body: unknown) =>
        (await client.post(path, body)).data as Record<string, unknown>,
      poll: axiosStatusPoller(client) as EventPoll,
    };
  }
  const client = got.extend({ prefixUrl: baseUrl, headers }, vppHooks({ engine }));
  return {
    post: (path: string, body: unknown) => client.post(path, { json: body }).json<Record<string, unknown>>(),
    poll: gotStatusPoller(client) as EventPoll,
  };
}

async function listen(server: Server) {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/apple/notifications` };
}

/** The value of `apple_vpp_api_errors_total` summed over the series matching `labels`. */
export async function errorCount(registry: Registry, labels: Record<string, string>): Promise<number> {
  const metric = (await registry.getMetricsAsJSON()).find((m) => m.name === 'apple_vpp_api_errors_total');
  let total = 0;
  for (const sample of metric?.values ?? []) {
    const values = sample.labels as Record<string, unknown>;
    if (Object.entries(labels).every(([k, v]) => values[k] === v)) total += sample.value;
  }
  return total;
}
