import { randomUUID } from 'node:crypto';
import {
  afterThrottle,
  MemoryTenantStore,
  type RateChange,
  type RateSettings,
  rateAt,
  type StoreErrorReport,
  type StoreOperation,
  type TenantStore,
  type Turn,
} from '@vppwatch/core';
import type { StoreFailureKind } from '../redis/failure-kind.js';
import { type RedisConnection, StoreUnavailable } from '../redis/redis-connection.js';
import type { SharedState, SharedTurn } from '../redis/shared-state.js';
import type { StoreSettings } from './normalize-store-options.js';
import { type PendingReport, PendingReports } from './pending-reports.js';
import { TenantMirror } from './tenant-mirror.js';

/** How often a replica tells Redis it serves a tenant, so that Redis can count the replicas. */
const HEARTBEAT_MS = 1000;
/** The fallback share before Redis ever counted the replicas. */
const UNKNOWN_REPLICAS_SHARE = 0.25;
const GO: Turn = Object.freeze({ kind: 'go' });
/**
 * A slot used this much later than Redis booked it is reported, so the next window counts from the real send:
 * across processes a busy event loop delays some replicas' sends, and the window margin alone covers only 25 ms.
 */
const LATE_MS = 10;
/** Waited bookings remembered for {@link RedisTenantStore.sentLate}; the engine reports most of them at once. */
const MAX_WAITING_BOOKINGS = 4096;

/**
 * The engine's {@link TenantStore} over Redis: one allowance, one gate, one learned rate, one retry budget and
 * one 9603 streak per tenant for every replica. Reads are answered from a local mirror; each attempt's turn is one
 * script round trip; writes of one tick go to Redis together in one more. While Redis is down, slow or restarting,
 * a local fallback books slots at a conservative share of the rate, and shared mode resumes by itself.
 * Create it with {@link createRedisStore}.
 */
export class RedisTenantStore implements TenantStore {
  readonly #connection: RedisConnection;
  readonly #shared: SharedState;
  readonly #settings: StoreSettings;
  readonly #mirror = new TenantMirror();
  /** Slot bookings while Redis is away; its gates follow the mirror's. */
  readonly #fallback = new MemoryTenantStore();
  readonly #pending: PendingReports;
  readonly #listeners = new Set<(report: StoreErrorReport) => void>();
  readonly #replicaId = randomUUID();
  /**
   * `tenant \0 bookedAt` (engine clock) → the booking's id in Redis and the round trip that booked it, for
   * bookings the engine waits for.
   */
  readonly #waiting = new Map<string, { readonly booked: string; readonly roundTripMs: number }>();
  #replicasSeen: number | null = null;
  #closed = false;

  /** @internal Use {@link createRedisStore}. */
  constructor(connection: RedisConnection, shared: SharedState, settings: StoreSettings) {
    this.#connection = connection;
    this.#shared = shared;
    this.#settings = settings;
    this.#pending = new PendingReports((tenant, pending) => this.#send(tenant, pending));
  }

  /** True while the store works through Redis; false while the local fallback decides. */
  get shared(): boolean {
    return this.#connection.shared;
  }

