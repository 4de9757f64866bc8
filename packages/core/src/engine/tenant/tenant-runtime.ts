import type { EnginePolicy } from '../policy/engine-policy.js';
import type { TenantRateLimiter } from './rate-limiter.js';
import type { TenantStore } from './tenant-store.js';

/** What the tenant's shared state needs of an engine: its policy, its store and its limiter. */
export interface TenantRuntime {
  readonly policy: EnginePolicy;
  readonly store: TenantStore;
  readonly limiter: TenantRateLimiter | null;
}
