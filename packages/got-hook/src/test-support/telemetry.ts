import { createRequire } from 'node:module';
import { context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { Registry } from 'prom-client';

export interface TestTelemetry {
  readonly exporter: InMemorySpanExporter;
  readonly provider: BasicTracerProvider;
  readonly registry: Registry;
  dispose(): Promise<void>;
}

/**
 * The real OpenTelemetry SDK (in-memory exporter, AsyncLocalStorage context) with instrumentation-http patching
 * node:http, and a fresh prom-client Registry.
 */
export function startTelemetry(): TestTelemetry {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const contextManager = new AsyncLocalStorageContextManager().enable();
  context.setGlobalContextManager(contextManager);
  trace.setGlobalTracerProvider(provider);
  const http = new HttpInstrumentation();
  http.setTracerProvider(provider);
  http.enable();
  // node:http is already loaded; requiring it again runs the instrumentation's patch on the shared exports.
  createRequire(import.meta.url)('node:http');
  return {
    exporter,
    provider,
    registry: new Registry(),
    async dispose() {
      http.disable();
      await provider.shutdown();
      context.disable();
      trace.disable();
    },
  };
}
