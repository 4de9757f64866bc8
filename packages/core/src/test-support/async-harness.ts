import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { context } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { Registry } from 'prom-client';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { createVppEngine } from '../engine/create-engine.js';

const servers: Server[] = [];

/** Registers the AsyncLocalStorage context manager for the test file. */
export function useContextManager(): void {
  const manager = new AsyncLocalStorageContextManager();
  beforeAll(() => {
    manager.enable();
    context.setGlobalContextManager(manager);
  });
  afterAll(() => context.disable());
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => new Promise((done) => s.close(done))));
  });
}

/** A real HTTP server on 127.0.0.1 (port 0), closed after the test. */
export async function listen(handler: RequestListener): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** An engine with a real prom-client Registry and an in-memory span exporter. */
export function telemetry() {
  const registry = new Registry();
  const exporter = new InMemorySpanExporter();
  const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const engine = createVppEngine({ metrics: { registry }, tracing: { tracerProvider }, rateLimit: false });
  return { registry, exporter, tracerProvider, engine };
}

/** The value of `apple_vpp_api_errors_total` for the given labels (0 when the series does not exist). */
export async function errorCount(registry: Registry, labels: Record<string, string>): Promise<number> {
  const metric = (await registry.getMetricsAsJSON()).find((m) => m.name === 'apple_vpp_api_errors_total');
  let total = 0;
  for (const sample of metric?.values ?? []) {
    const l = sample.labels as Record<string, unknown>;
    if (Object.entries(labels).every(([k, v]) => l[k] === v)) total += sample.value;
  }
  return total;
}

/** A queue of values with an awaitable `next()`. */
export function inbox<T>() {
  const items: T[] = [];
  const waiters: ((item: T) => void)[] = [];
  return {
    items,
    push(item: T) {
      items.push(item);
      waiters.splice(0).forEach((w) => {
        w(item);
      });
    },
    next(match: (item: T) => boolean = () => true): Promise<T> {
      const found = items.find(match);
      if (found !== undefined) return Promise.resolve(found);
      return new Promise((resolve) => {
        const check = (item: T) => (match(item) ? resolve(item) : waiters.push(check));
        waiters.push(check);
      });
    },
  };
}
