/**
 * Apple's clocks and ours are not the same, and a request sent on the dot of a window's end may reach Apple a
 * little before it: each window is this much longer than the rate alone asks for.
 */
const WINDOW_MARGIN_MS = 25;
/** Beyond this many remembered tenants, idle ones are forgotten (tenant churn must not grow memory). */
const PRUNE_AT = 1024;

/** Requests one window may hold at `requestsPerSecond`: the whole second's allowance, at least one. */
export function perSecondAllowance(requestsPerSecond: number): number {
  return Math.max(1, Math.floor(requestsPerSecond));
}

/** One tenant's bookings. */
interface TenantSlots {
  /** GCRA: the theoretical time at which the next request would be exactly on schedule. */
  nextAt: number;
  /** The last `windowLimit` booked send times, oldest at `head`. */
  readonly sent: Float64Array;
  head: number;
}

/**
 * Keeps one tenant's attempts within Apple's `maxRequestPerSecond`, read the strict way: never more than
 * `limit` requests in any window of `limit / rate` seconds (15 in any second by default), so the whole allowance
 * may go at once, but a server that counts in one-second windows or with a token bucket never sees an excess.
 * `burst` below that limit also spaces requests evenly (GCRA); `burst: 1` sends one every `1 / rate` seconds.
 * `reserve` answers synchronously and books a slot; no timer exists unless the caller must wait.
 */
export class TenantRateLimiter {
  #intervalMs = 0;
  #toleranceMs = 0;
  #windowLimit = 1;
  #windowMs = 0;
  readonly #tenants = new Map<string, TenantSlots>();

  constructor(requestsPerSecond: number, burst: number) {
    this.#configure(requestsPerSecond, burst);
  }

  /**
   * Applies a new rate (Apple announced another `maxRequestPerSecond`). Each tenant keeps its most recent bookings,
   * so the change never lets an extra burst through.
   */
  reconfigure(requestsPerSecond: number, burst: number): void {
    const oldLimit = this.#windowLimit;
    this.#configure(requestsPerSecond, burst);
    const limit = this.#windowLimit;
    for (const [tenant, slots] of this.#tenants) {
      const sent = new Float64Array(limit).fill(-Infinity);
      // Newest bookings kept, oldest at index 0, which becomes `head`: the next booking replaces it.
      for (let i = 1; i <= Math.min(limit, oldLimit); i++) {
        sent[limit - i] = slots.sent[(slots.head - i + oldLimit) % oldLimit] as number;
      }
      this.#tenants.set(tenant, { nextAt: slots.nextAt, sent, head: 0 });
    }
  }

  #configure(requestsPerSecond: number, burst: number): void {
    this.#intervalMs = 1000 / requestsPerSecond;
    this.#windowLimit = perSecondAllowance(requestsPerSecond);
    this.#windowMs = this.#windowLimit * this.#intervalMs + WINDOW_MARGIN_MS;
    this.#toleranceMs = (Math.min(burst, this.#windowLimit) - 1) * this.#intervalMs;
  }

  /** Books the tenant's next slot at or after `now`; returns how long to wait for it (0 = go now). */
  reserve(tenant: string, now: number): number {
    const slots = this.#slotsOf(tenant, now);
    const sendAt = this.#earliest(slots, now);
    this.#book(slots, sendAt);
    return sendAt - now;
  }

  /** Books the tenant's next slot only if it is free now; false (nothing booked) when the caller would wait. */
  tryReserveNow(tenant: string, now: number): boolean {
    const slots = this.#slotsOf(tenant, now);
    if (this.#earliest(slots, now) > now) return false;
    this.#book(slots, now);
    return true;
  }

  /**
   * The request booked for `bookedAt` actually left at `sentAt` (its timer fired late on a busy event loop):
   * later bookings count the window from the real send, so lateness never eats into the next window.
   */
  sentLate(tenant: string, bookedAt: number, sentAt: number): void {
    const slots = this.#tenants.get(tenant);
    if (slots === undefined || sentAt <= bookedAt) return;
    for (let i = 0; i < this.#windowLimit; i++) {
      if (slots.sent[i] === bookedAt) {
        slots.sent[i] = sentAt;
        return;
      }
    }
  }

  #earliest(slots: TenantSlots, now: number): number {
    const paced = Math.max(slots.nextAt, now) - this.#toleranceMs;
    const windowed = (slots.sent[slots.head] as number) + this.#windowMs;
    return Math.max(now, paced, windowed);
  }

  #book(slots: TenantSlots, sendAt: number): void {
    slots.nextAt = Math.max(slots.nextAt, sendAt) + this.#intervalMs;
    slots.sent[slots.head] = sendAt;
    slots.head = (slots.head + 1) % this.#windowLimit;
  }

  #slotsOf(tenant: string, now: number): TenantSlots {
    let slots = this.#tenants.get(tenant);
    if (slots === undefined) {
      this.#forgetIdle(now);
      slots = { nextAt: now, sent: new Float64Array(this.#windowLimit).fill(-Infinity), head: 0 };
      this.#tenants.set(tenant, slots);
    }
    return slots;
  }

  #forgetIdle(now: number): void {
    if (this.#tenants.size < PRUNE_AT) return;
    for (const [tenant, slots] of this.#tenants) {
      const newest = slots.sent[(slots.head + this.#windowLimit - 1) % this.#windowLimit] as number;
      if (slots.nextAt < now && newest + this.#windowMs < now) this.#tenants.delete(tenant);
    }
  }
}
