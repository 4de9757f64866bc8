import type { EventOrigins } from '../async/event-origins.js';
import type { DecodedResponse, DecodeInput, DecodeOptions } from '../decode/types.js';
import { VppError } from '../errors/vpp-error.js';
import { isRetryClass, type RetryClass } from '../retry-class.js';
import type { DelayContext, VppEngineOptions } from './options.js';
import { perSecondAllowance } from './rate-limiter.js';
import type { RetryableClass } from './retryable.js';

/** Options after validation: every limit present and checked, nothing shared with the caller's object. */
export interface EnginePolicy {
  readonly maxAttempts: number;
  readonly baseDelayMs: Readonly<Record<RetryableClass, number>>;
  readonly maxDelayMs: Readonly<Record<RetryableClass, number>>;
  readonly maxRetryAfterMs: number;
  readonly deadlineMs: number | null;
  readonly attemptTimeoutMs: number | null;
  readonly budget: {
    readonly capacity: number;
    readonly throttledCost: number;
    readonly cost: number;
  } | null;
  readonly rateLimit: {
    readonly requestsPerSecond: number;
    readonly burst: number;
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

const DEFAULT_BASE: Record<RetryableClass, number> = { transient: 100, throttled: 1000, retry_later: 30_000 };
const DEFAULT_CAP: Record<RetryableClass, number> = {
  transient: 20_000,
  throttled: 20_000,
  retry_later: 120_000,
};

function invalid(name: string, value: unknown, expected: string): VppError {
  const shown = typeof value === 'number' || typeof value === 'boolean' ? String(value) : typeof value;
  return new VppError({
    code: 'ERR_VPP_INVALID_ARGUMENT',
    message: `Invalid option ${name}: expected ${expected}, got ${shown}`,
  });
}

/** Checks a non-negative finite number (or a positive one when `positive`). */
export function checkMs(name: string, value: unknown, fallback: number, positive = false): number {
  if (value === undefined) return fallback;
  const ok = typeof value === 'number' && Number.isFinite(value) && (positive ? value > 0 : value >= 0);
  if (!ok) throw invalid(name, value, positive ? 'a finite number > 0' : 'a finite number >= 0');
  return value;
}

function optionalMs(name: string, value: unknown): number | null {
  return value === undefined ? null : checkMs(name, value, 0, true);
}

function perClass(
  name: string,
  value: number | Partial<Record<RetryableClass, number>> | undefined,
  defaults: Record<RetryableClass, number>,
  scalarAppliesTo: readonly RetryableClass[],
): Record<RetryableClass, number> {
  const out = { ...defaults };
  if (typeof value === 'number') {
    for (const cls of scalarAppliesTo) out[cls] = checkMs(name, value, out[cls]);
    return out;
  }
  if (value === undefined) return out;
  if (typeof value !== 'object' || value === null) throw invalid(name, value, 'a number or an object');
  for (const cls of Object.keys(defaults) as RetryableClass[]) {
    out[cls] = checkMs(`${name}.${cls}`, value[cls], out[cls]);
  }
  return out;
}

function normalizeBudget(value: VppEngineOptions['budget']): EnginePolicy['budget'] {
  if (value === false) return null;
  const v = value ?? {};
  return {
    capacity: checkMs('budget.capacity', v.capacity, 500),
    throttledCost: checkMs('budget.throttledCost', v.throttledCost, 5),
    cost: checkMs('budget.cost', v.cost, 14),
  };
}

function normalizeRateLimit(value: VppEngineOptions['rateLimit']): EnginePolicy['rateLimit'] {
  if (value === false) return null;
  const rps = checkMs('rateLimit.requestsPerSecond', value?.requestsPerSecond, 15, true);
  // By default the whole second's allowance may go at once; the limiter still never lets more through per second.
  const burst = checkMs('rateLimit.burst', value?.burst, perSecondAllowance(rps), true);
  if (!Number.isInteger(burst) || burst < 1) throw invalid('rateLimit.burst', burst, 'an integer >= 1');
  return {
    requestsPerSecond: rps,
    burst,
    fixedRate: value?.requestsPerSecond !== undefined,
    fixedBurst: value?.burst !== undefined,
  };
}

function normalizeClassify(value: VppEngineOptions['classify']): ReadonlyMap<string, RetryClass> {
  const map = new Map<string, RetryClass>();
  for (const [code, cls] of Object.entries(value ?? {})) {
    if (!isRetryClass(cls)) throw invalid(`classify.${code}`, cls, 'a retry class');
    map.set(code, cls);
  }
  return map;
}

function checkFunction<F>(name: string, value: F | undefined): F | null {
  if (value === undefined) return null;
  if (typeof value !== 'function') throw invalid(name, value, 'a function');
  return value;
}

/** Validates the caller's options once and returns a fresh policy; the caller's object is never kept or changed. */
export function normalizeOptions(options: VppEngineOptions = {}): EnginePolicy {
  const maxAttempts = checkMs('maxAttempts', options.maxAttempts, 4, true);
  if (!Number.isInteger(maxAttempts)) throw invalid('maxAttempts', maxAttempts, 'an integer >= 1');
  return {
    maxAttempts,
    baseDelayMs: perClass('baseDelayMs', options.baseDelayMs, DEFAULT_BASE, []),
    maxDelayMs: perClass('maxDelayMs', options.maxDelayMs, DEFAULT_CAP, ['transient', 'throttled']),
    maxRetryAfterMs: checkMs('maxRetryAfterMs', options.maxRetryAfterMs, 60_000),
    deadlineMs: optionalMs('deadlineMs', options.deadlineMs),
    attemptTimeoutMs: optionalMs('attemptTimeoutMs', options.attemptTimeoutMs),
    budget: normalizeBudget(options.budget),
    rateLimit: normalizeRateLimit(options.rateLimit),
    classify: normalizeClassify(options.classify),
    delay: checkFunction('delay', options.delay),
    rejectIdempotentOk: options.rejectIdempotentOk === true,
    now: checkFunction('now', options.now) ?? (() => Date.now()),
    random: checkFunction('random', options.random) ?? (() => Math.random()),
    decode: checkFunction('decode', options.decode),
    origins: normalizeOrigins(options.origins),
  };
}

function normalizeOrigins(value: unknown): EventOrigins | null {
  if (value === undefined) return null;
  const origins = value as Partial<EventOrigins> | null;
  if (typeof origins?.remember !== 'function' || typeof origins.get !== 'function') {
    throw invalid('origins', value, 'what createEventOrigins() returns');
  }
  return origins as EventOrigins;
}
