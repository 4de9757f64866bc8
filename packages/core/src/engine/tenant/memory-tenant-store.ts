import { FIRST_CONTACT_PACE, inFirstContact } from '../policy/rate-settings.js';
import { afterThrottle, type RateSettings, type RateState, rateAt } from './rate-controller.js';
import {
  bookSlot,
  earliestSlot,
  moveSlot,
  newSlots,
  type RateShape,
  rateShape,
  releaseSlot,
  slotsIdle,
  type TenantSlots,
} from './rate-limiter.js';
import type { RateChange, TenantStore, Turn } from './tenant-store.js';

/** Below this many tenants nothing is forgotten; above it, idle ones are (tenant churn must not grow memory). */
const PRUNE_AT = 1024;
/** A tenant unused this long is idle: its slots, rate record and streak say nothing about today any more. */
const IDLE_MS = 10 * 60_000;
/**
 * Beyond this many tenants the least recently used half of those not waiting at a gate is forgotten too, idle or
 * not (a process that sees hundreds of thousands of tokens must not keep them all). Forgetting one resets its
 * budget, streak and learned rate: the cost of that is one more discovery, never a call sent inside a gate.
 */
const MAX_TENANTS = 5000;

interface TenantState {
  gateUntil: number;
  budget: number | undefined;
  consecutive9603: number;
  /** The closed loop's record; null while the tenant sends at the ceiling. */
  rate: RateState | null;
  slots: TenantSlots | null;
  lastUsedAt: number;
}

/**
 * Below the ceiling, slots are booked at most this far ahead; a request that would wait longer asks again when its
 * slot comes within reach, so the pace of what is sent follows the rate in force within a second.
 */
const BOOKING_HORIZON_MS = 1000;

const GO: Turn = Object.freeze({ kind: 'go' });

/**
 * The default {@link TenantStore}: one process, in memory, synchronous. Tenants idle for 10 minutes (gate open)
 * are forgotten once more than 1024 are remembered; beyond 5000, the least recently used are forgotten as well.
 */
export class MemoryTenantStore implements TenantStore {
  readonly #tenants = new Map<string, TenantState>();
  #pruneAt = PRUNE_AT;
  /** The limiter's constants for the last rate and burst asked for: most tenants send at the same rate. */
  #shape: RateShape | null = null;
  #shapeRate = 0;
  #shapeBurst = 0;
  #shapePace = 1;
  /** The latest time a caller told the store, for sweeps started by a call that does not say. */
  #lastNow = 0;

  tryAcquireNow(tenant: string, now: number, rate: RateSettings | null): boolean {
    const state = this.#state(tenant, now);
    if (state.gateUntil > now) return false;
    if (rate === null) return true;
    const slots = this.#slotsOf(state, now);
    const shape = this.#shapeFor(state, slots, now, rate);
    if (earliestSlot(slots, now, shape) > now) return false;
    bookSlot(slots, now, shape);
    return true;
  }

  acquire(tenant: string, now: number, rate: RateSettings | null): Turn {
    const state = this.#state(tenant, now);
    if (state.gateUntil > now) return { kind: 'gate', until: state.gateUntil };
    if (rate === null) return GO;
    const slots = this.#slotsOf(state, now);
    const shape = this.#shapeFor(state, slots, now, rate);
    const sendAt = earliestSlot(slots, now, shape);
    // Below the ceiling the rate grows while requests wait: a slot booked far ahead would go at an old, lower pace.
    if (state.rate !== null && sendAt - now > BOOKING_HORIZON_MS) {
      return { kind: 'later', ms: sendAt - now - BOOKING_HORIZON_MS };
    }
    bookSlot(slots, sendAt, shape);
    return sendAt > now ? { kind: 'wait', ms: sendAt - now } : GO;
  }

  sentLate(tenant: string, bookedAt: number, sentAt: number): void {
    const slots = this.#tenants.get(tenant)?.slots;
    if (slots) moveSlot(slots, bookedAt, sentAt);
  }

  released(tenant: string, bookedAt: number): void {
    const slots = this.#tenants.get(tenant)?.slots;
    if (slots) releaseSlot(slots, bookedAt);
  }

  getGateUntil(tenant: string): number {
    return this.#tenants.get(tenant)?.gateUntil ?? 0;
  }

  raiseGate(tenant: string, until: number): boolean {
    const state = this.#state(tenant, null);
    if (state.gateUntil >= until) return false;
    state.gateUntil = until;
    return true;
  }

  rateInForce(tenant: string, now: number, rate: RateSettings): number {
    const state = this.#tenants.get(tenant);
    return state === undefined ? rate.ceiling : this.#rateOf(state, now, rate);
  }

