import { createOwnedClient } from '../redis/create-client.js';
import { RedisConnection } from '../redis/redis-connection.js';
import { ACQUIRE } from '../scripts/acquire.js';
import { REPORT } from '../scripts/report.js';

/** A connection as the store opens one, for tests that drive the scripts directly. */
export async function openConnection(url: string): Promise<RedisConnection> {
  const client = await createOwnedClient({ url, connectTimeoutMs: 1000 });
  const connection = new RedisConnection(
    client,
    {
      commandTimeoutMs: 1000,
      connectTimeoutMs: 2000,
      gateChannel: 'test:gate',
      scripts: [ACQUIRE, REPORT],
      owned: true,
    },
    { down: () => undefined, up: () => undefined, gate: () => undefined },
  );
  const failure = await connection.start();
  if (failure !== null) throw new Error(`could not connect: ${failure}`);
  return connection;
}
