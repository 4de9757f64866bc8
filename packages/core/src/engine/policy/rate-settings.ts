/** Constants of the closed loop (CUBIC, as the AWS SDKs' adaptive retry mode uses). */
export interface ControllerSettings {
  /** Multiplicative decrease: after a throttle the rate is `beta ×` the rate in force. */
  readonly beta: number;
  /** Growth, requests/s per s³: how fast the cubic returns toward and past the rate of the last throttle. */
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
  readonly controller: ControllerSettings | null;
}

/** The closed loop's defaults; chosen by measurement, see the core README ("Rate in force"). */
export const DEFAULT_CONTROLLER: ControllerSettings = Object.freeze({ beta: 0.7, scale: 0.1, minRate: 0.5 });
