import type { EffectiveFaults, LegacyThrottleStyle, RetryAfterStyle } from './types.js';

/** The capacity in force over one stretch of time. */
export interface CapacityStretch {
  readonly perSecond: number;
  readonly burst: number;
  /** When the next step takes over (simulator clock); Infinity when none does. */
  readonly endsAt: number;
}

/** Everything the limiter needs to know about one token's capacity, from the faults in force. */
export interface CapacityPlan {
  stretchAt(t: number): CapacityStretch;
  /** The foreign client's first arrival and the gap between its arrivals, or null. */
  readonly foreign: { readonly since: number; readonly intervalMs: number } | null;
  readonly retryAfter: RetryAfterStyle;
  readonly legacy: LegacyThrottleStyle;
}

const APPLE_PER_SECOND = 15;

/** A bucket of one second's allowance, so that "5 per second" never admits more than 5 at once by default. */
const burstFor = (perSecond: number, burst: number | undefined) => burst ?? Math.max(1, perSecond);

/**
 * The plan for a token, or null when nothing limits it. A capacity schedule or a foreign load turns the rate limit
 * on with its defaults; the schedule's steps replace the rate limit's own rate from the first step on.
 */
export function capacityPlan(faults: EffectiveFaults): CapacityPlan | null {
  const { capacitySchedule, foreignLoad } = faults;
  const limit = faults.rateLimit || undefined;
  if (!limit && !capacitySchedule && !foreignLoad) return null;
  const perSecond = limit?.perSecond ?? APPLE_PER_SECOND;
  const base = { perSecond, burst: burstFor(perSecond, limit?.burst) };
  const steps = capacitySchedule || [];
  return {
    stretchAt(t) {
      let index = -1;
      while (index + 1 < steps.length && (steps[index + 1]?.startsAt ?? Infinity) <= t) index += 1;
      const step = steps[index];
      const endsAt = steps[index + 1]?.startsAt ?? Infinity;
      if (step === undefined) return { ...base, endsAt };
      return { perSecond: step.perSecond, burst: burstFor(step.perSecond, step.burst), endsAt };
    },
    foreign: foreignLoad ? { since: foreignLoad.since, intervalMs: 1000 / foreignLoad.perSecond } : null,
    retryAfter: limit?.retryAfter ?? 'seconds',
    legacy: limit?.legacy ?? 'status-200',
  };
}
