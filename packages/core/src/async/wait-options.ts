import { VppError } from '../errors/vpp-error.js';
import type { EventOrigins } from './event-origins.js';
import type { EventTracingOption } from './event-span.js';
import type { FailureRecorder } from './notification-options.js';
import type { SpanLinkTarget } from './span-link.js';

/** Fetches the status body of `eventId` (`GET status?eventId=…`); pass `signal` to the HTTP client. */
export type EventPoll = (eventId: string, signal: AbortSignal) => Promise<unknown>;

/** Options of {@link waitForEvent}. */
export interface WaitForEventOptions {
  /** The `eventId` of an EventResponse (`assets/associate`, `users/create`, …). */
  readonly eventId: string;
  /** One status request; `axiosStatusPoller(client)` / `gotStatusPoller(client)` build it. */
  readonly poll: EventPoll;
  /** Aborts the wait at once (the in-flight poll included); rejects with the signal's reason. */
  readonly signal?: AbortSignal;
  /** Give up after this long with a VppError `ERR_VPP_DEADLINE` (default 10 min: Apple then says resend the request). */
  readonly deadlineMs?: number;
  /** Wait between polls while PENDING (default 30 s, Apple's minimum in production). */
  readonly intervalMs?: number;
  /** Each further wait is this factor longer (default 1.5). */
  readonly backoffFactor?: number;
  /** Cap of a wait between polls (default 2 min). */
  readonly maxIntervalMs?: number;
  /** The span that produced the eventId; the `apple_vpp event_wait` span links to it. */
  readonly link?: SpanLinkTarget;
  /** Where the producing span was remembered, when `link` is not given. */
  readonly origins?: EventOrigins;
  /**
   * Counts the final failures in `apple_vpp_api_errors_total`, once per eventId and error number per registry
   * (a status poll through an attached client or a notification that already counted them is not repeated).
   */
  readonly engine?: FailureRecorder;
  /** Spans through `@opentelemetry/api` (default: the global tracer provider), or false. */
  readonly tracing?: EventTracingOption;
}

export interface NormalizedWaitOptions {
  readonly eventId: string;
  readonly poll: EventPoll;
  readonly signal: AbortSignal | undefined;
  readonly deadlineMs: number;
  readonly intervalMs: number;
  readonly backoffFactor: number;
  readonly maxIntervalMs: number;
  readonly link: SpanLinkTarget | undefined;
  readonly engine: FailureRecorder | undefined;
  readonly tracing: EventTracingOption;
}

function invalid(message: string): VppError {
  return new VppError({ code: 'ERR_VPP_INVALID_ARGUMENT', message: `waitForEvent: ${message}` });
}

function number(value: unknown, fallback: number, min: number, name: string): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || Number.isNaN(value) || value < min)
    throw invalid(`${name} must be >= ${min}`);
  return value;
}

/** Validates once at the entry point; the user's object is read, never changed. */
export function normalizeWaitOptions(options: WaitForEventOptions): NormalizedWaitOptions {
  if (typeof options !== 'object' || options === null) throw invalid('options are required');
  if (typeof options.eventId !== 'string' || options.eventId === '')
    throw invalid('eventId must be a non-empty string');
  if (typeof options.poll !== 'function') throw invalid('poll must be a function');
  const intervalMs = number(options.intervalMs, 30_000, 0, 'intervalMs');
  return {
    eventId: options.eventId,
    poll: options.poll,
    signal: options.signal,
    deadlineMs: number(options.deadlineMs, 10 * 60_000, 0, 'deadlineMs'),
    intervalMs,
    backoffFactor: number(options.backoffFactor, 1.5, 1, 'backoffFactor'),
    maxIntervalMs: Math.max(intervalMs, number(options.maxIntervalMs, 120_000, 0, 'maxIntervalMs')),
    link: options.link ?? options.origins?.get(options.eventId),
    engine: options.engine,
    tracing: options.tracing,
  };
}
