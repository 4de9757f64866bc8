import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONTROLLER } from '../policy/rate-settings.js';
import { MemoryTenantStore } from './memory-tenant-store.js';
import {
  afterThrottle,
  firstContactRate,
  PLATEAU_TOLERANCE,
  PROBE_GROWTH,
  type RateSettings,
  type RateState,
  rateAt,
} from './rate-controller.js';

const settings: RateSettings = { ceiling: 15, burst: 15, firstBurst: 15, controller: DEFAULT_CONTROLLER };
const T0 = 1_700_000_000_000;

/** Requests the store lets one tenant send in [from, to) when it always has one waiting (injected clock). */
function sentBetween(store: MemoryTenantStore, from: number, to: number, rate = settings): number {
  let now = from;
  let sent = 0;
  while (now < to) {
    const turn = store.acquire('t', now, rate);
    if (turn.kind === 'later') {
      now += turn.ms;
      continue;
    }
    if (turn.kind === 'gate') now = turn.until;
    else if (turn.kind === 'wait') now += turn.ms;
    if (now < to) sent += 1;
  }
  return sent;
}

describe('the closed loop (CUBIC), injected clock', () => {
  it('a throttle lowers the rate to beta × the rate in force; the growth waits for the gate to open', () => {
    const first = afterThrottle(null, T0, T0, T0 + 1000, settings);
    expect(first).toMatchObject({ from: 15, to: 15 * 0.7 });
    const state = first?.state as RateState;
    expect(state).toEqual({ lastMaxRate: 15, lastThrottleAt: T0 + 1000 });
    expect(rateAt(state, T0 + 500, settings)).toBeCloseTo(10.5); // nothing grows while nothing can be sent
  });

  it('grows back to the rate of the last throttle after K seconds, then on to the ceiling, never above', () => {
    const state: RateState = { lastMaxRate: 10, lastThrottleAt: T0 };
    const { beta, scale } = DEFAULT_CONTROLLER;
    const k = Math.cbrt((10 * (1 - beta)) / scale);
    expect(rateAt(state, T0, settings)).toBeCloseTo(7);
    expect(rateAt(state, T0 + k * 1000, settings)).toBeCloseTo(10);
    // Past the plateau it probes PROBE_GROWTH times faster than it came back.
    expect(rateAt(state, T0 + (k - 1) * 1000, settings)).toBeCloseTo(10 - scale);
    expect(rateAt(state, T0 + (k + 1) * 1000, settings)).toBeCloseTo(10 + scale * PROBE_GROWTH);
    expect(rateAt(state, T0 + 3_600_000, settings)).toBe(15);
  });

  it('an echo (an attempt sent before the last decrease took effect) changes nothing', () => {
    const state: RateState = { lastMaxRate: 15, lastThrottleAt: T0 + 1000 };
    expect(afterThrottle(state, T0 + 999, T0 + 1200, T0 + 1200, settings)).toBeNull();
    expect(afterThrottle(state, T0 + 1000, T0 + 1200, T0 + 1200, settings)).not.toBeNull();
  });

  it('a throttle before the rate got back to the last maximum aims lower still (fast convergence)', () => {
    const state: RateState = { lastMaxRate: 15, lastThrottleAt: T0 };
    const at = T0 + 1000;
    const from = rateAt(state, at, settings);
    const change = afterThrottle(state, at, at, at, settings);
    expect(change?.state.lastMaxRate).toBeCloseTo((from * 1.7) / 2);
    expect(change?.to).toBeCloseTo(0.7 * ((from * 1.7) / 2));
  });

  it('a throttle just past the plateau (within PLATEAU_TOLERANCE) aims lower too; well past it, it does not', () => {
    const state: RateState = { lastMaxRate: 8, lastThrottleAt: T0 };
    const { beta, scale } = DEFAULT_CONTROLLER;
    const k = Math.cbrt((8 * (1 - beta)) / scale);
    // Half a second past the plateau the cubic is at 8.15: the organization's bucket hid that 8 was too much.
    const near = T0 + (k + 0.5) * 1000;
    const justPast = afterThrottle(state, near, near, near, settings);
    expect(justPast?.from).toBeLessThan(8 * PLATEAU_TOLERANCE);
    expect(justPast?.state.lastMaxRate).toBeCloseTo(((justPast?.from ?? 0) * (1 + beta)) / 2);
    // 2 s past it, at the ceiling (8 + 1.2 × 2³ = 17.6, capped at 15): a new maximum, taken as it is.
    const far = T0 + (k + 2) * 1000;
    const wellPast = afterThrottle(state, far, far, far, settings);
    expect(wellPast?.from).toBeGreaterThan(8 * PLATEAU_TOLERANCE);
    expect(wellPast?.state.lastMaxRate).toBe(wellPast?.from);
  });

  it('a throttle ending the first second restarts at what that second admitted, never above beta × ceiling', () => {
    const first: RateSettings = { ...settings, firstBurst: 5 };
    // 5 at once, then one every 1000 / 30 ms: 34 ms in, 6 had left before the refused one.
    expect(firstContactRate(T0, T0 + 34, first)).toBeCloseTo(6 / 1.034);
    const change = afterThrottle(null, T0 + 34, T0 + 40, T0 + 1040, first, T0);
    expect(change?.from).toBe(15);
    expect(change?.to).toBeCloseTo(6 / 1.034);
    expect(change?.state.lastMaxRate).toBeCloseTo(6 / 1.034 / DEFAULT_CONTROLLER.beta);
    // 900 ms in, that second admitted more than beta × ceiling would: the usual decrease applies.
    expect(afterThrottle(null, T0 + 900, T0 + 900, T0 + 1900, first, T0)?.to).toBeCloseTo(10.5);
    // After the first second, with no first-contact burst, or without a first booking: the usual decrease.
    expect(firstContactRate(T0, T0 + 1000, first)).toBeNull();
    // A refusal within the burst itself (others had spent the bucket) says nothing of what a second admits.
    expect(firstContactRate(T0, T0, first)).toBeNull();
    expect(firstContactRate(T0, T0 + 10, first)).toBeNull();
    expect(afterThrottle(null, T0, T0, T0 + 1000, first, T0)?.to).toBeCloseTo(10.5);
    expect(firstContactRate(T0, T0 + 34, settings)).toBeNull();
    expect(afterThrottle(null, T0 + 34, T0 + 40, T0 + 1040, first, null)?.to).toBeCloseTo(10.5);
    // Only the first throttle: later ones follow the loop.
    const later = afterThrottle(change?.state ?? null, T0 + 1100, T0 + 1100, T0 + 2100, first, T0);
    expect(later?.state.lastMaxRate).not.toBeCloseTo(6 / 1.034 / DEFAULT_CONTROLLER.beta);
  });

  it('off (adaptive: false), a throttle changes nothing and the rate stays at the ceiling', () => {
    const open = { ...settings, controller: null };
    expect(afterThrottle(null, T0, T0, T0, open)).toBeNull();
    expect(rateAt({ lastMaxRate: 1, lastThrottleAt: T0 }, T0, open)).toBe(15);
  });

  it('the rate is always within [minRate, ceiling], whatever the record and the time', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.01, max: 10_000, noNaN: true }),
        fc.integer({ min: -10_000_000, max: 10_000_000 }),
        fc.double({ min: 0.5, max: 10_000, noNaN: true }),
        (lastMaxRate, dt, ceiling) => {
          const s = { ...settings, ceiling };
          const r = rateAt({ lastMaxRate, lastThrottleAt: T0 }, T0 + dt, s);
          expect(Number.isFinite(r)).toBe(true);
          expect(r).toBeGreaterThanOrEqual(Math.min(DEFAULT_CONTROLLER.minRate, ceiling));
          expect(r).toBeLessThanOrEqual(ceiling);
        },
      ),
    );
  });
});

