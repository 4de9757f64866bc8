/**
 * Spaces one tenant's attempts so they never exceed `1000 / intervalMs` per second (GCRA: a virtual schedule,
 * no queue). `reserve` answers synchronously and books a slot; no timer exists unless the caller must wait.
 */
export class TenantRateLimiter {
  readonly #intervalMs: number;
  readonly #toleranceMs: number;
  /** Per tenant: the theoretical time at which the next request would be exactly on schedule. */
  readonly #nextAt = new Map<string, number>();

  constructor(intervalMs: number, burst: number) {
    this.#intervalMs = intervalMs;
    this.#toleranceMs = (burst - 1) * intervalMs;
  }

  /** Books the tenant's next slot at or after `now`; returns how long to wait for it (0 = go now). */
  reserve(tenant: string, now: number): number {
    const scheduled = Math.max(this.#nextAt.get(tenant) ?? now, now);
    const sendAt = Math.max(now, scheduled - this.#toleranceMs);
    this.#nextAt.set(tenant, scheduled + this.#intervalMs);
    this.#forgetIdle(now);
    return sendAt - now;
  }

  /** Books the tenant's next slot only if it is free now; false (nothing booked) when the caller would wait. */
  tryReserveNow(tenant: string, now: number): boolean {
    const scheduled = Math.max(this.#nextAt.get(tenant) ?? now, now);
    if (scheduled - this.#toleranceMs > now) return false;
    this.#nextAt.set(tenant, scheduled + this.#intervalMs);
    this.#forgetIdle(now);
    return true;
  }

  #forgetIdle(now: number): void {
    // Idle tenants have nothing to remember; pruning keeps the map from growing with tenant churn.
    if (this.#nextAt.size < 1024) return;
    for (const [tenant, at] of this.#nextAt) if (at < now) this.#nextAt.delete(tenant);
  }
}
