import { VppError } from '@vppwatch/core';
import { isRedisClientLike, type RedisClientLike } from '../redis/client-like.js';

/** Where log lines go; `console` by default, `false` for none. */
export interface StoreLogger {
  warn(message: string): void;
  info?(message: string): void;
}

/**
 * Options of {@link createRedisStore}: `url` or `client`, exactly one.
 *
 * @example
 * ```ts
 * const store = await createRedisStore({ url: process.env.REDIS_URL, fallbackShare: 0.25 });
 * ```
 */
export interface RedisStoreOptions {
  /** `redis://[[user]:password@]host[:port][/db]` or `rediss://…` (TLS). The store creates and closes the client. */
  readonly url?: string;
  /** A node-redis client (`createClient()` of `redis` v5 or v6) to reuse; the store never closes it. */
  readonly client?: RedisClientLike;
  /** Prefix of every key and of the gate channel; default `vppwatch:`. */
  readonly keyPrefix?: string;
  /**
   * Share of the rate each replica keeps to on its own while Redis is unavailable, in (0, 1]. Default: one over
   * the replicas Redis last counted (per-token heartbeats of the last 15 s), or 0.25 before any count.
   */
  readonly fallbackShare?: number;
  /** A Redis command slower than this falls back for that attempt; default 1000 ms. */
  readonly commandTimeoutMs?: number;
  /** How long `createRedisStore` waits for the first connection before starting in fallback; default 2000 ms. */
  readonly connectTimeoutMs?: number;
  /** Idle tenants' keys expire after this; default 10 minutes (a closed gate keeps its key until it opens). */
  readonly idleTtlMs?: number;
  /** Where the one warning per outage goes; default `console`; `false` for none. */
  readonly logger?: StoreLogger | false;
}

export interface StoreSettings {
  readonly url: string | null;
  readonly client: RedisClientLike | null;
  readonly keyPrefix: string;
  readonly fallbackShare: number | null;
  readonly commandTimeoutMs: number;
  readonly connectTimeoutMs: number;
  readonly idleTtlMs: number;
  readonly logger: StoreLogger | null;
}

function invalid(message: string): VppError {
  return new VppError({ code: 'ERR_VPP_INVALID_ARGUMENT', message: `Invalid option ${message}` });
}

function positive(name: string, value: number | undefined, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value > max)
    throw invalid(`${name}: a number of milliseconds in (0, ${max}]`);
  return value;
}

/** Checks and fills in the options once; every error is a `VppError` that never repeats the URL (it may hold a password). */
export function normalizeStoreOptions(options: RedisStoreOptions): StoreSettings {
  if (typeof options !== 'object' || options === null) throw invalid('options: an object');
  const { url, client } = options;
  if ((url === undefined) === (client === undefined)) throw invalid('url/client: give exactly one');
  if (url !== undefined && (typeof url !== 'string' || !/^rediss?:\/\/[^\s]*$/.test(url)))
    throw invalid('url: a redis:// or rediss:// URL');
  if (client !== undefined && !isRedisClientLike(client))
    throw invalid('client: a node-redis client (createClient() from the redis package)');
  const prefix = options.keyPrefix ?? 'vppwatch:';
  if (typeof prefix !== 'string' || prefix.length > 64 || /[{}\s]/.test(prefix))
    throw invalid('keyPrefix: up to 64 characters, no braces or spaces');
  const share = options.fallbackShare;
  if (share !== undefined && (typeof share !== 'number' || !(share > 0 && share <= 1)))
    throw invalid('fallbackShare: a number in (0, 1]');
  const logger = options.logger === undefined ? console : options.logger === false ? null : options.logger;
  if (logger !== null && typeof logger?.warn !== 'function')
    throw invalid('logger: { warn(message) } or false');
  return {
    url: url ?? null,
    client: client ?? null,
    keyPrefix: prefix,
    fallbackShare: share ?? null,
    commandTimeoutMs: positive('commandTimeoutMs', options.commandTimeoutMs, 1000, 60_000),
    connectTimeoutMs: positive('connectTimeoutMs', options.connectTimeoutMs, 2000, 60_000),
    idleTtlMs: positive('idleTtlMs', options.idleTtlMs, 10 * 60_000, 7 * 24 * 3_600_000),
    logger,
  };
}
