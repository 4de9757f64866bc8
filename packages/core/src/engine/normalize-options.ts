import type { EventOrigins } from '../async/event-origins.js';
import { isRetryClass, type RetryClass } from '../catalog/retry-class.js';
import type { RetryableClass } from '../shared/retryable.js';
import type { RateLimitOptions, VppEngineOptions } from './options.js';
import { checkDuration, checkMs, invalid } from './policy/check-option.js';
import type { EnginePolicy } from './policy/engine-policy.js';
import { type ControllerSettings, DEFAULT_CONTROLLER, firstContactBurst } from './policy/rate-settings.js';
import { perSecondAllowance } from './tenant/rate-limiter.js';

export type { EnginePolicy } from './policy/engine-policy.js';

const DEFAULT_BASE: Record<RetryableClass, number> = { transient: 100, throttled: 1000, retry_later: 30_000 };
const DEFAULT_CAP: Record<RetryableClass, number> = {
  transient: 20_000,
  throttled: 20_000,
  retry_later: 120_000,
};

/** The longest server-announced wait honored, and the longest a tenant's gate stays closed, unless set. */
const DEFAULT_MAX_RETRY_AFTER_MS = 15 * 60_000;

function optionalMs(name: string, value: unknown): number | null {
  return value === undefined ? null : checkDuration(name, value, 0);
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

/** Beyond this a "rate" is a mistake (Apple announces 15; `service/config` values above it are refused too). */
const MAX_RATE = 10_000;

function normalizeController(value: RateLimitOptions['adaptive']): ControllerSettings | null {
  if (value === false) return null;
  if (value !== undefined && (typeof value !== 'object' || value === null))
    throw invalid('rateLimit.adaptive', value, 'an object or false');
  const beta = checkMs('rateLimit.adaptive.beta', value?.beta, DEFAULT_CONTROLLER.beta, true);
  if (beta >= 1) throw invalid('rateLimit.adaptive.beta', beta, 'a number > 0 and < 1');
  const scale = checkMs('rateLimit.adaptive.scale', value?.scale, DEFAULT_CONTROLLER.scale, true);
  if (scale > 1000) throw invalid('rateLimit.adaptive.scale', scale, 'a number > 0 and <= 1000');
  const minRate = checkMs('rateLimit.adaptive.minRate', value?.minRate, DEFAULT_CONTROLLER.minRate, true);
  if (minRate > MAX_RATE)
    throw invalid('rateLimit.adaptive.minRate', minRate, `a number > 0 and <= ${MAX_RATE}`);
  return Object.freeze({ beta, scale, minRate });
}

function normalizeRateLimit(value: VppEngineOptions['rateLimit']): EnginePolicy['rateLimit'] {
  if (value === false) return null;
  if (value !== undefined && (typeof value !== 'object' || value === null))
    throw invalid('rateLimit', value, 'an object or false');
  const rps = checkMs('rateLimit.requestsPerSecond', value?.requestsPerSecond, 15, true);
  if (rps > MAX_RATE) throw invalid('rateLimit.requestsPerSecond', rps, `a number > 0 and <= ${MAX_RATE}`);
  // By default the whole second's allowance may go at once; the limiter still never lets more through per second.
  const burst = checkMs('rateLimit.burst', value?.burst, perSecondAllowance(rps), true);
  if (!Number.isInteger(burst) || burst < 1 || burst > MAX_RATE)
    throw invalid('rateLimit.burst', burst, `an integer >= 1 and <= ${MAX_RATE}`);
  const controller = normalizeController(value?.adaptive);
  return {
    settings: Object.freeze({
      ceiling: rps,
      burst,
      firstBurst: value?.burst === undefined ? firstContactBurst(burst) : burst,
      controller,
    }),
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
  if (!Number.isInteger(maxAttempts) || maxAttempts > 100)
    throw invalid('maxAttempts', maxAttempts, 'an integer from 1 to 100');
  const deadlineMs = optionalMs('deadlineMs', options.deadlineMs);
  return {
    maxAttempts,
    baseDelayMs: perClass('baseDelayMs', options.baseDelayMs, DEFAULT_BASE, []),
    maxDelayMs: perClass('maxDelayMs', options.maxDelayMs, DEFAULT_CAP, ['transient', 'throttled']),
    maxRetryAfterMs: checkDuration('maxRetryAfterMs', options.maxRetryAfterMs, DEFAULT_MAX_RETRY_AFTER_MS),
    deadlineMs,
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
