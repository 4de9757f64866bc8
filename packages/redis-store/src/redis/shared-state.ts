import { ACQUIRE } from '../scripts/acquire.js';
import { REPORT } from '../scripts/report.js';
import type { RedisConnection } from './redis-connection.js';
import { gateChannel, tenantKey } from './tenant-keys.js';

/** What Redis answered about a tenant; times are durations from the moment the script ran. */
export interface SharedSnapshot {
  /** ms until the gate opens; 0 when open. */
  readonly gateMs: number;
  /** Retry-budget tokens, or null before the first use. */
  readonly budget: number | null;
  readonly consecutive9603: number;
}

/** The answer to one attempt's turn. */
export interface SharedTurn extends SharedSnapshot {
  /** 'go': booked now; 'wait': booked `waitMs` from now; 'gated': nothing booked, the gate is closed. */
  readonly verdict: 'go' | 'wait' | 'gated';
  readonly waitMs: number;
  /** Replicas seen for this tenant in the last 15 s when a heartbeat was sent, else null. */
  readonly replicas: number | null;
}

export interface TurnRequest {
  readonly requestsPerSecond: number;
  readonly burst: number;
  /** Sent about once per second per tenant so that Redis can count the replicas. */
  readonly heartbeat: string | null;
}

export interface ReportRequest {
  /** Raise the gate to at least this many ms from now. */
  readonly gateMs?: number;
  /** Budget tokens to add (negative: spend), kept within [0, capacity]. */
  readonly budgetDelta?: number;
  readonly budgetCapacity?: number;
  readonly streak?: 'inc' | 'reset';
}

export interface SharedStateSettings {
  readonly prefix: string;
  readonly ttlMs: number;
  readonly windowMarginMs: number;
}

const VERDICTS = ['go', 'wait', 'gated'] as const;

/** The tenant state all replicas share, one script round trip per operation. */
export class SharedState {
  readonly #connection: RedisConnection;
  readonly #settings: SharedStateSettings;
  readonly #ttl: string;
  readonly #margin: string;
  readonly #channel: string;

  constructor(connection: RedisConnection, settings: SharedStateSettings) {
    this.#connection = connection;
    this.#settings = settings;
    this.#ttl = String(settings.ttlMs);
    this.#margin = String(settings.windowMarginMs);
    this.#channel = gateChannel(settings.prefix);
  }

  key(tenant: string): string {
    return tenantKey(this.#settings.prefix, tenant);
  }

  async turn(tenant: string, request: TurnRequest): Promise<SharedTurn> {
    const reply = await this.#connection.run(ACQUIRE, this.key(tenant), [
      String(request.requestsPerSecond),
      String(request.burst),
      this.#margin,
      this.#ttl,
      request.heartbeat ?? '',
    ]);
    const replicas = Number(reply[5]);
    return {
      verdict: VERDICTS[Number(reply[0])] ?? 'gated',
      waitMs: Number(reply[1]),
      gateMs: Number(reply[2]),
      budget: optionalNumber(reply[3]),
      consecutive9603: Number(reply[4]),
      replicas: replicas >= 0 ? replicas : null,
    };
  }

  async report(tenant: string, request: ReportRequest): Promise<SharedSnapshot> {
    const reply = await this.#connection.run(REPORT, this.key(tenant), [
      request.gateMs === undefined ? '' : String(Math.max(0, request.gateMs)),
      request.budgetDelta === undefined ? '' : String(request.budgetDelta),
      String(request.budgetCapacity ?? 0),
      request.streak ?? '',
      this.#ttl,
      this.#channel,
      tenant,
    ]);
    return {
      gateMs: Number(reply[0]),
      budget: optionalNumber(reply[1]),
      consecutive9603: Number(reply[2]),
    };
  }
}

function optionalNumber(value: unknown): number | null {
  if (value === '' || value === null || value === undefined) return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}
