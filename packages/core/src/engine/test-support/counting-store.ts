import { MemoryTenantStore } from '../tenant/tenant-store.js';

/** The default store, counting how often a gate was raised (one discovery each). */
export class CountingStore extends MemoryTenantStore {
  gateRaises = 0;

  override setGateUntil(tenant: string, until: number): void {
    this.gateRaises += 1;
    super.setGateUntil(tenant, until);
  }
}
