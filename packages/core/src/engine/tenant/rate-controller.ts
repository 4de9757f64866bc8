import { FIRST_CONTACT_PACE, inFirstContact, type RateSettings } from '../policy/rate-settings.js';
import { rateShape } from './rate-limiter.js';

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
 * Past the plateau the cubic grows this many times faster than on its way back to it (`scale` sets the
 * approach). The approach must be gentle (the bucket hides an excess until it is empty, so a fast approach meets
 * the same throttle again), but capacity that came back is only found by probing above the last maximum. Over
 * six return times of a drop from 15/s to 5/s and back, 6 gave a median wall of 1.107× the ideal, 12 gave 1.091×;
 * 16 to 30 gave 1.076× to 1.079× but a sixth 429 at a steady 5/s or 1.10× at 10/s in some runs (bench/README.md).
 */
export const PROBE_GROWTH = 12;

/**
 * The rate in force at `now`: `scale × (t − K)³ + lastMaxRate`, t the seconds since the last throttle and
 * `K = ∛(lastMaxRate × (1 − beta) / scale)`, so it starts at `beta × lastMaxRate`, flattens out at
 * `lastMaxRate` after K seconds, and then probes beyond it ever faster ({@link PROBE_GROWTH} × `scale` past
 * K); kept within [minRate, ceiling].
 */
export function rateAt(state: RateState | null, now: number, settings: RateSettings): number {
  const controller = settings.controller;
  if (state === null || controller === null) return settings.ceiling;
  const t = Math.max(0, now - state.lastThrottleAt) / 1000;
  const k = Math.cbrt((state.lastMaxRate * (1 - controller.beta)) / controller.scale);
  // Past the plateau nothing at this rate has been refused yet: probe faster than the approach to it.
  const growth = t > k ? controller.scale * PROBE_GROWTH : controller.scale;
  const cubic = growth * (t - k) ** 3 + state.lastMaxRate;
  return Math.min(settings.ceiling, Math.max(controller.minRate, cubic));
}

/**
 * A throttle this close above the cubic's plateau (or below it) says the plateau itself is not admitted: the
 * organization's bucket let the rate run past its real capacity until it emptied, so a throttle tends to arrive
 * just after the plateau rather than below it. Fast convergence then aims lower, where plain RFC 8312 (strictly
 * below) would keep the same plateau and meet the same throttle every cycle.
 */
export const PLATEAU_TOLERANCE = 1.1;

/**
 * What the organization admitted per second, read from a throttle that ends the tenant's first contact, or null
 * when the throttle came later. The first second's shape says how many left before the refused one (the
 * first-contact burst, then {@link FIRST_CONTACT_PACE} times the ceiling); a bucket that holds one second of its
 * rate admits that many within one second plus the time elapsed. An overestimate when the caller sent fewer.
 */
export function firstContactRate(firstAt: number, sentAt: number, settings: RateSettings): number | null {
  if (!inFirstContact(settings, firstAt, sentAt)) return null;
  // Slots past the burst, at the first second's pace (the limiter's own shape for it). A refusal within the burst
  // itself (sent with it, before the first paced slot) says only that others had spent the bucket: nothing of
  // what a second admits.
  const elapsed = sentAt - firstAt;
  const paced = elapsed / rateShape(settings.ceiling, settings.firstBurst, FIRST_CONTACT_PACE).intervalMs;
  if (!(paced >= 0.5)) return null;
  // The refused attempt is not counted; the epsilon keeps a send on the dot of a slot from counting twice.
  const before = settings.firstBurst + Math.floor(paced + 1e-9);
  return before / (1 + elapsed / 1000);
}

/**
 * The record after a throttle answered the attempt sent at `sentAt`, or null when it changes nothing: the loop is
 * off, or the attempt left before the last decrease took effect (it was in flight then, so that decrease already
 * counted it). `resumeAt` is when the tenant may send again (its gate, or `now`): the cubic's clock starts there,
 * so the rate does not grow back while nothing can be sent. `firstAt` is the tenant's first booking, when known:
 * a throttle in its first second restarts at most at what that second admitted ({@link firstContactRate}).
 */
export function afterThrottle(
  state: RateState | null,
  sentAt: number,
  now: number,
  resumeAt: number,
  settings: RateSettings,
  firstAt: number | null = null,
): { readonly state: RateState; readonly from: number; readonly to: number } | null {
  const controller = settings.controller;
  if (controller === null) return null;
  if (state !== null && sentAt < state.lastThrottleAt) return null;
  const from = rateAt(state, now, settings);
  const beta = controller.beta;
  // Fast convergence (RFC 8312 §4.6): throttled again before the rate got well past the last maximum means the
  // organization admits less than that; aim the cubic's plateau lower still (it restarts at beta × that).
  const converge = state !== null && from < state.lastMaxRate * PLATEAU_TOLERANCE;
  let lastMaxRate = converge ? (from * (1 + beta)) / 2 : from;
  const admitted = state === null && firstAt !== null ? firstContactRate(firstAt, sentAt, settings) : null;
  // The cubic restarts at beta × its plateau: a plateau of admitted / beta restarts where the first second was.
  if (admitted !== null) lastMaxRate = Math.min(lastMaxRate, Math.max(controller.minRate, admitted) / beta);
  const next: RateState = { lastMaxRate, lastThrottleAt: Math.max(now, resumeAt) };
  return { state: next, from, to: rateAt(next, now, settings) };
}
