import type { SpanLinkTarget } from '../../async/span-link.js';
import { closedCode } from '../../decode/closed-code.js';
import type { DecodedResponse } from '../../decode/types.js';
import type { LogicalSpan, SpanEnd, SpanStart, VppTracing } from '../../telemetry/tracing.js';
import type { CallOutcome, VppMetrics } from '../../telemetry/vpp-metrics.js';
import type { EngineEmitter, EngineEvents } from './events.js';
import type { RateWatch } from './rate-watch.js';

/** The engine-wide telemetry sinks; each is null when nobody listens, so an idle sink costs nothing. */
export interface TelemetrySinks {
  readonly metrics: VppMetrics | null;
  readonly tracing: VppTracing | null;
  readonly emitter: EngineEmitter;
  /** Which tenants the closed loop slowed down, for the rate gauge; null without metrics or rate limit. */
  readonly rates: RateWatch | null;
}

/** The span's end facts, plus what metrics and listeners need; `failure` is given for `error` outcomes. */
export interface CallEnd extends SpanEnd {
  readonly outcome: CallOutcome;
  readonly durationMs: number;
  readonly totalDelayMs: number;
}

/** Fans one logical call's facts out to metrics, the span and the listeners. */
export class CallTelemetry {
  readonly #sinks: TelemetrySinks;
  readonly #operation: string;
  readonly #span: LogicalSpan | null;
  /** The event a status poll asks about, so its failures are counted once across polls and notifications. */
  readonly #eventId: string | null;

  constructor(sinks: TelemetrySinks, start: SpanStart & { readonly eventId?: string | null }) {
    this.#sinks = sinks;
    this.#operation = start.operation;
    this.#eventId = start.eventId ?? null;
    this.#span = sinks.tracing === null ? null : sinks.tracing.start(start);
    sinks.metrics?.callStarted();
  }

  run<T>(fn: () => T): T {
    return this.#span === null ? fn() : this.#span.run(fn);
  }

  /** The logical span's context, or null when nothing traces this call. */
  spanContext(): SpanLinkTarget | null {
    return this.#span === null ? null : this.#span.spanContext();
  }

  /** Positional, so the common case (nobody listening) builds no event object. */
  attempt(
    attempt: number,
    httpStatus: number | null,
    retryClass: EngineEvents['attempt']['retryClass'],
    errorNumber: number | string | null,
    durationMs: number,
    decoded: DecodedResponse | null,
  ): void {
    const { metrics, emitter } = this.#sinks;
    if (metrics !== null) {
      metrics.attempt(this.#operation, httpStatus, retryClass);
      if (decoded !== null && decoded.failures.length > 0)
        metrics.failures(this.#operation, decoded, this.#eventId);
    }
    if (emitter.has('attempt')) {
      const operation = this.#operation;
      const code = closedCode(errorNumber);
      emitter.emit('attempt', { operation, attempt, httpStatus, retryClass, errorNumber: code, durationMs });
    }
  }

  retry(event: Omit<EngineEvents['retry'], 'operation'>, httpStatus: number | null): void {
    const { metrics, emitter } = this.#sinks;
    metrics?.retry(this.#operation, event.retryClass, event.delaySource, event.delayMs);
    this.#span?.retry({ ...event, httpStatus });
    if (emitter.has('retry')) {
      const errorNumber = closedCode(event.errorNumber);
      emitter.emit('retry', { operation: this.#operation, ...event, errorNumber });
    }
  }

  /** Apple announces each token's expiry on its responses; the gauge shows the earliest one. */
  tokenExpiry(tenant: string, expiresAtMs: number): void {
    this.#sinks.metrics?.tokenExpiry(tenant, expiresAtMs);
  }

  rateChange(cause: EngineEvents['rateChange']['cause'], from: number, to: number, ceiling: number): void {
    const emitter = this.#sinks.emitter;
    this.#span?.rateChange(cause, from, to);
    if (emitter.has('rateChange')) {
      const operation = this.#operation;
      emitter.emit('rateChange', { operation, cause, previousRate: from, rate: to, ceiling });
    }
  }

  gate(untilMs: number): void {
    this.#sinks.metrics?.backoffUntil(untilMs);
  }

  giveUp(event: Omit<EngineEvents['giveUp'], 'operation'>): void {
    const { metrics, emitter } = this.#sinks;
    metrics?.giveUp(this.#operation, event.reason);
    this.#span?.giveUp(event.reason);
    if (emitter.has('giveUp')) {
      const errorNumber = closedCode(event.errorNumber);
      emitter.emit('giveUp', { operation: this.#operation, ...event, errorNumber });
    }
  }

  end(info: CallEnd): void {
    const { metrics, emitter } = this.#sinks;
    metrics?.callEnded(
      this.#operation,
      info.outcome,
      info.failure?.retryClass ?? null,
      info.durationMs / 1000,
    );
    this.#span?.end({
      attempts: info.attempts,
      httpStatus: info.httpStatus,
      failure: info.outcome === 'error' ? info.failure : null,
      resolvedErrorNumber: info.resolvedErrorNumber,
    });
    if (info.outcome === 'success' && emitter.has('success')) {
      emitter.emit('success', {
        operation: this.#operation,
        attempts: info.attempts,
        totalDelayMs: info.totalDelayMs,
        durationMs: info.durationMs,
      });
    }
  }
}
