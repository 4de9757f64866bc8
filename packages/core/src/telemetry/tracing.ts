import type { RetryClass } from '../catalog/retry-class.js';
import type { DelaySource, GiveUpReason } from '../shared/call-outcome.js';
import { PACKAGE_INFO } from '../shared/package-info.js';
import { knownErrorNumber } from './labels.js';
import { apiOf } from './operation.js';
import { loadOptional } from './optional-module.js';
import type {
  OtelApi,
  OtelAttributes,
  OtelContext,
  OtelSpan,
  OtelSpanContext,
  OtelTracer,
  OtelTracerProvider,
} from './otel-shapes.js';
import { redactedUrl, semconvMethod } from './safe-url.js';

export interface SpanStart {
  readonly operation: string;
  /** Upper-case HTTP method. */
  readonly method: string;
  /** The URL as requested; the span gets it without credentials or query values. */
  readonly url: string;
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
  /** Status of the last response received, null when the last attempt got none. */
  readonly httpStatus: number | null;
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
  spanContext(): OtelSpanContext;
  retry(event: SpanRetry): void;
  giveUp(reason: GiveUpReason): void;
  /** The tenant's rate in force changed (a throttle, or an announced ceiling), requests per second. */
  rateChange(cause: 'throttle' | 'announced', from: number, to: number): void;
  end(info: SpanEnd): void;
}

/** A provider that may be the API's proxy: the only way to see that no SDK has registered yet. */
type MaybeProxy = OtelTracerProvider & { getDelegate?(): OtelTracerProvider };

/** The tracer every span of `@vppwatch/core` comes from, named and versioned after the package. */
function vppTracer(provider: OtelTracerProvider): OtelTracer {
  return provider.getTracer(PACKAGE_INFO.name, PACKAGE_INFO.version);
}

/**
 * The tracer provider in force now: the one given, else the global one, asked for at each span rather than kept.
 * `@opentelemetry/api` 1.10 ships a CommonJS and an ESM build, each with its own proxy provider; core loads one
 * while an application may register its SDK through the other, and only the global registry (shared by both)
 * then leads to the registered provider.
 */
export class ProviderLookup {
  readonly #api: OtelApi;
  readonly #explicit: OtelTracerProvider | null;
  /** What an unregistered proxy delegates to (this build's no-op provider). */
  readonly #noop: OtelTracerProvider;
  #provider: OtelTracerProvider | null = null;
  #tracer: OtelTracer | null = null;

  constructor(api: OtelApi, explicit: OtelTracerProvider | null) {
    this.#api = api;
    this.#explicit = explicit;
    this.#noop = new api.ProxyTracerProvider().getDelegate();
  }

  /** The tracer to use now, or null while no SDK is registered (a span would be dropped anyway). */
  tracer(): OtelTracer | null {
    const provider = (this.#explicit ?? this.#api.trace.getTracerProvider()) as MaybeProxy;
    if (provider !== this.#provider) {
      this.#provider = provider;
      this.#tracer = vppTracer(provider);
    }
    if (this.#explicit === null && provider.getDelegate?.() === this.#noop) return null;
    return this.#tracer;
  }
}

/** Starts logical spans through `@opentelemetry/api`; null when the API is not installed or tracing is off. */
export class VppTracing {
  readonly #api: OtelApi;
  readonly #lookup: ProviderLookup;

  private constructor(api: OtelApi, provider: OtelTracerProvider | null) {
    this.#api = api;
    this.#lookup = new ProviderLookup(api, provider);
  }

  static create(option: { readonly tracerProvider?: unknown } | false | undefined): VppTracing | null {
    if (option === false) return null;
    const api = loadOptional<OtelApi>('@opentelemetry/api');
    if (api === null) return null;
    return new VppTracing(api, (option?.tracerProvider as OtelTracerProvider | undefined) ?? null);
  }

  start(info: SpanStart): LogicalSpan | null {
    const tracer = this.#lookup.tracer();
    if (tracer === null) return null;
    const method = semconvMethod(info.method);
    const attributes: OtelAttributes = {
      'apple_vpp.operation': info.operation,
      'http.request.method': method,
      'url.full': redactedUrl(info.url),
    };
    if (method === '_OTHER') attributes['http.request.method_original'] = info.method;
    if (info.serverAddress !== null) attributes['server.address'] = info.serverAddress;
    if (info.serverPort !== null) attributes['server.port'] = info.serverPort;
    const api = apiOf(info.operation);
    if (api !== null) attributes['apple_vpp.api'] = api;
    const span = tracer.startSpan(`apple_vpp ${info.operation}`, {
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
  readonly #api: OtelApi;
  readonly #span: OtelSpan;
  readonly #context: OtelContext;

  constructor(api: OtelApi, span: OtelSpan) {
    this.#api = api;
    this.#span = span;
    this.#context = api.trace.setSpan(api.context.active(), span);
  }

  run<T>(fn: () => T): T {
    return this.#api.context.with(this.#context, fn);
  }

  spanContext(): OtelSpanContext {
    return this.#span.spanContext();
  }

  retry(event: SpanRetry): void {
    const attributes: OtelAttributes = {
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
    const span = this.#span;
    span.setAttribute('apple_vpp.request.attempts', info.attempts);
    if (info.httpStatus !== null) span.setAttribute('http.response.status_code', info.httpStatus);
    const resolved = knownErrorNumber(info.resolvedErrorNumber);
    if (resolved !== undefined) span.setAttribute('apple_vpp.error.number', resolved);
    if (info.failure !== null) {
      const errorNumber = knownErrorNumber(info.failure.errorNumber);
      if (errorNumber !== undefined) span.setAttribute('apple_vpp.error.number', errorNumber);
      if (info.failure.retryClass !== null)
        span.setAttribute('apple_vpp.retry.class', info.failure.retryClass);
      span.setAttribute('error.type', info.failure.errorType);
      span.setStatus({ code: this.#api.SpanStatusCode.ERROR, message: 'Apple VPP call failed' });
    }
    span.end();
  }
}
