import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RedisServer, startRedisServer } from '../testing/redis-server.js';
import { createRedisStore } from './create-redis-store.js';

const rate = { ceiling: 15, burst: 15, firstBurst: 15, controller: { beta: 0.7, scale: 0.4, minRate: 0.5 } };
const quiet = { logger: false } as const;
let redis: RedisServer;
let n = 0;
const tenant = (): string => `t${++n}-${'x'.repeat(40)}`;
/** Lets the store's coalesced report and the gate channel's message travel. */
const settle = async (): Promise<void> => {
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setTimeout(resolve, 5));
};

beforeAll(async () => {
  redis = await startRedisServer();
});

afterAll(async () => {
  await redis?.stop();
});

describe('RedisTenantStore', () => {
  it('shares a gate between two stores: the other learns it from the gate channel without asking', async () => {
    const a = await createRedisStore({ url: redis.url, ...quiet });
    const b = await createRedisStore({ url: redis.url, ...quiet });
    try {
      const t = tenant();
      await b.acquire(t, Date.now(), rate); // b knows the tenant
      expect(a.raiseGate(t, Date.now() + 5_000)).toBe(true);
      await settle();
      expect(b.getGateUntil(t)).toBeGreaterThan(Date.now() + 4_000);
      const turn = await b.acquire(t, Date.now(), rate);
      expect(turn.kind).toBe('gate');
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('adds budget and 9603 deltas atomically across stores', async () => {
    const a = await createRedisStore({ url: redis.url, ...quiet });
    const b = await createRedisStore({ url: redis.url, ...quiet });
    try {
      const t = tenant();
      a.addBudget(t, -3, 10);
      b.addBudget(t, -4, 10);
      a.add9603(t);
      b.add9603(t);
      await settle();
      await a.acquire(t, Date.now(), rate);
      expect(a.getBudget(t)).toBe(3);
      expect(a.getConsecutive9603(t)).toBe(2);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('lowers the shared rate once for one overload, whichever replica reports it', async () => {
    const a = await createRedisStore({ url: redis.url, ...quiet });
    const b = await createRedisStore({ url: redis.url, ...quiet });
    try {
      const t = tenant();
      const sentAt = Date.now() - 20;
      expect(a.throttled(t, sentAt, Date.now(), rate)?.to).toBeCloseTo(10.5, 1);
      await settle();
      await b.acquire(t, Date.now(), rate);
      // b's copy of the same overload (sent before a's decrease) is an echo.
      expect(b.throttled(t, sentAt, Date.now(), rate)).toBeNull();
      expect(b.rateInForce(t, Date.now(), rate)).toBeLessThan(12);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('reuses a client it was given and leaves it open', async () => {
    const client = createClient({ url: redis.url });
    await client.connect();
    const store = await createRedisStore({ client, ...quiet });
    expect(store.shared).toBe(true);
    expect((await store.acquire(tenant(), Date.now(), rate)).kind).toBe('go');
    await store.close();
    await store.close();
    expect(await client.ping()).toBe('PONG');
    await client.close();
  });

  it('falls back to its share of the rate when Redis is gone, and counts each operation', async () => {
    const server = await startRedisServer();
    const store = await createRedisStore({ url: server.url, fallbackShare: 0.2, ...quiet });
    const errors: string[] = [];
    store.onError((report) => errors.push(report.operation));
    try {
      await server.kill('SIGKILL');
      const t = tenant();
      const now = Date.now();
      const turns = [];
      for (let i = 0; i < 4; i++) turns.push(await store.acquire(t, now, rate));
      // 0.2 × 15/s: 3 at once, then a wait.
      expect(turns.map((turn) => turn.kind)).toEqual(['go', 'go', 'go', 'wait']);
      expect(store.shared).toBe(false);
      expect(errors.filter((e) => e === 'acquire')).toHaveLength(4);
    } finally {
      await store.close();
      await server.stop();
    }
  });

  it('falls back while Redis is too slow, and probes its way back to shared mode', async () => {
    const store = await createRedisStore({ url: redis.url, commandTimeoutMs: 100, ...quiet });
    const other = createClient({ url: redis.url });
    await other.connect();
    const errors: string[] = [];
    store.onError((report) => errors.push(report.operation));
    try {
      const t = tenant();
      // Every client's commands wait 600 ms: slower than the store's timeout.
      await other.sendCommand(['CLIENT', 'PAUSE', '600', 'ALL']);
      expect((await store.acquire(t, Date.now(), rate)).kind).toBe('go');
      expect(errors).toEqual(['acquire']);
      expect(store.shared).toBe(false);
      // Redis answers again; after the probe interval the next attempt asks it instead of the fallback.
      await new Promise((resolve) => setTimeout(resolve, 1_100));
      expect(store.tryAcquireNow(t, Date.now(), rate)).toBe(false);
      await store.acquire(t, Date.now(), rate);
      expect(store.shared).toBe(true);
    } finally {
      await other.close();
      await store.close();
    }
  });
});
