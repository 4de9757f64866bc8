import { MemoryTenantStore } from '../tenant/memory-tenant-store.js';

/** The default store, counting how often a gate was raised (one discovery each). */
export class CountingStore extends MemoryTenantStore {
  gateRaises = 0;

  override raiseGate(tenant: string, until: number): boolean {
    const moved = super.raiseGate(tenant, until);
    if (moved) this.gateRaises += 1;
    return moved;
  }
}
