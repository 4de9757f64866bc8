import type * as OtelApi from '@opentelemetry/api';
import type { RetryClass } from '../catalog/retry-class.js';
import type { DelaySource, GiveUpReason } from '../shared/call-outcome.js';
import { knownErrorNumber } from './labels.js';
import { apiOf } from './operation.js';
import { loadOptional } from './optional-module.js';

const TRACER_NAME = '@vppwatch/core';
const TRACER_VERSION = '0.1.0';

export interface SpanStart {
  readonly operation: string;
  readonly serverAddress: string | null;
  readonly serverPort: number | null;
}

export interface SpanRetry {
  readonly resendCount: number;
  readonly httpStatus: number | null;
  readonly errorNumber: number | string | null;
  readonly retryClass: RetryClass;
  readonly delayMs: number;
  readonly retryAfterMs: number | null;
  readonly delaySource: DelaySource;
}

export interface SpanEnd {
  readonly attempts: number;
  /** Set only when the call finally failed (not for a caller's cancel). */
  readonly failure: {
    readonly errorType: string;
    readonly errorNumber: number | string | null;
    readonly retryClass: RetryClass | null;
  } | null;
  /** Apple code of an idempotent_ok answer, recorded without an error status. */
  readonly resolvedErrorNumber: number | string | null;
}

/** The logical INTERNAL span of one call: active across attempts and waits, ended once. */
export interface LogicalSpan {
  run<T>(fn: () => T): T;
  /** The span's context, for links from the spans of a later outcome (an async event). */
  spanContext(): OtelApi.SpanContext;
  retry(event: SpanRetry): void;
  giveUp(reason: GiveUpReason): void;
  /** The tenant's rate in force changed (a throttle, or an announced ceiling), requests per second. */
  rateChange(cause: 'throttle' | 'announced', from: number, to: number): void;
  end(info: SpanEnd): void;
}

/** Starts logical spans through `@opentelemetry/api`; null when the API is not installed or tracing is off. */
export class VppTracing {
  readonly #api: typeof OtelApi;
  readonly #tracer: OtelApi.Tracer;
  /** The global provider when no explicit one was given: until an SDK registers with it, spans cost nothing. */
  readonly #proxy: OtelApi.ProxyTracerProvider | null;
  /** What a proxy delegates to before registration (the API's no-op provider). */
  readonly #noop: OtelApi.TracerProvider;

  private constructor(api: typeof OtelApi, provider: OtelApi.TracerProvider) {
    this.#api = api;
    this.#tracer = provider.getTracer(TRACER_NAME, TRACER_VERSION);
    this.#proxy = provider instanceof api.ProxyTracerProvider ? provider : null;
    this.#noop = new api.ProxyTracerProvider().getDelegate();
  }

  static create(option: { readonly tracerProvider?: unknown } | false | undefined): VppTracing | null {
    if (option === false) return null;
    const api = loadOptional<typeof OtelApi>('@opentelemetry/api');
    if (api === null) return null;
    const provider =
      (option?.tracerProvider as OtelApi.TracerProvider | undefined) ?? api.trace.getTracerProvider();
    return new VppTracing(api, provider);
  }

  start(info: SpanStart): LogicalSpan | null {
    // No SDK registered yet: the proxy would hand out a non-recording span that is dropped below anyway.
    if (this.#proxy !== null && this.#proxy.getDelegate() === this.#noop) return null;
    const attributes: OtelApi.Attributes = { 'apple_vpp.operation': info.operation };
    if (info.serverAddress !== null) attributes['server.address'] = info.serverAddress;
    if (info.serverPort !== null) attributes['server.port'] = info.serverPort;
    const api = apiOf(info.operation);
    if (api !== null) attributes['apple_vpp.api'] = api;
    const span = this.#tracer.startSpan(`apple_vpp ${info.operation}`, {
      kind: this.#api.SpanKind.INTERNAL,
      attributes,
    });
    // Nobody samples or exports this span: skip all further work.
    if (!span.isRecording()) {
      span.end();
      return null;
    }
    return new OtelLogicalSpan(this.#api, span);
  }
}

class OtelLogicalSpan implements LogicalSpan {
  readonly #api: typeof OtelApi;
  readonly #span: OtelApi.Span;
  readonly #context: OtelApi.Context;

  constructor(api: typeof OtelApi, span: OtelApi.Span) {
    this.#api = api;
    this.#span = span;
    this.#context = api.trace.setSpan(api.context.active(), span);
  }

  run<T>(fn: () => T): T {
    return this.#api.context.with(this.#context, fn);
  }

  spanContext(): OtelApi.SpanContext {
    return this.#span.spanContext();
  }

  retry(event: SpanRetry): void {
    const attributes: OtelApi.Attributes = {
      'http.request.resend_count': event.resendCount,
      'apple_vpp.retry.class': event.retryClass,
      'apple_vpp.retry.delay': event.delayMs / 1000,
      'apple_vpp.retry.delay_source': event.delaySource,
    };
    if (event.httpStatus !== null) attributes['http.response.status_code'] = event.httpStatus;
    const errorNumber = knownErrorNumber(event.errorNumber);
    if (errorNumber !== undefined) attributes['apple_vpp.error.number'] = errorNumber;
    if (event.retryAfterMs !== null) attributes['apple_vpp.retry.after'] = event.retryAfterMs / 1000;
    this.#span.addEvent('apple_vpp.retry', attributes);
  }

  giveUp(reason: GiveUpReason): void {
    this.#span.addEvent('apple_vpp.give_up', { 'apple_vpp.give_up.reason': reason });
  }

  rateChange(cause: 'throttle' | 'announced', from: number, to: number): void {
    this.#span.addEvent('apple_vpp.rate_change', {
      'apple_vpp.rate.cause': cause,
      'apple_vpp.rate.previous': from,
      'apple_vpp.rate': to,
    });
  }

  end(info: SpanEnd): void {
    this.#span.setAttribute('apple_vpp.request.attempts', info.attempts);
    const resolved = knownErrorNumber(info.resolvedErrorNumber);
    if (resolved !== undefined) this.#span.setAttribute('apple_vpp.error.number', resolved);
    if (info.failure !== null) {
      const errorNumber = knownErrorNumber(info.failure.errorNumber);
      if (errorNumber !== undefined) this.#span.setAttribute('apple_vpp.error.number', errorNumber);
      if (info.failure.retryClass !== null)
        this.#span.setAttribute('apple_vpp.retry.class', info.failure.retryClass);
      this.#span.setAttribute('error.type', info.failure.errorType);
      this.#span.setStatus({ code: this.#api.SpanStatusCode.ERROR, message: 'Apple VPP call failed' });
    }
    this.#span.end();
  }
}
