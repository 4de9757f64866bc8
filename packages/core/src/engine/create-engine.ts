import { decodeResponse } from '../decode/index.js';
import type { DecodedResponse } from '../decode/types.js';
import { createVppMetrics } from '../telemetry/create-metrics.js';
import { checkedOperation } from '../telemetry/operation.js';
import { VppTracing } from '../telemetry/tracing.js';
import { callParamsOf } from './call/call-params.js';
import type { EngineRuntime } from './call/engine-runtime.js';
import { usableEventId } from './call/event-id.js';
import { EngineEmitter, type EngineEventName, type EngineEvents } from './call/events.js';
import { executeCall } from './call/execute.js';
import { VppLogicalCall } from './call/logical-call.js';
import { RateWatch } from './call/rate-watch.js';
import type { RequestDescriptor, Transport, VppEngine } from './call/types.js';
import { normalizeLogger } from './drift/drift-log.js';
import { DriftWatch } from './drift/drift-watch.js';
import { normalizeOptions } from './normalize-options.js';
import type { VppEngineOptions } from './options.js';
import { RateCeiling } from './tenant/apple-rate.js';
import { MemoryTenantStore } from './tenant/memory-tenant-store.js';
import { RetryBudget } from './tenant/retry-budget.js';
import type { TenantStore } from './tenant/tenant-store.js';

/** The engine as {@link createVppEngine} returns it: the adapter contract plus events and failure recording. */
export interface VppEngineInstance extends VppEngine {
  /** Subscribes to an engine event; returns the function that unsubscribes. A throwing listener is ignored. */
  on<K extends EngineEventName>(event: K, listener: (payload: EngineEvents[K]) => void): () => void;
  /**
   * Counts failures found elsewhere (notifications, status polls) in `apple_vpp_api_errors_total`. With an
   * `eventId`, the event's failures are counted once per registry, whoever reports them first.
   */
  recordFailures(
    decoded: DecodedResponse,
    context?: { readonly operation?: string; readonly eventId?: string | null },
  ): void;
}

/**
 * Creates the retry engine both adapters drive: one per process (or per client), shared by every request so
 * tenant gates, rate limits and budgets are shared too.
 *
 * @example
 * ```ts
 * const engine = createVppEngine({ maxAttempts: 4, deadlineMs: 60_000 });
 * const response = await engine.execute(
 *   { method: 'GET', url: 'https://vpp.itunes.apple.com/mdm/v2/assets', headers },
 *   {
 *     send: ({ signal }) => fetch(url, { headers, signal }).then(async (r) => ({ r, body: await r.text() })),
 *     read: ({ r, body }) => ({ status: r.status, headers: r.headers, body }),
 *     readError: () => null,
 *   },
 * );
 * ```
 */
export function createVppEngine(options: VppEngineOptions = {}): VppEngineInstance {
  const policy = normalizeOptions(options);
  const store: TenantStore = options.store ?? new MemoryTenantStore();
  const emitter = new EngineEmitter();
  const log = normalizeLogger(options.logger);
  const metrics = createVppMetrics(options.metrics);
  const rate = new RateCeiling(policy.rateLimit);
  const rates = metrics === null || policy.rateLimit === null ? null : new RateWatch(store, rate, policy.now);
  if (rates !== null) metrics?.rateReader(rates.read);
  const runtime: EngineRuntime = {
    policy,
    store,
    budget: new RetryBudget(store, policy.budget),
    rate,
    drift: new DriftWatch({ metrics, log, emit: (event) => emitter.emit('catalogDrift', event) }),
    sinks: {
      metrics,
      rates,
      tracing: VppTracing.create(options.tracing),
      emitter,
    },
    decode: policy.decode ?? decodeResponse,
    decodeOptions: Object.freeze({ now: policy.now }),
    origins: policy.origins,
  };
  const listeners = options.listeners ?? {};
  if (listeners.attempt) emitter.on('attempt', listeners.attempt);
  if (listeners.retry) emitter.on('retry', listeners.retry);
  if (listeners.giveUp) emitter.on('giveUp', listeners.giveUp);
  if (listeners.success) emitter.on('success', listeners.success);
  if (listeners.rateChange) emitter.on('rateChange', listeners.rateChange);
  if (metrics !== null) store.onError?.((report) => metrics.storeError(report.operation));
  if (listeners.catalogDrift) emitter.on('catalogDrift', listeners.catalogDrift);
  const begin = (request: RequestDescriptor): VppLogicalCall =>
    new VppLogicalCall(runtime, callParamsOf(request, policy));
  return {
    begin,
    execute<T>(request: RequestDescriptor, transport: Transport<T>): Promise<T> {
      let call: VppLogicalCall;
      try {
        call = begin(request);
      } catch (error) {
        return Promise.reject(error);
      }
      return executeCall(call, transport);
    },
    on: (event, listener) => emitter.on(event, listener),
    recordFailures(decoded, context) {
      runtime.sinks.metrics?.failures(
        checkedOperation(context?.operation ?? 'other'),
        decoded,
        usableEventId(context?.eventId),
      );
    },
  };
}
