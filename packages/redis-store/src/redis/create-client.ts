import { VppError } from '@vppwatch/core';
import type { RedisClientLike } from './client-like.js';
import { failureKindOf, isPermanent } from './failure-kind.js';

/** Reconnect delays grow to this and stay there: Redis returning is noticed within about a second. */
const MAX_RECONNECT_DELAY_MS = 1000;

export interface ClientSettings {
  readonly url: string;
  readonly connectTimeoutMs: number;
}

/**
 * A node-redis client for `url`, not yet connected: commands fail at once while it is disconnected (the store
 * falls back instead of queueing), it reconnects forever unless the configuration is wrong, and a wrong password
 * or a server that does not speak Redis stops it.
 */
export async function createOwnedClient(settings: ClientSettings): Promise<RedisClientLike> {
  let redis: { createClient(options: object): unknown };
  try {
    redis = (await import('redis')) as unknown as typeof redis;
  } catch (cause) {
    throw new VppError({
      code: 'ERR_VPP_INVALID_ARGUMENT',
      message: 'createRedisStore({ url }) needs the redis package: npm install redis',
      cause,
    });
  }
  try {
    return redis.createClient({
      url: settings.url,
      disableOfflineQueue: true,
      socket: {
        connectTimeout: settings.connectTimeoutMs,
        reconnectStrategy: (retries: number, cause: unknown) =>
          isPermanent(failureKindOf(cause))
            ? false
            : Math.min(MAX_RECONNECT_DELAY_MS, 50 * 2 ** Math.min(retries, 5)) + Math.random() * 50,
      },
    }) as RedisClientLike;
  } catch (cause) {
    // The URL itself is wrong; its text may hold a password, so it is not repeated.
    throw new VppError({
      code: 'ERR_VPP_INVALID_ARGUMENT',
      message: 'Invalid option url: not a redis:// or rediss:// URL',
      cause,
    });
  }
}
