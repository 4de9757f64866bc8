import type { RateSettings } from '@vppwatch/core';
import { ACQUIRE } from '../scripts/acquire.js';
import { REPORT } from '../scripts/report.js';
import type { RedisConnection } from './redis-connection.js';
import { gateChannel, tenantKey } from './tenant-keys.js';

/** The closed loop's record as Redis holds it, in durations from the moment the script ran. */
export interface SharedRate {
  readonly lastMaxRate: number;
  readonly msSinceThrottle: number;
}

/** What Redis answered about a tenant; times are durations from the moment the script ran. */
export interface SharedSnapshot {
  /** ms until the gate opens; 0 when open. */
  readonly gateMs: number;
  /** Retry-budget tokens, or null before the first use. */
  readonly budget: number | null;
  readonly consecutive9603: number;
  /** Null while the tenant sends at the ceiling. */
  readonly rate: SharedRate | null;
}

/** The answer to one attempt's turn. */
export interface SharedTurn extends SharedSnapshot {
  /** 'go': booked now; 'wait': booked `waitMs` from now; 'gated': nothing booked, the gate is closed. */
  readonly verdict: 'go' | 'wait' | 'gated';
  readonly waitMs: number;
  /** Replicas seen for this tenant in the last 15 s when a heartbeat was sent, else null. */
  readonly replicas: number | null;
  /** The booked slot's id in Redis (its time on Redis's clock), for {@link SharedReport.late}; null when none. */
  readonly booked: string | null;
}

/** Several changes to one tenant, sent as one script call. */
export interface SharedReport {
  /** Raise the gate to at least this many ms from now. */
  gateMs?: number;
  /** A throttle answered the attempt sent this many ms ago: lower the rate (unless it is an echo). */
  throttledSentAgoMs?: number;
  /** Budget tokens to add (negative: spend), kept within [0, capacity]. */
  budgetDelta?: number;
  budgetCapacity?: number;
  /** 9603s to add to the streak, or 'reset'. */
  streak?: number | 'reset';
  /** Bookings that left late: booked slot id → ms after its slot. */
  late?: Map<string, number>;
}

export interface SharedReportReply extends SharedSnapshot {
  /** The rate before the throttle when this report lowered it, else null. */
  readonly loweredFrom: number | null;
}

export interface SharedStateSettings {
  readonly prefix: string;
  readonly ttlMs: number;
  readonly windowMarginMs: number;
}

const VERDICTS = ['go', 'wait', 'gated'] as const;

function rateArgs(rate: RateSettings | null): string[] {
  if (rate === null) return ['', '', '', '', ''];
  const c = rate.controller;
  return [
    String(rate.ceiling),
    `${rate.burst}/${rate.firstBurst}`,
    c === null ? '' : String(c.beta),
    c === null ? '' : String(c.scale),
    c === null ? '' : String(c.minRate),
  ];
}

/** The tenant state all replicas share, one script round trip per operation. */
export class SharedState {
  readonly #connection: RedisConnection;
  readonly #prefix: string;
  readonly #ttl: string;
  readonly #margin: string;
  readonly #channel: string;

  constructor(connection: RedisConnection, settings: SharedStateSettings) {
    this.#connection = connection;
    this.#prefix = settings.prefix;
    this.#ttl = String(settings.ttlMs);
    this.#margin = String(settings.windowMarginMs);
    this.#channel = gateChannel(settings.prefix);
  }

  key(tenant: string): string {
    return tenantKey(this.#prefix, tenant);
  }

  async turn(tenant: string, rate: RateSettings | null, heartbeat: string | null): Promise<SharedTurn> {
    const reply = await this.#connection.run(ACQUIRE, this.key(tenant), [
      ...rateArgs(rate),
      this.#margin,
      this.#ttl,
      heartbeat ?? '',
    ]);
    const replicas = Number(reply[5]);
    return {
      verdict: VERDICTS[Number(reply[0])] ?? 'gated',
      waitMs: Number(reply[1]),
      gateMs: Number(reply[2]),
      budget: optionalNumber(reply[3]),
      consecutive9603: Number(reply[4]),
      replicas: replicas >= 0 ? replicas : null,
      rate: sharedRate(reply[6], reply[7]),
      booked: typeof reply[8] === 'string' && reply[8] !== '' ? reply[8] : null,
    };
  }

  async report(tenant: string, rate: RateSettings | null, report: SharedReport): Promise<SharedReportReply> {
    const streak = report.streak;
    const reply = await this.#connection.run(REPORT, this.key(tenant), [
      ...rateArgs(rate),
      report.gateMs === undefined ? '' : String(Math.max(0, report.gateMs)),
      report.throttledSentAgoMs === undefined ? '' : String(Math.max(0, report.throttledSentAgoMs)),
      report.budgetDelta === undefined ? '' : String(report.budgetDelta),
      String(report.budgetCapacity ?? 0),
      streak === undefined ? '' : streak === 'reset' ? 'reset' : `inc:${streak}`,
      this.#ttl,
      this.#channel,
      tenant,
      report.late === undefined ? '' : [...report.late].map(([id, ms]) => `${id}:${ms.toFixed(3)}`).join(','),
    ]);
    return {
      gateMs: Number(reply[0]),
      budget: optionalNumber(reply[1]),
      consecutive9603: Number(reply[2]),
      rate: sharedRate(reply[3], reply[4]),
      loweredFrom: optionalNumber(reply[5]),
    };
  }
}

function sharedRate(lastMaxRate: unknown, msSince: unknown): SharedRate | null {
  const rate = optionalNumber(lastMaxRate);
  const since = optionalNumber(msSince);
  return rate === null || since === null ? null : { lastMaxRate: rate, msSinceThrottle: since };
}

function optionalNumber(value: unknown): number | null {
  if (value === '' || value === null || value === undefined) return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}
