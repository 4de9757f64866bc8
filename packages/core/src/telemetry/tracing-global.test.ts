import { createRequire } from 'node:module';
import { context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { afterAll, describe, expect, it } from 'vitest';
import type { Transport } from '../engine/call/types.js';
import { createVppEngine } from '../engine/create-engine.js';

const url = 'https://vpp.itunes.apple.com/mdm/v2/assets';
const ok: Transport<{ status: number; body: unknown }> = {
  send: async () => ({ status: 200, body: {} }),
  read: (r) => r,
  readError: () => null,
};

afterAll(() => {
  trace.disable();
  context.disable();
});

describe('tracing through the global provider', () => {
  it('an engine created before the provider is registered records nothing until then, and spans once it is', async () => {
    const engine = createVppEngine({ metrics: false, rateLimit: false });
    await engine.execute({ method: 'GET', url }, ok);

    const exporter = new InMemorySpanExporter();
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    trace.setGlobalTracerProvider(
      new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }),
    );
    await engine.execute({ method: 'GET', url }, ok);
    const spans = exporter.getFinishedSpans();
    expect(spans.map((s) => s.name)).toEqual(['apple_vpp assets_get']);
    expect(spans[0]?.attributes).toMatchObject({ 'apple_vpp.api': 'v2', 'server.port': 443 });
    // The tracer is named and versioned after the package, read from its package.json.
    const { version } = createRequire(import.meta.url)('../../package.json') as { version: string };
    expect(spans[0]?.instrumentationScope).toEqual({ name: '@vppwatch/core', version, schemaUrl: undefined });
    // These tests run on @opentelemetry/api 1.9 (the pack-and-install check covers 1.4 and 1.10).
    const registry = (globalThis as Record<symbol, { version?: string }>)[
      Symbol.for('opentelemetry.js.api.1')
    ];
    expect(registry?.version).toMatch(/^1\.9\./);
  });
});