  /** Share of the rate each replica may use on its own while Redis is away. */
  get fallbackShare(): number {
    if (this.#settings.fallbackShare !== null) return this.#settings.fallbackShare;
    return this.#replicasSeen === null ? UNKNOWN_REPLICAS_SHARE : 1 / Math.max(1, this.#replicasSeen);
  }

  tryAcquireNow(tenant: string, now: number, rate: RateSettings | null): boolean {
    // Shared mode always asks Redis (one round trip per attempt); the fallback answers at once, except when Redis
    // is due a probe (it failed while its socket stayed up): then `acquire` tries it.
    if (this.#closed) return false;
    if (this.#connection.shared || this.#connection.probeDue) return false;
    return this.#fallback.tryAcquireNow(tenant, now, this.#fallbackRate(tenant, now, rate));
  }

  acquire(tenant: string, now: number, rate: RateSettings | null): Turn | Promise<Turn> {
    if (this.#closed) return this.#fallbackTurn(tenant, now, rate);
    const state = this.#mirror.get(tenant, now);
    const heartbeat = now - state.heartbeatAt >= HEARTBEAT_MS ? this.#replicaId : null;
    if (heartbeat !== null) state.heartbeatAt = now;
    const started = performance.now();
    return this.#shared.turn(tenant, rate, heartbeat).then(
      (turn) => this.#turnOf(tenant, turn, now, performance.now() - started),
      (error: unknown) => {
        this.#failed('acquire', error);
        return this.#fallbackTurn(tenant, now, rate);
      },
    );
  }

  sentLate(tenant: string, bookedAt: number, sentAt: number): void {
    const booking = this.#takeWaiting(tenant, bookedAt);
    if (booking === undefined) {
      this.#fallback.sentLate(tenant, bookedAt, sentAt);
      return;
    }
    // The engine's `bookedAt` counts from before the round trip; the slot itself lies about one round trip later.
    const late = sentAt - bookedAt - booking.roundTripMs;
    if (late > LATE_MS) this.#late(tenant, booking.booked, late);
  }

  released(tenant: string, bookedAt: number): void {
    const booking = this.#takeWaiting(tenant, bookedAt);
    if (booking === undefined) {
      this.#fallback.released(tenant, bookedAt);
      return;
    }
    // Moved to Redis time 0: the oldest entry of the window, which no longer holds anything back.
    this.#late(tenant, booking.booked, -Number(booking.booked));
  }

  /** The Redis booking the engine waited for at `bookedAt`, forgotten once asked for; none for a fallback slot. */
  #takeWaiting(
    tenant: string,
    bookedAt: number,
  ): { readonly booked: string; readonly roundTripMs: number } | undefined {
    const key = `${tenant}\0${bookedAt}`;
    const booking = this.#waiting.get(key);
    if (booking !== undefined) this.#waiting.delete(key);
    return booking;
  }

  getGateUntil(tenant: string): number {
    return this.#mirror.peek(tenant)?.gateUntil ?? 0;
  }

  raiseGate(tenant: string, until: number): boolean {
    const now = Date.now();
    const state = this.#mirror.get(tenant, now);
    if (state.gateUntil >= until) return false;
    state.gateUntil = until;
    const pending = this.#pending.for(tenant);
    pending.report.gateMs = Math.max(pending.report.gateMs ?? 0, until - now);
    pending.operations.add('gate');
    return true;
  }

  rateInForce(tenant: string, now: number, rate: RateSettings): number {
    return rateAt(this.#mirror.peek(tenant)?.rate ?? null, now, rate);
  }

  throttled(tenant: string, sentAt: number, now: number, rate: RateSettings): RateChange | null {
    const state = this.#mirror.get(tenant, now);
    // The report script decides with Redis's record of the first contact; this replica's own is close enough for
    // the event it returns, and Redis's answer replaces the mirror's record.
    const change = afterThrottle(state.rate, sentAt, now, state.gateUntil, rate, state.firstAt);
    if (change === null) return null;
    state.rate = change.state;
    const pending = this.#pending.for(tenant);
    pending.report.throttledSentAgoMs = Math.max(0, now - sentAt);
    pending.rate = rate;
    pending.operations.add('throttle');
    return change;
  }

  getBudget(tenant: string): number | undefined {
    return this.#mirror.peek(tenant)?.budget;
  }

  addBudget(tenant: string, delta: number, capacity: number): void {
    const state = this.#mirror.get(tenant, Date.now());
    state.budget = Math.min(capacity, Math.max(0, (state.budget ?? capacity) + delta));
    const pending = this.#pending.for(tenant);
    pending.report.budgetDelta = (pending.report.budgetDelta ?? 0) + delta;
    pending.report.budgetCapacity = capacity;
    pending.operations.add('budget');
  }

  getConsecutive9603(tenant: string): number {
    return this.#mirror.peek(tenant)?.consecutive9603 ?? 0;
  }

  add9603(tenant: string): number {
    const state = this.#mirror.get(tenant, Date.now());
    state.consecutive9603 += 1;
    const pending = this.#pending.for(tenant);
    const streak = pending.report.streak;
    // A reset earlier in the same tick is followed by this 9603: Redis's count restarts too.
    pending.report.streak = streak === undefined ? 1 : streak === 'reset' ? 'reset' : streak + 1;
    if (streak === 'reset') state.consecutive9603 = 1;
    pending.operations.add('streak');
    return state.consecutive9603;
  }

  reset9603(tenant: string): void {
    const state = this.#mirror.peek(tenant);
    if (state !== undefined) state.consecutive9603 = 0;
    const pending = this.#pending.for(tenant);
    pending.report.streak = 'reset';
    pending.operations.add('streak');
  }

  onError(listener: (report: StoreErrorReport) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * Sends what is still pending, then closes the connections this store opened (a client passed as `client` is
   * left open). Nothing of the store keeps the process alive afterwards. Safe to call twice.
   */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#pending.flushAll();
    this.#closed = true;
    await this.#connection.close();
  }

  /** @internal Called by the connection: a gate another replica raised. */
  gateAnnounced(tenant: string, ms: number): void {
    const state = this.#mirror.peek(tenant);
    if (state !== undefined) state.gateUntil = Math.max(state.gateUntil, Date.now() + ms);
  }

  /** @internal Called by the connection once per outage. */
  wentDown(kind: StoreFailureKind): void {
    const share = Math.round(this.fallbackShare * 100);
    this.#settings.logger?.warn(
      `vppwatch redis-store: Redis is unavailable (${kind}); each replica now keeps to ${share} % of the rate ` +
        'on its own until Redis answers again',
    );
  }

  /** @internal Called by the connection when Redis answers again. */
  cameBack(): void {
    this.#settings.logger?.info?.('vppwatch redis-store: Redis answers again; shared mode resumed');
  }

  /**
   * The engine's turn from Redis's answer, which took `roundTripMs`. Redis booked the slot somewhere within the
   * round trip; a 'go' leaves now, so when the round trip was long (a busy event loop), the slot is reported as
   * used that much later: conservative, the next window starts no earlier than this send.
   */
  #turnOf(tenant: string, turn: SharedTurn, now: number, roundTripMs: number): Turn {
    const at = now + roundTripMs;
    this.#mirror.apply(tenant, turn, at);
    if (turn.replicas !== null) this.#replicasSeen = turn.replicas;
    if (turn.verdict === 'gated') return { kind: 'gate', until: at + turn.gateMs };
    if (turn.verdict === 'go') {
      if (turn.booked !== null && roundTripMs > LATE_MS) this.#late(tenant, turn.booked, roundTripMs);
      return GO;
    }
    // Redis booked the slot `waitMs` after the script ran, halfway through the round trip on average: sleeping
    // `waitMs` from now would send a whole round trip late on average, half of one at most either way.
    const ms = Math.max(0, turn.waitMs - roundTripMs / 2);
    if (turn.booked !== null) {
      if (this.#waiting.size >= MAX_WAITING_BOOKINGS) this.#waiting.clear();
      this.#waiting.set(`${tenant}\0${now + ms}`, { booked: turn.booked, roundTripMs });
    }
    return { kind: 'wait', ms };
  }

  #late(tenant: string, booked: string, ms: number): void {
    const pending = this.#pending.for(tenant);
    pending.report.late ??= new Map();
    pending.report.late.set(booked, ms);
    pending.operations.add('acquire');
  }

  #fallbackTurn(tenant: string, now: number, rate: RateSettings | null): Turn {
    return this.#fallback.acquire(tenant, now, this.#fallbackRate(tenant, now, rate));
  }

