// A Redis for the replica bench and the demo: the one at --redis URL, or a redis-server started here (Debian's
// package) with persistence off, or null with how to install one.
import { hasRedisServer, startRedisServer } from '@vppwatch/redis-store/testing';

export const INSTALL_HINT =
  'redis-server is not on PATH: install it (Debian/Ubuntu: apt-get install redis-server) or pass --redis URL';

/**
 * @param {string | undefined} url
 * @returns {Promise<{ url: string, stop: () => Promise<void> } | null>}
 */
export async function redisForRun(url) {
  if (url) return { url, stop: async () => undefined };
  if (!hasRedisServer()) return null;
  const server = await startRedisServer();
  return { url: server.url, stop: () => server.stop() };
}
