export type { RedisServer, RedisServerOptions } from './redis-server.js';
export { freePort, hasRedisServer, startRedisServer } from './redis-server.js';
