import type { RateSettings } from '../policy/rate-settings.js';

export type { ControllerSettings, RateSettings } from '../policy/rate-settings.js';

/**
 * The closed loop's whole per-tenant record. It changes only on a throttle, so a shared store writes nothing on a
 * success; the rate in force is a pure function of it, the time and the settings ({@link rateAt}).
 */
export interface RateState {
  /** The rate in force when the last throttle arrived, requests per second. */
  readonly lastMaxRate: number;
  /** When the tenant could send again after that throttle (its gate, or the throttle's arrival), epoch ms. */
  readonly lastThrottleAt: number;
}

/**
 * The rate in force at `now`: `scale × (t − K)³ + lastMaxRate`, t the seconds since the last throttle and
 * `K = ∛(lastMaxRate × (1 − beta) / scale)`, so it starts at `beta × lastMaxRate`, flattens out at
 * `lastMaxRate` after K seconds, and then probes beyond it ever faster; kept within [minRate, ceiling].
 */
export function rateAt(state: RateState | null, now: number, settings: RateSettings): number {
  const controller = settings.controller;
  if (state === null || controller === null) return settings.ceiling;
  const t = Math.max(0, now - state.lastThrottleAt) / 1000;
  const k = Math.cbrt((state.lastMaxRate * (1 - controller.beta)) / controller.scale);
  const cubic = controller.scale * (t - k) ** 3 + state.lastMaxRate;
  return Math.min(settings.ceiling, Math.max(controller.minRate, cubic));
}

/**
 * The record after a throttle answered the attempt sent at `sentAt`, or null when it changes nothing: the loop is
 * off, or the attempt left before the last decrease took effect (it was in flight then, so that decrease already
 * counted it). `resumeAt` is when the tenant may send again (its gate, or `now`): the cubic's clock starts there,
 * so the rate does not grow back while nothing can be sent.
 */
export function afterThrottle(
  state: RateState | null,
  sentAt: number,
  now: number,
  resumeAt: number,
  settings: RateSettings,
): { readonly state: RateState; readonly from: number; readonly to: number } | null {
  if (settings.controller === null) return null;
  if (state !== null && sentAt < state.lastThrottleAt) return null;
  const from = rateAt(state, now, settings);
  // Fast convergence (RFC 8312 §4.6): throttled again before the rate got back to the last maximum means the
  // organization admits less than that; aim the cubic's plateau lower still (it restarts at beta × that).
  const beta = settings.controller.beta;
  const lastMaxRate = state !== null && from < state.lastMaxRate ? (from * (1 + beta)) / 2 : from;
  const next: RateState = { lastMaxRate, lastThrottleAt: Math.max(now, resumeAt) };
  return { state: next, from, to: rateAt(next, now, settings) };
}
