import { createRequire } from 'node:module';
import { context, SpanKind, trace } from '@opentelemetry/api';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { InMemorySpanExporter, type ReadableSpan, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { startScriptedServer } from '@vppwatch/simulator';
import { afterAll, describe, expect, it } from 'vitest';
import { fakeSToken, v2Error } from './test-support/fixtures.js';

// The instrumentation must patch node:http before axios (and follow-redirects) load it: register first,
// touch http through require so the hook patches the shared module object, then import axios dynamically.
const exporter = new InMemorySpanExporter();
const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
provider.register();
const unregister = registerInstrumentations({
  tracerProvider: provider,
  instrumentations: [new HttpInstrumentation({ ignoreIncomingRequestHook: () => true })],
});
createRequire(import.meta.url)('node:http');
const { default: axios } = await import('axios');
const { attachVppInterceptor } = await import('./index.js');

afterAll(async () => {
  unregister();
  await provider.shutdown();
});

function printTree(spans: readonly ReadableSpan[]): string {
  const children = (id: string | undefined) => spans.filter((s) => s.parentSpanContext?.spanId === id);
  const lines: string[] = [];
  const walk = (span: ReadableSpan, depth: number) => {
    lines.push(`${'  '.repeat(depth)}${span.name} [${SpanKind[span.kind]}]`);
    for (const child of children(span.spanContext().spanId)) walk(child, depth + 1);
  };
  const ids = new Set(spans.map((s) => s.spanContext().spanId));
  for (const root of spans.filter((s) => !s.parentSpanContext || !ids.has(s.parentSpanContext.spanId)))
    walk(root, 0);
  return lines.join('\n');
}

describe('OpenTelemetry nesting through the wrapped adapter', () => {
  it('makes every instrumentation-http attempt span a child of the logical span', async () => {
    const server = await startScriptedServer([
      { status: 429, headers: { 'retry-after': '0' }, body: v2Error(9646) },
      { status: 200, body: { eventId: 'e-1' } },
    ]);
    try {
      const client = axios.create({ baseURL: `${server.url}/mdm/v2` });
      attachVppInterceptor(client, {
        baseDelayMs: { throttled: 5 },
        rateLimit: false,
        metrics: false,
        tracing: { tracerProvider: provider },
      });
      const parent = provider.getTracer('test').startSpan('job');
      await context.with(trace.setSpan(context.active(), parent), () =>
        client.post(
          '/assets/associate',
          { assets: [] },
          { headers: { Authorization: `Bearer ${fakeSToken()}` } },
        ),
      );
      parent.end();

      const spans = exporter.getFinishedSpans();
      const tree = printTree(spans);
      console.log(`span tree:\n${tree}`);

      const logical = spans.find((s) => s.name === 'apple_vpp assets_associate');
      expect(logical?.kind).toBe(SpanKind.INTERNAL);
      expect(logical?.parentSpanContext?.spanId).toBe(parent.spanContext().spanId);
      const attempts = spans.filter((s) => s.kind === SpanKind.CLIENT);
      expect(attempts).toHaveLength(2);
      for (const attempt of attempts) {
        expect(attempt.parentSpanContext?.spanId).toBe(logical?.spanContext().spanId);
        expect(attempt.spanContext().traceId).toBe(parent.spanContext().traceId);
      }
      expect(tree).toMatch(
        /^job \[INTERNAL\]\n {2}apple_vpp assets_associate \[INTERNAL\]\n {4}POST \[CLIENT\]\n {4}POST \[CLIENT\]$/,
      );
    } finally {
      await server.close();
    }
  });
});
