import type { RateSettings } from '@vppwatch/core';
import type { SharedReport } from '../redis/shared-state.js';

/** The changes one tenant accumulated in one tick, and the operations they came from (for error reports). */
export interface PendingReport {
  readonly report: SharedReport;
  rate: RateSettings | null;
  readonly operations: Set<'acquire' | 'gate' | 'throttle' | 'budget' | 'streak'>;
}

/**
 * Coalesces the writes of one tick per tenant: a throttled attempt raises the gate, lowers the rate, spends
 * budget and resets the 9603 streak, and Redis gets all of it in one script call.
 */
export class PendingReports {
  readonly #pending = new Map<string, PendingReport>();
  readonly #flush: (tenant: string, pending: PendingReport) => void;
  #scheduled = false;

  constructor(flush: (tenant: string, pending: PendingReport) => void) {
    this.#flush = flush;
  }

  /** The tenant's report for this tick, to add to. */
  for(tenant: string): PendingReport {
    let pending = this.#pending.get(tenant);
    if (pending === undefined) {
      pending = { report: {}, rate: null, operations: new Set() };
      this.#pending.set(tenant, pending);
    }
    if (!this.#scheduled) {
      this.#scheduled = true;
      queueMicrotask(() => this.flushAll());
    }
    return pending;
  }

  flushAll(): void {
    this.#scheduled = false;
    const batch = [...this.#pending];
    this.#pending.clear();
    for (const [tenant, pending] of batch) this.#flush(tenant, pending);
  }
}
