import { RecentKeys } from '../../shared/recent-keys.js';
import type { RateCeiling } from '../tenant/apple-rate.js';
import type { TenantStore } from '../tenant/tenant-store.js';

/** Tenants remembered as slowed down; beyond it the oldest is dropped (the gauge is a summary, not a ledger). */
const MAX_WATCHED = 1000;

/**
 * Knows which tenants the closed loop slowed down, so a scrape can report the lowest rate in force without a
 * per-tenant label, and without any work on the request path while no tenant is throttled.
 */
export class RateWatch {
  readonly #store: TenantStore;
  readonly #rate: RateCeiling;
  readonly #now: () => number;
  readonly #slowed = new RecentKeys<true>(MAX_WATCHED);

  constructor(store: TenantStore, rate: RateCeiling, now: () => number) {
    this.#store = store;
    this.#rate = rate;
    this.#now = now;
  }

  /** A throttle lowered this tenant's rate. */
  slowed(tenant: string): void {
    this.#slowed.set(tenant, true);
  }

  /** For the gauge: the lowest rate in force (tenants back at the ceiling are forgotten) and the ceiling. */
  readonly read = (set: (labels: { readonly limit: string }, value: number) => void): void => {
    const settings = this.#rate.settings;
    if (settings === null) return;
    const now = this.#now();
    let lowest = settings.ceiling;
    for (const tenant of this.#slowed.keys()) {
      const rate = this.#store.rateInForce(tenant, now, settings);
      if (rate >= settings.ceiling) this.#slowed.delete(tenant);
      else lowest = Math.min(lowest, rate);
    }
    set({ limit: 'in_force' }, lowest);
    set({ limit: 'ceiling' }, settings.ceiling);
  };
}
