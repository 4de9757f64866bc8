import type { DelaySource } from '../../shared/call-outcome.js';
import type { RetryableClass } from '../../shared/retryable.js';
import type { EnginePolicy } from './engine-policy.js';

/** Apple: after more than five 9603s in a row, retry minutes later instead of seconds. */
export const STORM_THRESHOLD = 5;
const STORM_BASE_MS = 60_000;
const STORM_CAP_MS = 300_000;
const RETRY_AFTER_JITTER_RATIO = 0.1;
const RETRY_AFTER_JITTER_MAX_MS = 1000;

export interface DelayInput {
  readonly retryClass: RetryableClass;
  /** Retries already made for this request. */
  readonly retries: number;
  readonly retryAfterMs: number | null;
  /** The tenant is in a 9603 storm: the schedule moves to minutes. */
  readonly storm: boolean;
}

export interface ChosenDelay {
  readonly delayMs: number;
  readonly delaySource: DelaySource;
  readonly floorMs: number;
  readonly capMs: number;
}

/** The positive jitter added on top of a Retry-After: 0–10 %, at most 1 s. */
export function retryAfterJitterMax(retryAfterMs: number): number {
  return Math.min(retryAfterMs * RETRY_AFTER_JITTER_RATIO, RETRY_AFTER_JITTER_MAX_MS);
}

function exponential(base: number, retries: number, cap: number): number {
  // 2^30 already dwarfs any cap; bounding the exponent keeps 0 * Infinity (NaN) out.
  return Math.min(cap, base * 2 ** Math.min(Math.max(retries, 0), 30));
}

/** The engine's own backoff and the range any delay must fall in. */
function backoff(input: DelayInput, policy: EnginePolicy, random: number) {
  if (input.storm) {
    const d = exponential(STORM_BASE_MS, input.retries, STORM_CAP_MS / 2);
    return { raw: d + random * d, floor: STORM_BASE_MS, cap: STORM_CAP_MS };
  }
  const cap = policy.maxDelayMs[input.retryClass];
  const d = exponential(policy.baseDelayMs[input.retryClass], input.retries, cap);
  // Maintenance and locks last minutes: equal jitter keeps retry_later from coming back at once.
  if (input.retryClass === 'retry_later') return { raw: d / 2 + (random * d) / 2, floor: 0, cap };
  return { raw: random * d, floor: 0, cap };
}

/** Clamps into [floor, cap]; anything non-finite becomes the cap. */
export function clampDelay(value: number, floorMs: number, capMs: number): number {
  if (!Number.isFinite(value)) return capMs;
  return Math.min(capMs, Math.max(floorMs, value));
}

/**
 * Full-jitter backoff with a cap on the final delay. A Retry-After replaces the class's schedule: the delay is the
 * announced wait plus 0–10 % (≤ 1 s) of positive jitter, never less. A custom `delay` function is clamped to the same bounds.
 */
export function computeDelay(input: DelayInput, policy: EnginePolicy, random: () => number): ChosenDelay {
  const own = backoff(input, policy, random());
  let raw = own.raw;
  let floorMs = own.floor;
  let capMs = own.cap;
  let delaySource: DelaySource = 'backoff';
  if (input.retryAfterMs !== null && input.retryAfterMs >= 0) {
    const jitterMax = retryAfterJitterMax(input.retryAfterMs);
    // The server said when: its time wins over the class's own schedule (a 9644 with Retry-After: 5 must not
    // wait out retry_later's minutes), plus jitter so clients told the same date do not return together.
    floorMs = input.retryAfterMs;
    capMs = input.retryAfterMs + jitterMax;
    raw = input.retryAfterMs + random() * jitterMax;
    delaySource = 'retry_after';
  }
  if (policy.delay !== null) {
    const context = { retryClass: input.retryClass, retries: input.retries, computedMs: raw, floorMs, capMs };
    raw = safeCustomDelay(policy.delay, { ...context, retryAfterMs: input.retryAfterMs }, capMs);
  }
  return { delayMs: clampDelay(raw, floorMs, capMs), delaySource, floorMs, capMs };
}

function safeCustomDelay(
  fn: NonNullable<EnginePolicy['delay']>,
  context: Parameters<NonNullable<EnginePolicy['delay']>>[0],
  capMs: number,
): number {
  try {
    return fn(context);
  } catch {
    // A throwing user function must not break the request; the cap is the conservative answer.
    return capMs;
  }
}
