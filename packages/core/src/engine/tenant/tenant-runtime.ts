import type { EnginePolicy } from '../policy/engine-policy.js';
import type { RateCeiling } from './apple-rate.js';
import type { TenantStore } from './tenant-store.js';

/** What the tenant's shared state needs of an engine: its policy, its store and its rate settings. */
export interface TenantRuntime {
  readonly policy: EnginePolicy;
  readonly store: TenantStore;
  readonly rate: RateCeiling;
}
