import type { EnginePolicy } from '../policy/engine-policy.js';
import type { TenantStore } from './tenant-store.js';

/**
 * AWS-style retry token bucket per tenant: a retry spends tokens, a success without retry earns one back,
 * a retry that succeeds refunds its cost. First attempts never spend, so a drained budget only stops retries.
 */
export class RetryBudget {
  readonly #store: TenantStore;
  readonly #config: NonNullable<EnginePolicy['budget']> | null;

  constructor(store: TenantStore, config: EnginePolicy['budget']) {
    this.#store = store;
    this.#config = config;
  }

  /** Tokens left, or null when budgets are off. */
  tokens(tenant: string): number | null {
    if (this.#config === null) return null;
    return this.#store.getBudget(tenant) ?? this.#config.capacity;
  }

  spend(tenant: string, cost: number): void {
    if (this.#config !== null && cost > 0) this.#store.addBudget(tenant, -cost, this.#config.capacity);
  }

  /** A request succeeded: refund the last retry's cost, or earn one token when it needed none. */
  succeeded(tenant: string, lastRetryCost: number | null): void {
    const left = this.tokens(tenant);
    if (left === null || this.#config === null) return;
    // A full bucket stays full: most successes change nothing, and a shared store is spared the write.
    if (left < this.#config.capacity)
      this.#store.addBudget(tenant, lastRetryCost ?? 1, this.#config.capacity);
  }
}
