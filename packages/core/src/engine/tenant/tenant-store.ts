/**
 * Per-tenant state shared by every request of one tenant. Synchronous on purpose: the engine decides inside
 * `onResult`, which returns at once. A shared backend (redis) implements it over a local mirror that it syncs
 * in the background. Keys are opaque tenant hashes, never tokens.
 */
export interface TenantStore {
  /** Epoch ms until which the tenant must not send; 0 when open. */
  getGateUntil(tenant: string): number;
  setGateUntil(tenant: string, until: number): void;
  /** Retry budget tokens left, or undefined before the first use (the engine then starts from capacity). */
  getBudget(tenant: string): number | undefined;
  setBudget(tenant: string, tokens: number): void;
  /** 9603 answers in a row. */
  getConsecutive9603(tenant: string): number;
  setConsecutive9603(tenant: string, count: number): void;
}

interface TenantState {
  gateUntil: number;
  budget: number | undefined;
  consecutive9603: number;
}

/** The default {@link TenantStore}: one process, in memory. */
export class MemoryTenantStore implements TenantStore {
  readonly #tenants = new Map<string, TenantState>();

  #state(tenant: string): TenantState {
    let state = this.#tenants.get(tenant);
    if (state === undefined) {
      state = { gateUntil: 0, budget: undefined, consecutive9603: 0 };
      this.#tenants.set(tenant, state);
    }
    return state;
  }

  getGateUntil(tenant: string): number {
    return this.#tenants.get(tenant)?.gateUntil ?? 0;
  }

  setGateUntil(tenant: string, until: number): void {
    this.#state(tenant).gateUntil = until;
  }

  getBudget(tenant: string): number | undefined {
    return this.#tenants.get(tenant)?.budget;
  }

  setBudget(tenant: string, tokens: number): void {
    this.#state(tenant).budget = tokens;
  }

  getConsecutive9603(tenant: string): number {
    return this.#tenants.get(tenant)?.consecutive9603 ?? 0;
  }

  setConsecutive9603(tenant: string, count: number): void {
    this.#state(tenant).consecutive9603 = count;
  }
}
