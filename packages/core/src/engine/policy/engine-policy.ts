import type { EventOrigins } from '../../async/event-origins.js';
import type { RetryClass } from '../../catalog/retry-class.js';
import type { DecodedResponse, DecodeInput, DecodeOptions } from '../../decode/types.js';
import type { RetryableClass } from '../../shared/retryable.js';
import type { RateSettings } from './rate-settings.js';

/** What a custom `delay` function is told; its answer is always clamped to `[floorMs, capMs]`. */
export interface DelayContext {
  readonly retryClass: RetryableClass;
  /** Retries already made for this request (0 before the first retry). */
  readonly retries: number;
  /** The delay the engine computed. */
  readonly computedMs: number;
  /** The server's Retry-After in ms, when it sent one. */
  readonly retryAfterMs: number | null;
  readonly floorMs: number;
  readonly capMs: number;
}

/** Options after validation: every limit present and checked, nothing shared with the caller's object. */
/** Every call's deadline for retries and waits unless one is set: see README ("Deadline"). */
export const DEFAULT_DEADLINE_MS = 5 * 60_000;

export interface EnginePolicy {
  readonly maxAttempts: number;
  readonly baseDelayMs: Readonly<Record<RetryableClass, number>>;
  readonly maxDelayMs: Readonly<Record<RetryableClass, number>>;
  readonly maxRetryAfterMs: number;
  /** The deadline the caller set: it also aborts an attempt in flight. */
  readonly deadlineMs: number | null;
  readonly attemptTimeoutMs: number | null;
  readonly budget: {
    readonly capacity: number;
    readonly throttledCost: number;
    readonly cost: number;
  } | null;
  readonly rateLimit: {
    /** What the store is handed at first: the ceiling, the burst and the closed loop's constants. */
    readonly settings: RateSettings;
    /** Which of the two the caller set; the others follow Apple's announced `maxRequestPerSecond`. */
    readonly fixedRate: boolean;
    readonly fixedBurst: boolean;
  } | null;
  readonly classify: ReadonlyMap<string, RetryClass>;
  readonly delay: ((context: DelayContext) => number) | null;
  readonly rejectIdempotentOk: boolean;
  readonly now: () => number;
  readonly random: () => number;
  readonly decode: ((input: DecodeInput, options: DecodeOptions) => DecodedResponse) | null;
  readonly origins: EventOrigins | null;
}
