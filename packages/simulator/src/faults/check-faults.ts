import type { CapacityStep, FaultConfig, ForeignLoad, RateLimitFault } from './types.js';

const RETRY_AFTER_STYLES: readonly unknown[] = ['seconds', 'http-date', 'none'];
const LEGACY_STYLES: readonly unknown[] = ['status-200', 'http-429', 'http-503'];

function fail(path: string, expected: string, value: unknown): never {
  const shown = typeof value === 'string' ? JSON.stringify(value) : String(value);
  throw new RangeError(`${path === '' ? 'faults' : `faults.${path}`} must be ${expected}, got ${shown}`);
}

function positive(path: string, value: unknown): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0)
    fail(path, 'a finite number above 0', value);
}

function optionalBurst(path: string, value: unknown): void {
  if (value === undefined) return;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 1)
    fail(path, 'a finite number of at least 1', value);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkRateLimit(limit: RateLimitFault): void {
  if (!isObject(limit)) fail('rateLimit', 'an object or false', limit);
  if (limit.perSecond !== undefined) positive('rateLimit.perSecond', limit.perSecond);
  optionalBurst('rateLimit.burst', limit.burst);
  if (limit.retryAfter !== undefined && !RETRY_AFTER_STYLES.includes(limit.retryAfter))
    fail('rateLimit.retryAfter', "'seconds', 'http-date' or 'none'", limit.retryAfter);
  if (limit.legacy !== undefined && !LEGACY_STYLES.includes(limit.legacy))
    fail('rateLimit.legacy', "'status-200', 'http-429' or 'http-503'", limit.legacy);
}

function checkSchedule(schedule: readonly CapacityStep[]): void {
  if (!Array.isArray(schedule) || schedule.length === 0)
    fail('capacitySchedule', 'a non-empty array of { atMs, perSecond, burst? } or false', schedule);
  let previous = -1;
  schedule.forEach((step, i) => {
    const path = `capacitySchedule[${i}]`;
    if (!isObject(step)) fail(path, 'an object { atMs, perSecond, burst? }', step);
    if (typeof step.atMs !== 'number' || !Number.isFinite(step.atMs) || step.atMs < 0)
      fail(`${path}.atMs`, 'a finite number of ms, 0 or more', step.atMs);
    if (step.atMs <= previous)
      fail(`${path}.atMs`, `later than the step before it (${previous} ms)`, step.atMs);
    previous = step.atMs;
    positive(`${path}.perSecond`, step.perSecond);
    optionalBurst(`${path}.burst`, step.burst);
  });
}

function checkForeignLoad(load: ForeignLoad): void {
  if (!isObject(load)) fail('foreignLoad', 'an object { perSecond } or false', load);
  positive('foreignLoad.perSecond', load.perSecond);
}

/**
 * Rejects a rate limit, capacity schedule or foreign load the simulator could not honour, with a RangeError that
 * names the field, at the moment it is set (not at the first request it would break).
 */
export function checkFaults(config: FaultConfig): void {
  if (!isObject(config)) fail('', 'an object', config);
  const { rateLimit, capacitySchedule, foreignLoad } = config as FaultConfig;
  if (rateLimit) checkRateLimit(rateLimit);
  if (capacitySchedule !== undefined && capacitySchedule !== false) checkSchedule(capacitySchedule);
  if (foreignLoad !== undefined && foreignLoad !== false) checkForeignLoad(foreignLoad);
}
