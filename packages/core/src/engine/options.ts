import type { EventOrigins } from '../async/event-origins.js';
import type { RetryClass } from '../catalog/retry-class.js';
import type { DecodedResponse, DecodeInput, DecodeOptions } from '../decode/types.js';
import type { RetryableClass } from '../shared/retryable.js';
import type { OtelMeterLike } from '../telemetry/otel-meter-backend.js';
import type { EngineListeners } from './call/events.js';
import type { VppLogger } from './drift/drift-log.js';
import type { DelayContext } from './policy/engine-policy.js';
import type { TenantStore } from './tenant/tenant-store.js';

export type { DelayContext } from './policy/engine-policy.js';

/** A metrics registry in prom-client's shape (`getSingleMetric`, `registerMetric`). */
export interface MetricsRegistryLike {
  getSingleMetric(name: string): unknown;
  registerMetric(metric: never): void;
}

/** The per-tenant rate limit: a ceiling, a burst, and the closed loop that follows what the organization admits. */
export interface RateLimitOptions {
  /** The ceiling, requests per second (default 15; otherwise Apple's announced `maxRequestPerSecond`). */
  readonly requestsPerSecond?: number;
  /**
   * Requests that may leave at once (default: the per-second allowance, and at most 5 in a tenant's first second,
   * before anything is known of what its organization admits). Set, it applies from the first request.
   */
  readonly burst?: number;
  /**
   * The closed loop: a throttle (9646, 429) lowers the tenant's rate to `beta ×` the rate in force, which then
   * grows back along a cubic toward the ceiling. `false` keeps the rate at the ceiling (open loop).
   * Defaults in README ("Rate in force").
   */
  readonly adaptive?: { readonly beta?: number; readonly scale?: number; readonly minRate?: number } | false;
}

/** Options of {@link createVppEngine}. Every field is optional; the defaults are documented in README.engine.md. */
export interface VppEngineOptions {
  /** Attempts per logical request, the first included (default 4). */
  readonly maxAttempts?: number;
  /** Backoff base per retryable class, in ms (defaults: transient 100, throttled 1000, retry_later 30000). */
  readonly baseDelayMs?: Partial<Record<RetryableClass, number>>;
  /** Cap of a computed delay, jitter included: one number for transient and throttled (default 20 s), or per class (retry_later default 120 s). */
  readonly maxDelayMs?: number | Partial<Record<RetryableClass, number>>;
  /** The longest server-announced wait the engine sits out; longer gives up with ERR_VPP_RETRY_AFTER (default 60 s). */
  readonly maxRetryAfterMs?: number;
  /** Overall budget for all attempts and waits of one request (default none). */
  readonly deadlineMs?: number;
  /** Per-attempt timeout (default none). */
  readonly attemptTimeoutMs?: number;
  /** Per-tenant retry token bucket, or false to turn it off. */
  readonly budget?:
    | { readonly capacity?: number; readonly throttledCost?: number; readonly cost?: number }
    | false;
  /**
   * Proactive per-tenant rate limit, or false. Default 15 requests/s (Apple's `maxRequestPerSecond`): never more
   * than that in any second, a second's allowance at once. `burst` (default: the per-second limit) below that
   * spaces requests evenly; `burst: 1` sends one every `1 / requestsPerSecond` s. What you leave out follows the
   * `limits.maxRequestPerSecond` Apple announces in a `service/config` answer the engine sees.
   */
  readonly rateLimit?: RateLimitOptions | false;
  /** Where per-tenant gates, budgets and 9603 counts live (default: in memory, this process). */
  readonly store?: TenantStore;
  /** Per-code retry class overrides, e.g. `{ 9610: 'transient' }`. */
  readonly classify?: Readonly<Record<string | number, RetryClass>>;
  /** Custom backoff; its answer is clamped to the limits, a non-finite answer becomes the cap. */
  readonly delay?: (context: DelayContext) => number;
  /** Reject `idempotent_ok` answers (9616, 9618, …) instead of resolving them (default false). */
  readonly rejectIdempotentOk?: boolean;
  /** Clock, epoch ms (default Date.now). */
  readonly now?: () => number;
  /** Randomness in [0, 1) (default Math.random). */
  readonly random?: () => number;
  /**
   * The `apple_vpp_*` metrics, or false: on a prom-client registry (default: prom-client's global one), or
   * through an OpenTelemetry Meter (`metrics.getMeter('my-app')`) with the same instrument names and labels.
   */
  readonly metrics?:
    | { readonly registry?: MetricsRegistryLike; readonly prefix?: string }
    | { readonly meter: OtelMeterLike; readonly prefix?: string }
    | false;
  /** OpenTelemetry spans through @opentelemetry/api, or false. */
  readonly tracing?: { readonly tracerProvider?: unknown } | false;
  /** Listeners attached at creation (same as `engine.on`). */
  readonly listeners?: EngineListeners;
  /**
   * Remembers the logical span of every call that starts an async event (`assets/associate`, `users/create`, …)
   * under the `eventId` Apple answered. Give the same {@link EventOrigins} to `waitForEvent` and
   * `createNotificationHandler`, and their spans link back to the call with no code of yours.
   */
  readonly origins?: EventOrigins;
  /**
   * Where the engine logs what operators should read once: today, each error code Apple's service config lists
   * that the catalog lacks or words differently. Anything with `warn(message)` (`console`, pino, winston); `false`
   * for silence. Default: Node's process warnings (`process.on('warning')`, type `VppCatalogDrift`).
   */
  readonly logger?: VppLogger | false;
  /** The response decoder (default: core's `decodeResponse`). */
  readonly decode?: (input: DecodeInput, options: DecodeOptions) => DecodedResponse;
}
