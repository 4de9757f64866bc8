import type { RateState } from '@vppwatch/core';
import type { SharedSnapshot } from '../redis/shared-state.js';

/** What this replica knows of one tenant: Redis's last answer, plus its own changes since. Times are local. */
export interface MirroredTenant {
  gateUntil: number;
  budget: number | undefined;
  consecutive9603: number;
  rate: RateState | null;
  /** When this replica first saw the tenant: its first contact, as far as this replica knows. */
  readonly firstAt: number;
  /** When this replica last told Redis it serves the tenant. */
  heartbeatAt: number;
  usedAt: number;
}

/** Beyond this many tenants, those idle for {@link IDLE_MS} are forgotten. */
const PRUNE_AT = 1024;
const IDLE_MS = 10 * 60_000;

/**
 * The local mirror every synchronous read of the engine is answered from. Redis's answers overwrite it; while
 * Redis is away it is the fallback's whole state.
 */
export class TenantMirror {
  readonly #tenants = new Map<string, MirroredTenant>();
  #pruneAt = PRUNE_AT;

  peek(tenant: string): MirroredTenant | undefined {
    return this.#tenants.get(tenant);
  }

  get(tenant: string, now: number): MirroredTenant {
    let state = this.#tenants.get(tenant);
    if (state === undefined) {
      if (this.#tenants.size >= this.#pruneAt) this.#forgetIdle(now);
      state = {
        gateUntil: 0,
        budget: undefined,
        consecutive9603: 0,
        rate: null,
        firstAt: now,
        heartbeatAt: 0,
        usedAt: now,
      };
      this.#tenants.set(tenant, state);
    }
    state.usedAt = now;
    return state;
  }

  /** Takes Redis's answer, received at local time `at` (durations in it count from then). */
  apply(tenant: string, snapshot: SharedSnapshot, at: number): void {
    const state = this.get(tenant, at);
    // A gate only ever moves later: a raise this replica has not yet sent must not be undone.
    state.gateUntil = Math.max(state.gateUntil, snapshot.gateMs > 0 ? at + snapshot.gateMs : 0);
    state.budget = snapshot.budget ?? undefined;
    state.consecutive9603 = snapshot.consecutive9603;
    state.rate =
      snapshot.rate === null
        ? null
        : { lastMaxRate: snapshot.rate.lastMaxRate, lastThrottleAt: at - snapshot.rate.msSinceThrottle };
  }

  #forgetIdle(now: number): void {
    for (const [tenant, state] of this.#tenants) {
      if (state.usedAt + IDLE_MS < now && state.gateUntil <= now) this.#tenants.delete(tenant);
    }
    this.#pruneAt = Math.max(PRUNE_AT, this.#tenants.size * 2);
  }
}
