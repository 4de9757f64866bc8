import type { RetryClass } from '../../catalog/retry-class.js';
import type { DelaySource, GiveUpReason } from '../../shared/call-outcome.js';
import type { CatalogDriftEvent } from '../drift/drift-watch.js';

/**
 * Payloads carry closed-set values and numbers only: no URL, token, body or server message. `errorNumber` is a
 * catalog code, null, or `'other'` for a code the catalog does not know. The one exception is `catalogDrift`, which
 * carries the texts of Apple's service-config error list: Apple's, never the caller's.
 */
export interface EngineEvents {
  /** After each physical attempt. */
  attempt: {
    readonly operation: string;
    readonly attempt: number;
    readonly httpStatus: number | null;
    readonly retryClass: RetryClass | 'none';
    readonly errorNumber: number | string | null;
    readonly durationMs: number;
  };
  /** A retry was scheduled. */
  retry: {
    readonly operation: string;
    /** The ordinal of the coming resend (1 for the first retry). */
    readonly resendCount: number;
    readonly delayMs: number;
    readonly delaySource: DelaySource;
    readonly retryClass: RetryClass;
    readonly retryAfterMs: number | null;
    readonly errorNumber: number | string | null;
    readonly budgetRemaining: number | null;
  };
  /** The request failed for good. */
  giveUp: {
    readonly operation: string;
    readonly reason: GiveUpReason;
    readonly attempts: number;
    readonly retryClass: RetryClass | null;
    readonly errorNumber: number | string | null;
    readonly retryAt: number | null;
  };
  /**
   * The rate in force for a tenant changed at once: a throttle lowered it, or Apple announced another ceiling.
   * Between changes the rate grows back toward the ceiling continuously (see the rate gauge).
   */
  rateChange: {
    /** The operation whose answer caused it. */
    readonly operation: string;
    readonly cause: 'throttle' | 'announced';
    /** Requests per second before and after. */
    readonly previousRate: number;
    readonly rate: number;
    readonly ceiling: number;
  };
  /** The request resolved. */
  success: {
    readonly operation: string;
    readonly attempts: number;
    readonly totalDelayMs: number;
    readonly durationMs: number;
  };
  /** A service-config answer lists codes the catalog lacks or words differently; once per new difference. */
  catalogDrift: CatalogDriftEvent;
}

export type EngineEventName = keyof EngineEvents;

export type EngineListeners = { readonly [K in EngineEventName]?: (event: EngineEvents[K]) => void };

/** A tiny typed emitter whose listeners can never throw into the request. */
export class EngineEmitter {
  readonly #listeners: { [K in EngineEventName]: Set<(event: EngineEvents[K]) => void> } = {
    attempt: new Set(),
    retry: new Set(),
    giveUp: new Set(),
    success: new Set(),
    rateChange: new Set(),
    catalogDrift: new Set(),
  };

  on<K extends EngineEventName>(name: K, listener: (event: EngineEvents[K]) => void): () => void {
    const set = this.#listeners[name] as Set<(event: EngineEvents[K]) => void>;
    set.add(listener);
    return () => {
      set.delete(listener);
    };
  }

  /** True when someone listens, so callers can skip building the payload. */
  has(name: EngineEventName): boolean {
    return this.#listeners[name].size > 0;
  }

  emit<K extends EngineEventName>(name: K, event: EngineEvents[K]): void {
    for (const listener of this.#listeners[name] as Set<(event: EngineEvents[K]) => void>) {
      try {
        listener(event);
      } catch {
        // A user's listener that throws must never break the request.
      }
    }
  }
}
