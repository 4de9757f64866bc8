import type { DecodedResponse } from '../decode/types.js';
import { VppError } from '../errors/vpp-error.js';
import type { EventOrigins } from './event-origins.js';
import type { EventTracingOption } from './event-span.js';
import type { VppNotificationEvent } from './notification-event.js';

/** The part of the engine the receiver needs: `createVppEngine()` fits. */
export interface FailureRecorder {
  recordFailures(
    decoded: DecodedResponse,
    context?: { readonly operation?: string; readonly eventId?: string | null },
  ): void;
}

/** Options of {@link createNotificationHandler}. Only `authToken` is required. */
export interface NotificationHandlerOptions {
  /** The `notificationAuthToken` you registered with `client/config`; Apple sends it as `Authorization: Bearer …`. */
  readonly authToken: string;
  /** Your code, called after Apple got its 2xx. May be async; a slow or throwing callback never affects the answer. */
  readonly onEvent?: (event: VppNotificationEvent) => void | Promise<void>;
  /** Told when `onEvent` throws or rejects (the error is otherwise dropped). */
  readonly onError?: (error: unknown) => void;
  /** Counts failures in `apple_vpp_api_errors_total` (source `event`) like synchronous ones. */
  readonly engine?: FailureRecorder;
  /** Links each notification's span to the span that produced its eventId. */
  readonly origins?: EventOrigins;
  /** Spans through `@opentelemetry/api` (default: the global tracer provider), or false. */
  readonly tracing?: EventTracingOption;
  /** Larger bodies get 413 (default 256 KiB; Apple sends at most 100 elements per notification). */
  readonly maxBodyBytes?: number;
  /** How many recent notificationIds are kept to recognize Apple's redeliveries (default 10,000). */
  readonly dedupeSize?: number;
  /** A body still incomplete after this long gets 408 and the connection is closed (default 10 s). */
  readonly bodyTimeoutMs?: number;
}

export interface NormalizedHandlerOptions {
  readonly authToken: string;
  readonly onEvent: NotificationHandlerOptions['onEvent'] | undefined;
  readonly onError: NotificationHandlerOptions['onError'] | undefined;
  readonly engine: FailureRecorder | undefined;
  readonly origins: EventOrigins | undefined;
  readonly tracing: EventTracingOption;
  readonly maxBodyBytes: number;
  readonly dedupeSize: number;
  readonly bodyTimeoutMs: number;
}

function invalid(message: string): VppError {
  return new VppError({ code: 'ERR_VPP_INVALID_ARGUMENT', message: `createNotificationHandler: ${message}` });
}

function positive(value: unknown, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 1)
    throw invalid(`${name} must be >= 1`);
  return Math.floor(value);
}

/** Validates once at the entry point; the user's object is read, never changed. */
export function normalizeHandlerOptions(options: NotificationHandlerOptions): NormalizedHandlerOptions {
  if (typeof options !== 'object' || options === null) throw invalid('options are required');
  // The message never echoes the token, only what is wrong with it.
  if (typeof options.authToken !== 'string' || options.authToken === '')
    throw invalid('authToken must be a non-empty string');
  if (options.onEvent !== undefined && typeof options.onEvent !== 'function')
    throw invalid('onEvent must be a function');
  return {
    authToken: options.authToken,
    onEvent: options.onEvent,
    onError: typeof options.onError === 'function' ? options.onError : undefined,
    engine: options.engine,
    origins: options.origins,
    tracing: options.tracing,
    maxBodyBytes: positive(options.maxBodyBytes, 256 * 1024, 'maxBodyBytes'),
    dedupeSize: positive(options.dedupeSize, 10_000, 'dedupeSize'),
    // Capped at a day: setTimeout fires at once for anything past 2^31 - 1 ms.
    bodyTimeoutMs: Math.min(positive(options.bodyTimeoutMs, 10_000, 'bodyTimeoutMs'), 86_400_000),
  };
}
