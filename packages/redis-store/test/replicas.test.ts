// Replicas in separate processes against one simulator (its own process) and one real redis-server. The workers
// run the built packages, as an application would; the simulator's request log is the truth.
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runReplicas } from '../../../bench/lib/replica-run.mjs';
import { type RedisServer, startRedisServer } from '../src/testing/redis-server.js';

let redis: RedisServer;

beforeAll(async () => {
  redis = await startRedisServer();
});

afterAll(async () => {
  await redis?.stop();
});

/** Every key in Redis with its TTL in ms. */
async function keysWithTtl(url: string): Promise<Map<string, number>> {
  const client = createClient({ url });
  await client.connect();
  try {
    const keys = new Map<string, number>();
    for await (const batch of client.scanIterator({ COUNT: 100 })) {
      for (const key of batch) keys.set(key, await client.pTTL(key));
    }
    return keys;
  } finally {
    await client.close();
  }
}

describe('replicas share one token through Redis', () => {
  it('two engines in two processes obey one Retry-After', async () => {
    // The organization admits 2/s while each engine sends at 15/s with the closed loop off: only the shared gate
    // keeps a replica out of a window another replica was told about. (That a gate raised by one store reaches
    // another before its next turn, without asking Redis, is shown in src/store/redis-tenant-store.test.ts.)
    // An arrival counts when it came more than 50 ms after the answer that announced the window, plus the longest
    // event-loop stall any replica had (it cannot act on an announcement before its loop gets to it; on two
    // shared cores stalls of 100 ms happen).
    const spec = {
      workers: 2,
      calls: 24,
      concurrency: 3,
      perSecond: 2,
      burst: 2,
      graceMs: 50,
      engineOptions: { rateLimit: { requestsPerSecond: 15, adaptive: false } },
    };
    const shared = await runReplicas({ ...spec, redisUrl: redis.url });
    expect(shared.throttled).toBeGreaterThan(0);
    expect(shared.insideWindowLagGrace).toBe(0);
  }, 90_000);

  it('shares the allowance exactly: a burst of 100 from 4 processes, never more than 15 booked in any second', async () => {
    // Every booking, as Redis made it: the acquire script writes the tenant's slot log, newest last, and MONITOR
    // sees each write. Counting Redis's own bookings keeps the host's scheduling noise (2 shared cores) out of it.
    const bookings: number[] = [];
    const monitor = createClient({ url: redis.url });
    await monitor.connect();
    await monitor.monitor((line: string) => {
      const match = /"HSET" "[^"]+" "tat" "[^"]+" "ring" "([^"]+)"/.exec(line);
      const newest = match?.[1]?.split(',').pop();
      if (newest !== undefined) bookings.push(Number(newest));
    });
    // No limit at the simulator: what arrives there is exactly what the replicas sent.
    const run = await runReplicas({
      workers: 4,
      calls: 100,
      concurrency: 25,
      perSecond: 1000,
      burst: 1000,
      redisUrl: redis.url,
      engineOptions: { rateLimit: { requestsPerSecond: 15 } },
    });
    await monitor.close();
    expect(run.rejected).toBe(0);
    expect(run.attempts).toBe(100);
    expect(bookings).toHaveLength(100);
    expect(maxInAnySecond(bookings)).toBe(15);
  });

  it('keeps only the tenant hash in its keys, every key with a TTL', async () => {
    await runReplicas({ workers: 2, calls: 20, perSecond: 15, redisUrl: redis.url });
    const keys = await keysWithTtl(redis.url);
    expect(keys.size).toBeGreaterThan(0);
    for (const [key, ttl] of keys) {
      expect(key).toMatch(/^vppwatch:\{[A-Za-z0-9_-]{43}\}(:replicas)?$/);
      expect(ttl).toBeGreaterThan(0);
    }
  });
});

describe('Redis killed and restarted mid-run', () => {
  it('fails no call, counts the fallback, and resumes shared mode by itself', async () => {
    let done = 0;
    const logs: string[] = [];
    let killed = false;
    let restarted = false;
    const run = await runReplicas({
      workers: 2,
      calls: 120,
      concurrency: 4,
      perSecond: 15,
      redisUrl: redis.url,
      progress: true,
      onEvent: (event) => {
        if (event.type === 'log') logs.push(event.message ?? '');
        if (event.type !== 'progress') return;
        done += 1;
        if (done === 30 && !killed) {
          killed = true;
          void redis.kill('SIGKILL');
        }
        if (done === 60 && !restarted) {
          restarted = true;
          void redis.restart();
        }
      },
    });
    expect(killed && restarted).toBe(true);
    expect(run.rejected).toBe(0);
    expect(run.storeErrors).toBeGreaterThan(0);
    expect(run.sharedAtEnd).toEqual([true, true]);
    // Each replica warned of the outage and said when it ended (once per outage: a busy host may add a slow-Redis
    // episode after the restart, so at least once each).
    expect(logs.filter((l) => l.includes('Redis is unavailable')).length).toBeGreaterThanOrEqual(2);
    expect(logs.filter((l) => l.includes('shared mode resumed')).length).toBeGreaterThanOrEqual(2);
  });
});

/** The most arrivals in any window of 1000 ms. */
function maxInAnySecond(arrivals: readonly number[]): number {
  const sorted = [...arrivals].sort((a, b) => a - b);
  let most = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end++) {
    while ((sorted[end] as number) - (sorted[start] as number) >= 1000) start += 1;
    most = Math.max(most, end - start + 1);
  }
  return most;
}
