import type { RateSettings, RateState } from './rate-controller.js';

export type { ControllerSettings, RateSettings, RateState } from './rate-controller.js';

/**
 * A store's answer to "may this tenant send now?". `go`: a slot at `now` is booked. `wait`: a slot at
 * `now + ms` is booked; sleep, then send. `gate`: the tenant's gate is closed until `until` (epoch ms); nothing
 * was booked. `later`: the free slots lie further ahead than the store books; nothing was booked, ask again after
 * `ms` (a store that books any distance ahead never answers it).
 */
export type Turn =
  | { readonly kind: 'go' }
  | { readonly kind: 'wait'; readonly ms: number }
  | { readonly kind: 'gate'; readonly until: number }
  | { readonly kind: 'later'; readonly ms: number };

/** A rate decrease a throttle caused: the rate before and after, in requests per second. */
export interface RateChange {
  readonly from: number;
  readonly to: number;
  /** The controller record after the change (what a shared store keeps). */
  readonly state: RateState;
}

/** What a store reports when its backend failed (the engine counts it in `apple_vpp_store_errors_total`). */
export type StoreOperation = 'acquire' | 'gate' | 'throttle' | 'budget' | 'streak' | 'connect';

export interface StoreErrorReport {
  /** Which kind of store call failed: a closed set, used as a metric label. */
  readonly operation: StoreOperation;
  /** The underlying error, for the store's own logging; the engine never records it. */
  readonly error?: unknown;
}

/**
 * Per-tenant state shared by every request of one tenant: the gate, the rate limit and the rate the closed loop
 * learned, the retry budget and the 9603 streak. Keys are opaque tenant hashes, never tokens.
 *
 * The engine decides synchronously (`onResult` returns at once), so every read is synchronous: a shared store
 * (Redis) answers reads from a local mirror and may send writes in the background. Only {@link acquire} may
 * return a promise, once per attempt that could not go at once. The full contract, with the rate formula a
 * shared store must reproduce, is in the core README ("Writing a TenantStore").
 */
export interface TenantStore {
  /**
   * The fast path, synchronous: when the tenant's gate is open and a rate slot is free at `now`, books it and
   * returns true; otherwise books nothing and returns false (the engine then calls {@link acquire}). A shared
   * store may always answer false, or answer from slots it leased ahead.
   * `rate` is null when the engine has no rate limit: only the gate is checked.
   */
  tryAcquireNow(tenant: string, now: number, rate: RateSettings | null): boolean;
  /** One atomic step per attempt: checks the gate, then books a slot at the tenant's current (closed-loop) rate. */
  acquire(tenant: string, now: number, rate: RateSettings | null): Turn | Promise<Turn>;
  /**
   * Optional: the slot booked for `bookedAt` was used at `sentAt` (a timer fired late on a busy event loop), so
   * later slots count from the real send.
   */
  sentLate?(tenant: string, bookedAt: number, sentAt: number): void;
  /**
   * Optional: the slot booked for `bookedAt` was never used (a gate closed before it came, and the request waits
   * for the gate instead), so it must not hold back later slots. Without it, every request waiting for a slot
   * when a 429 arrives leaves a phantom booking that delays the first requests after the gate by up to a window.
   */
  released?(tenant: string, bookedAt: number): void;

  /** Epoch ms until which the tenant must not send; 0 when open. */
  getGateUntil(tenant: string): number;
  /** Moves the gate to `until` unless it is already later; true when it moved. */
  raiseGate(tenant: string, until: number): boolean;

  /** The rate in force for the tenant at `now`, requests per second (the ceiling when never throttled). */
  rateInForce(tenant: string, now: number, rate: RateSettings): number;
  /**
   * A throttle (9646, 429) answered the attempt sent at `sentAt`: lowers the tenant's rate, unless the attempt
   * left before the last decrease (an echo of a throttle already counted). Returns the change, or null.
   */
  throttled(tenant: string, sentAt: number, now: number, rate: RateSettings): RateChange | null;

  /** Retry budget tokens left, or undefined before the first use (the engine then starts from capacity). */
  getBudget(tenant: string): number | undefined;
  /** Adds `delta` (negative to spend) to the budget, starting from `capacity`, kept within [0, capacity]. */
  addBudget(tenant: string, delta: number, capacity: number): void;

  /** 9603 answers in a row. */
  getConsecutive9603(tenant: string): number;
  /** One more 9603 in a row; returns the streak. */
  add9603(tenant: string): number;
  /** Any other answer ends the streak (called only when the streak is not already 0). */
  reset9603(tenant: string): void;

  /** Optional: reports backend failures; returns the function that unsubscribes. */
  onError?(listener: (report: StoreErrorReport) => void): () => void;
  /** Optional: releases connections and timers; nothing of the store keeps the process alive after it. */
  close?(): void | Promise<void>;
}