describe('MemoryTenantStore with the closed loop', () => {
  it('after a throttle the tenant sends at the lowered rate, evenly, and is back at the ceiling later', () => {
    const store = new MemoryTenantStore();
    expect(sentBetween(store, T0, T0 + 1000)).toBe(15);
    expect(store.raiseGate('t', T0 + 2000)).toBe(true);
    const change = store.throttled('t', T0 + 900, T0 + 1000, settings);
    expect(change).toMatchObject({ from: 15, to: 10.5 });
    expect(store.rateInForce('t', T0 + 1500, settings)).toBeCloseTo(10.5);
    // The gate holds until T0 + 2 s; then from 10.5 per second growing, spaced evenly (not a burst).
    expect(store.acquire('t', T0 + 1500, settings)).toEqual({ kind: 'gate', until: T0 + 2000 });
    expect(store.acquire('t', T0 + 2000, settings)).toEqual({ kind: 'go' });
    const next = store.acquire('t', T0 + 2000, settings);
    expect(next.kind === 'wait' && next.ms).toBeGreaterThan(1000 / 11);
    expect(sentBetween(store, T0 + 2000, T0 + 3000)).toBeLessThan(14);
    // Far later: back at the ceiling and the record is dropped.
    expect(store.rateInForce('t', T0 + 600_000, settings)).toBe(15);
  });

  it('repeated throttles converge down to what the organization admits, above minRate', () => {
    const store = new MemoryTenantStore();
    let now = T0;
    for (let i = 0; i < 20; i++) {
      now += 1000;
      store.raiseGate('t', now + 1000);
      store.throttled('t', now, now, settings);
    }
    expect(store.rateInForce('t', now, settings)).toBeLessThan(1);
    expect(store.rateInForce('t', now, settings)).toBeGreaterThanOrEqual(DEFAULT_CONTROLLER.minRate);
  });
});

