/** Constants of the closed loop (CUBIC, as the AWS SDKs' adaptive retry mode uses). */
export interface ControllerSettings {
  /** Multiplicative decrease: after a throttle the rate is `beta ×` the rate in force. */
  readonly beta: number;
  /**
   * Growth, requests/s per s³: how fast the cubic returns toward the rate of the last throttle (past it, the
   * rate controller's `PROBE_GROWTH` times that).
   */
  readonly scale: number;
  /** The rate never falls below this, requests per second. */
  readonly minRate: number;
}

/** How a tenant may send: the ceiling, the burst, and the closed loop's constants (null: the ceiling always). */
export interface RateSettings {
  /** Requests per second never exceeded: configured, or Apple's announced `maxRequestPerSecond`. */
  readonly ceiling: number;
  /** Requests that may leave at once (at most the per-second allowance). */
  readonly burst: number;
  /**
   * Requests that may leave at once in a tenant's first second, before anything is known of what its organization
   * admits (at most `burst`): {@link FIRST_CONTACT_BURST} unless the caller set `burst`.
   */
  readonly firstBurst: number;
  readonly controller: ControllerSettings | null;
}

/**
 * Not the whole second's 15 at first contact: an organization that admits 5/s (another tool on the token, Apple
 * under load) refuses everything past its 5 at once, and nothing tells us so before the first answer. Five at
 * once, then the rest at {@link FIRST_CONTACT_PACE} times the rate, meets such a limit with one 429 instead of a
 * burst of them; where 15/s is real, that start costs about a third of a second once (bench/README.md, capacity).
 */
export const FIRST_CONTACT_BURST = 5;

/** In the first second, requests past the first-contact burst are spaced this many times faster than the rate. */
export const FIRST_CONTACT_PACE = 2;

/** A tenant's first second lasts this long (ms); then `burst` applies. */
export const FIRST_CONTACT_MS = 1000;

/**
 * True while `at` lies in the tenant's first second (its first booking at `firstAt`) and that second has a
 * first-contact burst of its own; the caller also checks that nothing has been learned yet (no throttle).
 */
export function inFirstContact(settings: RateSettings, firstAt: number, at: number): boolean {
  return settings.firstBurst < settings.burst && at - firstAt < FIRST_CONTACT_MS;
}

/** The first-contact burst when the caller set no `burst`. */
export function firstContactBurst(burst: number): number {
  return Math.min(FIRST_CONTACT_BURST, burst);
}

/** The closed loop's defaults; chosen by measurement, see the core README ("Rate in force"). */
export const DEFAULT_CONTROLLER: ControllerSettings = Object.freeze({ beta: 0.7, scale: 0.1, minRate: 0.5 });
