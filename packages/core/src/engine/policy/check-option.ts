import { VppError } from '../../errors/vpp-error.js';

/** The typed error every rejected option gets. */
export function invalid(name: string, value: unknown, expected: string): VppError {
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

/** A day: a longer wait, deadline or timeout is a mistake (ms taken for seconds, Infinity), not a plan. */
export const MAX_DURATION_MS = 24 * 60 * 60_000;

/** Checks a duration in ms: finite, > 0, at most a day. */
export function checkDuration(name: string, value: unknown, fallback: number): number {
  const ms = checkMs(name, value, fallback, true);
  if (ms > MAX_DURATION_MS) throw invalid(name, ms, `a number of ms > 0 and <= ${MAX_DURATION_MS} (a day)`);
  return ms;
}