describe('MemoryTenantStore booking horizon', () => {
  it('below the ceiling books at most a second ahead; the rest ask again when their slot comes within reach', () => {
    const store = new MemoryTenantStore();
    store.raiseGate('t', T0 + 1000);
    store.throttled('t', T0, T0, settings); // 10.5/s from T0 + 1 s, growing
    const at = T0 + 1000;
    const turns = Array.from({ length: 20 }, () => store.acquire('t', at, settings));
    const booked = turns.filter((turn) => turn.kind !== 'later');
    // About a second's worth at 10.5/s is booked; every booking lies within the horizon.
    expect(booked.length).toBeGreaterThanOrEqual(10);
    expect(booked.length).toBeLessThanOrEqual(12);
    for (const turn of booked) expect(turn.kind === 'wait' ? turn.ms : 0).toBeLessThanOrEqual(1000);
    // Nothing was booked for the others: each is told to come back when the next free slot is a second away.
    const later = turns.filter((turn) => turn.kind === 'later');
    expect(later).toHaveLength(20 - booked.length);
    const lastWait = Math.max(...booked.map((turn) => (turn.kind === 'wait' ? turn.ms : 0)));
    for (const turn of later) expect(turn.kind === 'later' && turn.ms).toBeGreaterThan(lastWait - 1000);
  });

  it('at the ceiling books any distance ahead (the rate cannot grow, so the pace cannot lag)', () => {
    const store = new MemoryTenantStore();
    const turns = Array.from({ length: 40 }, () => store.acquire('t', T0, settings));
    expect(turns.some((turn) => turn.kind === 'later')).toBe(false);
    expect(turns.at(-1)).toMatchObject({ kind: 'wait' });
    expect((turns.at(-1) as { ms: number }).ms).toBeGreaterThan(1000);
  });
});

describe('MemoryTenantStore memory', () => {
  it('forgets tenants idle for 10 minutes once more than 1024 are remembered, failed ones too', () => {
    const store = new MemoryTenantStore();
    for (let i = 0; i < 1024; i++) {
      const tenant = `old-${i}`;
      store.acquire(tenant, T0, settings);
      store.addBudget(tenant, -14, 500); // a retry that failed: today's store would keep it forever
      store.add9603(tenant);
      store.throttled(tenant, T0, T0, settings);
    }
    expect(store.size).toBe(1024);
    store.acquire('busy', T0 + 11 * 60_000, settings);
    expect(store.size).toBe(1);
    expect(store.getBudget('old-1')).toBeUndefined();
  });

  it('keeps a tenant whose gate is still closed, and recently active tenants', () => {
    const store = new MemoryTenantStore();
    store.acquire('gated', T0, settings);
    store.raiseGate('gated', T0 + 3_600_000);
    for (let i = 0; i < 2000; i++) store.acquire(`active-${i}`, T0 + 11 * 60_000, settings);
    expect(store.getGateUntil('gated')).toBe(T0 + 3_600_000);
    expect(store.size).toBe(2001);
  });

  it('never remembers more than 5000 tenants, however busy, and never forgets a closed gate', () => {
    const store = new MemoryTenantStore();
    store.acquire('gated', T0, settings);
    store.raiseGate('gated', T0 + 3_600_000);
    for (let i = 0; i < 200_000; i++) {
      const now = T0 + 2000 + i; // one new token a millisecond: none idle for 10 minutes
      store.acquire(`token-${i}`, now, settings);
      store.addBudget(`token-${i}`, -14, 500);
    }
    expect(store.size).toBeLessThanOrEqual(5000);
    expect(store.getGateUntil('gated')).toBe(T0 + 3_600_000);
    expect(store.getBudget('token-199999')).toBe(486); // the newest are kept
  });

  it('remembers at most 64 send times per tenant, whatever the rate, and still never exceeds it', () => {
    const store = new MemoryTenantStore();
    const huge: RateSettings = { ceiling: 10_000, burst: 10_000, firstBurst: 10_000, controller: null };
    expect(sentBetween(store, T0, T0 + 1000, huge)).toBeLessThanOrEqual(10_000);
    // 64 at once (the ring's size), then the window (64 per 6.4 ms + 25 ms margin) spaces the rest.
    const burst = new MemoryTenantStore();
    let atOnce = 0;
    while (burst.tryAcquireNow('t', T0, huge)) atOnce += 1;
    expect(atOnce).toBe(64);
  });
});
