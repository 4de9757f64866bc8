import { VppError } from '@vppwatch/core';
import { createOwnedClient } from '../redis/create-client.js';
import { RedisConnection } from '../redis/redis-connection.js';
import { SharedState } from '../redis/shared-state.js';
import { gateChannel } from '../redis/tenant-keys.js';
import { ACQUIRE } from '../scripts/acquire.js';
import { REPORT } from '../scripts/report.js';
import { normalizeStoreOptions, type RedisStoreOptions } from './normalize-store-options.js';
import { RedisTenantStore } from './redis-tenant-store.js';

/** The in-process limiter's window margin, so one replica alone books exactly as the memory store would. */
const WINDOW_MARGIN_MS = 25;

/**
 * A {@link RedisTenantStore} for `createVppEngine({ store })`: every replica that uses the same Redis shares each
 * token's gate, rate, retry budget and 9603 streak.
 *
 * Resolves once connected, or after `connectTimeoutMs` in fallback mode when Redis cannot be reached yet (it
 * keeps trying and switches to shared mode by itself). Rejects with a `VppError` (`ERR_VPP_STORE`) when the
 * configuration can never work: a wrong password, or a port that does not speak Redis; with
 * `ERR_VPP_INVALID_ARGUMENT` for bad options.
 *
 * @example
 * ```ts
 * import { createVppEngine } from '@vppwatch/core';
 * import { createRedisStore } from '@vppwatch/redis-store';
 *
 * const store = await createRedisStore({ url: 'redis://127.0.0.1:6379' });
 * const engine = createVppEngine({ store });
 * // … on shutdown:
 * await store.close();
 * ```
 */
export async function createRedisStore(options: RedisStoreOptions): Promise<RedisTenantStore> {
  const settings = normalizeStoreOptions(options);
  const client =
    settings.client ??
    (await createOwnedClient({ url: settings.url ?? '', connectTimeoutMs: settings.connectTimeoutMs }));
  let store: RedisTenantStore | null = null;
  const connection = new RedisConnection(
    client,
    {
      commandTimeoutMs: settings.commandTimeoutMs,
      connectTimeoutMs: settings.connectTimeoutMs,
      gateChannel: gateChannel(settings.keyPrefix),
      scripts: [ACQUIRE, REPORT],
      owned: settings.client === null,
    },
    {
      down: (kind) => store?.wentDown(kind),
      up: () => store?.cameBack(),
      gate: (tenant, ms) => store?.gateAnnounced(tenant, ms),
    },
  );
  const shared = new SharedState(connection, {
    prefix: settings.keyPrefix,
    ttlMs: settings.idleTtlMs,
    windowMarginMs: WINDOW_MARGIN_MS,
  });
  store = new RedisTenantStore(connection, shared, settings);
  const failure = await connection.start();
  if (failure !== null) {
    await connection.close();
    throw new VppError({
      code: 'ERR_VPP_STORE',
      message:
        failure === 'auth'
          ? 'Redis refused the credentials (wrong password or user): check the URL or the client options'
          : 'The server at the given address does not speak the Redis protocol: check the host and port',
    });
  }
  return store;
}