  throttled(tenant: string, sentAt: number, now: number, rate: RateSettings): RateChange | null {
    const state = this.#state(tenant, now);
    const firstAt = state.slots?.firstAt ?? null;
    const change = afterThrottle(state.rate, sentAt, now, state.gateUntil, rate, firstAt);
    if (change !== null) state.rate = change.state;
    return change;
  }

  getBudget(tenant: string): number | undefined {
    return this.#tenants.get(tenant)?.budget;
  }

  addBudget(tenant: string, delta: number, capacity: number): void {
    const state = this.#state(tenant, null);
    state.budget = Math.min(capacity, Math.max(0, (state.budget ?? capacity) + delta));
  }

  getConsecutive9603(tenant: string): number {
    return this.#tenants.get(tenant)?.consecutive9603 ?? 0;
  }

  add9603(tenant: string): number {
    const state = this.#state(tenant, null);
    state.consecutive9603 += 1;
    return state.consecutive9603;
  }

  reset9603(tenant: string): void {
    const state = this.#tenants.get(tenant);
    if (state !== undefined) state.consecutive9603 = 0;
  }

  /** How many tenants are remembered (for tests of forgetting). */
  get size(): number {
    return this.#tenants.size;
  }

  #slotsOf(state: TenantState, now: number): TenantSlots {
    if (state.slots === null) state.slots = newSlots(now);
    return state.slots;
  }

  #rateOf(state: TenantState, now: number, rate: RateSettings): number {
    if (state.rate === null) return rate.ceiling;
    const current = rateAt(state.rate, now, rate);
    // Back at the ceiling: the record no longer matters, and dropping it spares the math on every later attempt.
    if (current >= rate.ceiling) state.rate = null;
    return current;
  }

  #shapeFor(state: TenantState, slots: TenantSlots, now: number, rate: RateSettings): RateShape {
    const rps = this.#rateOf(state, now, rate);
    // Below the ceiling the organization admits less than announced: requests are spaced evenly, so the next
    // discovery of its limit costs one throttle, not a burst of them. In its first second nothing is known yet.
    const firstContact = state.rate === null && inFirstContact(rate, slots.firstAt, now);
    const burst = state.rate !== null ? 1 : firstContact ? rate.firstBurst : rate.burst;
    // The first second's rest goes at twice the pace: a limit below the burst is still met one request at a time,
    // and the window after it starts less late (the strict window keeps any delay of the first second to the end).
    const pace = firstContact ? FIRST_CONTACT_PACE : 1;
    if (
      this.#shape === null ||
      rps !== this.#shapeRate ||
      burst !== this.#shapeBurst ||
      pace !== this.#shapePace
    ) {
      this.#shape = rateShape(rps, burst, pace);
      this.#shapePace = pace;
      this.#shapeRate = rps;
      this.#shapeBurst = burst;
    }
    return this.#shape;
  }

  /** The tenant's state, made on first use; `now` (when the caller knows it) marks the tenant as used. */
  #state(tenant: string, now: number | null): TenantState {
    let state = this.#tenants.get(tenant);
    if (state === undefined) {
      if (this.#tenants.size >= this.#pruneAt) this.#forgetIdle(now ?? this.#lastNow);
      state = {
        gateUntil: 0,
        budget: undefined,
        consecutive9603: 0,
        rate: null,
        slots: null,
        lastUsedAt: now ?? this.#lastNow,
      };
      this.#tenants.set(tenant, state);
    } else if (now !== null) {
      state.lastUsedAt = now;
    }
    if (now !== null) this.#lastNow = now;
    return state;
  }

  /** Drops idle tenants; the next sweep waits until the map doubles, so sweeping stays O(1) per new tenant. */
  #forgetIdle(now: number): void {
    const evictable = (state: TenantState) =>
      state.gateUntil <= now && (state.slots === null || slotsIdle(state.slots, now));
    for (const [tenant, state] of this.#tenants) {
      if (state.lastUsedAt + IDLE_MS < now && evictable(state)) this.#tenants.delete(tenant);
    }
    if (this.#tenants.size >= MAX_TENANTS) this.#forgetLeastRecent(evictable);
    this.#pruneAt = Math.max(PRUNE_AT, Math.min(this.#tenants.size * 2, MAX_TENANTS));
  }

  #forgetLeastRecent(evictable: (state: TenantState) => boolean): void {
    const candidates = [...this.#tenants.values()].filter(evictable).map((state) => state.lastUsedAt);
    if (candidates.length === 0) return;
    candidates.sort((a, b) => a - b);
    const before = candidates[Math.floor(candidates.length / 2)] as number;
    for (const [tenant, state] of this.#tenants) {
      if (state.lastUsedAt <= before && evictable(state)) this.#tenants.delete(tenant);
    }
  }
}
