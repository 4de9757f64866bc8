/** How a throttled or unavailable answer announces when to come back. */
export type RetryAfterStyle = 'seconds' | 'http-date' | 'none';

/** How the legacy API reports 9646. Apple does not document it; see the README. */
export type LegacyThrottleStyle = 'status-200' | 'http-429' | 'http-503';

/**
 * A per-token token bucket. Apple publishes `maxRequestPerSecond: 15`, and `service/config` announces `perSecond`.
 * A lower `perSecond` is an organization that admits less; `capacitySchedule` and `foreignLoad` change what it
 * really admits without changing what it announces.
 */
export interface RateLimitFault {
  /** Tokens added per second. @default 15 */
  readonly perSecond?: number;
  /** Bucket size: how many requests may arrive at once. @default perSecond (at least 1) */
  readonly burst?: number;
  /** @default 'seconds' */
  readonly retryAfter?: RetryAfterStyle;
  /** @default 'status-200' */
  readonly legacy?: LegacyThrottleStyle;
}

/**
 * One step of a token's real capacity. The steps of a schedule start at `atMs` after the schedule is set, in
 * ascending order; before the first one, the rate limit's own `perSecond` applies.
 */
export interface CapacityStep {
  /** When the step starts, ms after the schedule is set (0 = at once). */
  readonly atMs: number;
  /** Requests per second the organization admits from then on. */
  readonly perSecond: number;
  /** Bucket size from then on. @default perSecond (at least 1) */
  readonly burst?: number;
}

/** A capacity step as the simulator keeps it: `startsAt` is the instant (simulator clock, epoch ms) it starts. */
export interface ScheduledCapacityStep extends CapacityStep {
  readonly startsAt: number;
}

/**
 * Another client on the same token (a second MDM instance, a sync job, another vendor's tool). It sends
 * `perSecond` requests per second, evenly spaced from the moment it is set, and each one takes a token from the
 * token's bucket before your next request can; when the bucket is empty, the foreign request is refused.
 */
export interface ForeignLoad {
  readonly perSecond: number;
}

/** A foreign load as the simulator keeps it: `since` is when its first request arrives (simulator clock). */
export interface RunningForeignLoad extends ForeignLoad {
  readonly since: number;
}

/** A fault that strikes a request with some probability (0..1), drawn from the seeded PRNG. */
export interface ChanceFault {
  readonly probability: number;
}

/** Faults to inject. A key left out inherits (per-token from global, global from the scenario); `false` turns it off. */
export interface FaultConfig {
  readonly rateLimit?: RateLimitFault | false;
  /**
   * The token's real capacity over time, relative to when it is set. Replaces `rateLimit.perSecond`/`burst` in the
   * bucket (not in `service/config`, which keeps announcing the rate limit's `perSecond`). Turns the rate limit on
   * with its defaults when none is set.
   */
  readonly capacitySchedule?: readonly CapacityStep[] | false;
  /** Another client spending this token's capacity. Turns the rate limit on with its defaults when none is set. */
  readonly foreignLoad?: ForeignLoad | false;
  /** Synchronous 9603 (v2: HTTP 500; legacy: HTTP 200 status -1). Retry-After only when `retryAfterSeconds` is set. */
  readonly internalError?: (ChanceFault & { readonly retryAfterSeconds?: number }) | false;
  /** Events that fail in the background with 9603. */
  readonly asyncInternalError?: ChanceFault | false;
  /** 9644 until `until` (epoch ms; forever when absent). v2: 503 + Retry-After; legacy: HTTP 200 status -1. */
  readonly maintenance?: { readonly until?: number; readonly retryAfterSeconds?: number } | false;
  /** v2: 503 + 9729 + Retry-After; legacy: 503 + Retry-After ("unusual load"). */
  readonly brownout?: (ChanceFault & { readonly retryAfterSeconds?: number }) | false;
  /** Delay before answering: fixed, or uniform in [minMs, maxMs]. */
  readonly latency?:
    | { readonly fixedMs: number }
    | { readonly minMs: number; readonly maxMs: number }
    | false;
  /** Destroy the socket without answering. */
  readonly connectionReset?: ChanceFault | false;
  /** An HTML error page, as a proxy in front of Apple would send. @default status 502 */
  readonly htmlError?: (ChanceFault & { readonly status?: 502 | 503 }) | false;
  /** Apple's legacy duplicate-request guards 9630/9631/9632. */
  readonly stormGuard?: { readonly windowMs?: number; readonly threshold?: number } | false;
  /**
   * Apple starts using an error code: both service-config answers list it in `errorCodes`, and calls answer with it
   * with `probability` (default 0: only listed). v2 uses `status` (default 400); legacy answers HTTP 200, status -1.
   */
  readonly newErrorCode?:
    | {
        readonly errorNumber: number;
        readonly errorMessage: string;
        readonly probability?: number;
        readonly status?: number;
      }
    | false;
  /** Answer 9625 for this token. */
  readonly revoked?: boolean;
}

/**
 * The programmatic fault API on a running simulator.
 *
 * @example
 * sim.faults.set({ rateLimit: { perSecond: 15, burst: 15, retryAfter: 'http-date' } });
 * sim.faults.setForToken(sToken, { internalError: { probability: 0.5 } });
 * sim.faults.set({ internalError: false }); // off again
 */
export interface FaultController {
  /** Merge into the global faults (keys you pass replace, others stay). */
  set(config: FaultConfig): void;
  /** Merge into the faults of one token (sToken or its hash). */
  setForToken(sTokenOrHash: string, config: FaultConfig): void;
  /** Replace every fault with a named scenario's. */
  useScenario(name: ScenarioName): void;
  /** Revoke a token: every later call answers 9625. */
  revoke(sTokenOrHash: string): void;
  /** Remove every fault, global and per token. */
  clear(): void;
  /**
   * The faults in force for a token (global merged with its own). A capacity schedule and a foreign load come
   * back anchored: each step with its `startsAt`, the foreign load with its `since`.
   */
  effective(hash: string | null): EffectiveFaults;
}

/** Faults as stored and in force: the same as {@link FaultConfig}, with schedules anchored in time. */
export interface EffectiveFaults extends Omit<FaultConfig, 'capacitySchedule' | 'foreignLoad'> {
  readonly capacitySchedule?: readonly ScheduledCapacityStep[] | false;
  readonly foreignLoad?: RunningForeignLoad | false;
}

export type ScenarioName =
  | 'none'
  | 'throttle'
  | 'maintenance'
  | 'flaky'
  | 'brownout'
  | 'storm-guard'
  | 'mixed';
