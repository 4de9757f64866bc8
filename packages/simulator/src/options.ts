import { isScenarioName } from './faults/scenarios.js';
import type { FaultConfig, RateLimitFault, ScenarioName } from './faults/types.js';
import { DEFAULT_ASSETS } from './state/default-assets.js';
import type { AssetSeed } from './state/types.js';
import { type Clock, systemClock } from './util/clock.js';

/** How to start a simulator. Every field is optional. */
export interface SimulatorOptions {
  /** @default 0 (any free port) */
  readonly port?: number;
  /** @default '127.0.0.1' */
  readonly host?: string;
  /** Seeds every random choice (ids, faults). @default 1 */
  readonly seed?: number;
  /** A named set of faults to start with. @default 'none' */
  readonly scenario?: ScenarioName;
  /** Faults applied over the scenario's. */
  readonly faults?: FaultConfig;
  /** Shorthand for `faults.rateLimit`. */
  readonly rateLimit?: RateLimitFault | false;
  /** The clock for rate limits, maintenance windows, token expiry and the request log. */
  readonly now?: Clock;
  /** How long v2 write events stay PENDING. @default 50 */
  readonly eventDelayMs?: number;
  /** Delay before a notification is sent, and between delivery attempts (min 100 ms). @default 0 */
  readonly notificationDelayMs?: number;
  /** Items per page on v2 `assets`, `assignments`, `users`. @default 100 */
  readonly pageSize?: number;
  /** Items per legacy batch (`getVPPLicensesSrv`, `getVPPUsersSrv`). @default 100 */
  readonly legacyBatchSize?: number;
  /** Assets every new organization starts with. */
  readonly assets?: readonly AssetSeed[];
  /** HTTP status of a v2 9622 (undecodable token). Apple documents 401; fleet observed 200. @default 401 */
  readonly invalidTokenStatus?: 200 | 401;
}

export interface NormalizedOptions {
  readonly port: number;
  readonly host: string;
  readonly seed: number;
  readonly faults: FaultConfig;
  readonly scenario: ScenarioName;
  readonly now: Clock;
  readonly eventDelayMs: number;
  readonly notificationDelayMs: number;
  readonly pageSize: number;
  readonly legacyBatchSize: number;
  readonly assets: readonly AssetSeed[];
  readonly invalidTokenStatus: 200 | 401;
}

function nonNegative(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < 0)
    throw new RangeError(`${name} must be a non-negative number, got ${value}`);
  return value;
}

function positiveInt(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1)
    throw new RangeError(`${name} must be a positive integer, got ${value}`);
  return value;
}

export function normalizeOptions(options: SimulatorOptions = {}): NormalizedOptions {
  const scenario = options.scenario ?? 'none';
  if (!isScenarioName(scenario)) throw new RangeError(`Unknown scenario: ${String(scenario)}`);
  const faults: FaultConfig = {
    ...options.faults,
    ...(options.rateLimit !== undefined ? { rateLimit: options.rateLimit } : {}),
  };
  return {
    port: nonNegative('port', options.port, 0),
    host: options.host ?? '127.0.0.1',
    seed: Math.trunc(nonNegative('seed', options.seed, 1)),
    faults,
    scenario,
    now: options.now ?? systemClock,
    eventDelayMs: nonNegative('eventDelayMs', options.eventDelayMs, 50),
    notificationDelayMs: nonNegative('notificationDelayMs', options.notificationDelayMs, 0),
    pageSize: positiveInt('pageSize', options.pageSize, 100),
    legacyBatchSize: positiveInt('legacyBatchSize', options.legacyBatchSize, 100),
    assets: options.assets ?? DEFAULT_ASSETS,
    invalidTokenStatus: options.invalidTokenStatus ?? 401,
  };
}
