export type { RedisClientLike } from './redis/client-like.js';
export { createRedisStore } from './store/create-redis-store.js';
export type { RedisStoreOptions, StoreLogger } from './store/normalize-store-options.js';
export type { RedisTenantStore } from './store/redis-tenant-store.js';