  /** The tenant's rate in force times the fallback share, with the mirror's gate copied in. */
  #fallbackRate(tenant: string, now: number, rate: RateSettings | null): RateSettings | null {
    const gate = this.#mirror.peek(tenant)?.gateUntil ?? 0;
    if (gate > now) this.#fallback.raiseGate(tenant, gate);
    if (rate === null) return null;
    const share = this.fallbackShare;
    // Below the ceiling the closed loop spaces requests one by one, as the memory store does; once the rate has
    // grown back, the share of the whole burst applies again (the mirror keeps the throttle record after that).
    const inForce = this.rateInForce(tenant, now, rate);
    const burst = inForce < rate.ceiling ? 1 : Math.max(1, Math.floor(rate.burst * share));
    return {
      ceiling: inForce * share,
      burst,
      firstBurst: Math.min(burst, Math.max(1, Math.floor(rate.firstBurst * share))),
      controller: null,
    };
  }

  #send(tenant: string, pending: PendingReport): void {
    if (this.#closed) return;
    const started = performance.now();
    this.#shared.report(tenant, pending.rate, pending.report).then(
      (reply) => this.#mirror.apply(tenant, reply, Date.now() - (performance.now() - started) / 2),
      (error: unknown) => {
        for (const operation of pending.operations) this.#failed(operation, error);
      },
    );
  }

  #failed(operation: StoreOperation, error: unknown): void {
    const report: StoreErrorReport = {
      operation,
      error: error instanceof StoreUnavailable ? error : new StoreUnavailable('unavailable'),
    };
    for (const listener of this.#listeners) {
      try {
        listener(report);
      } catch {
        // A listener that throws never breaks a call.
      }
    }
  }
}
