import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RedisConnection } from '../redis/redis-connection.js';
import { SharedState } from '../redis/shared-state.js';
import { openConnection } from '../test-support/open-connection.js';
import { type RedisServer, startRedisServer } from '../testing/redis-server.js';

let server: RedisServer;
let connection: RedisConnection;
let state: SharedState;
let n = 0;
const tenant = (): string => `tenant-${++n}`;
const turn = { requestsPerSecond: 15, burst: 15, heartbeat: null };

beforeAll(async () => {
  server = await startRedisServer();
  connection = await openConnection(server.url);
  state = new SharedState(connection, { prefix: 'vppwatch:', ttlMs: 60_000, windowMarginMs: 25 });
});

afterAll(async () => {
  await connection?.close();
  await server?.stop();
});

describe('acquire script', () => {
  it('books the whole allowance at once, then makes the next wait for the window', async () => {
    const t = tenant();
    const verdicts = [];
    for (let i = 0; i < 16; i++) verdicts.push(await state.turn(t, turn));
    expect(verdicts.slice(0, 15).map((v) => v.verdict)).toEqual(Array(15).fill('go'));
    const last = verdicts[15];
    expect(last?.verdict).toBe('wait');
    // 15 × (1000/15) ms + 25 ms margin after the first booking, less the time the 15 bookings took.
    expect(last?.waitMs).toBeGreaterThan(900);
    expect(last?.waitMs).toBeLessThanOrEqual(1025);
  });

  it('books nothing while the gate is closed', async () => {
    const t = tenant();
    await state.report(t, { gateMs: 5_000 });
    const gated = await state.turn(t, turn);
    expect(gated.verdict).toBe('gated');
    expect(gated.gateMs).toBeGreaterThan(4_000);
    const fields = (await connection.command(['HGETALL', state.key(t)])) as Record<string, string>;
    expect(fields.ring).toBeUndefined();
  });

  it('paces evenly with burst 1', async () => {
    const t = tenant();
    const first = await state.turn(t, { ...turn, burst: 1 });
    const second = await state.turn(t, { ...turn, burst: 1 });
    expect(first.verdict).toBe('go');
    expect(second.verdict).toBe('wait');
    expect(second.waitMs).toBeGreaterThan(50);
  });

  it('counts the replicas that sent a heartbeat', async () => {
    const t = tenant();
    await state.turn(t, { ...turn, heartbeat: 'a' });
    await state.turn(t, { ...turn, heartbeat: 'b' });
    const third = await state.turn(t, { ...turn, heartbeat: 'a' });
    expect(third.replicas).toBe(2);
    expect((await state.turn(t, turn)).replicas).toBeNull();
  });
});

describe('report script', () => {
  it('raises the gate only to a later time', async () => {
    const t = tenant();
    const raised = await state.report(t, { gateMs: 3_000 });
    const lower = await state.report(t, { gateMs: 1_000 });
    expect(raised.gateMs).toBeGreaterThan(2_900);
    expect(lower.gateMs).toBeGreaterThan(2_000);
  });

  it('keeps the budget within [0, capacity], starting from capacity', async () => {
    const t = tenant();
    expect((await state.turn(t, turn)).budget).toBeNull();
    expect((await state.report(t, { budgetDelta: -5, budgetCapacity: 8 })).budget).toBe(3);
    expect((await state.report(t, { budgetDelta: -5, budgetCapacity: 8 })).budget).toBe(0);
    expect((await state.report(t, { budgetDelta: 20, budgetCapacity: 8 })).budget).toBe(8);
  });

  it('counts and resets the 9603 streak', async () => {
    const t = tenant();
    await state.report(t, { streak: 'inc' });
    expect((await state.report(t, { streak: 'inc' })).consecutive9603).toBe(2);
    expect((await state.report(t, { streak: 'reset' })).consecutive9603).toBe(0);
  });

  it('sends the script again in full after the server forgot it', async () => {
    const t = tenant();
    await state.turn(t, turn);
    await connection.command(['SCRIPT', 'FLUSH']);
    expect((await state.turn(t, turn)).verdict).toBe('go');
  });
});

describe('keys', () => {
  it('hold only the hash-tagged tenant, and every one has a TTL', async () => {
    const t = tenant();
    await state.turn(t, { ...turn, heartbeat: 'replica-1' });
    await state.report(t, { gateMs: 120_000, budgetDelta: -1, budgetCapacity: 10, streak: 'inc' });
    const keys = (await connection.command(['KEYS', '*'])) as string[];
    expect(keys).toContain(`vppwatch:{${t}}`);
    expect(keys).toContain(`vppwatch:{${t}}:replicas`);
    for (const key of keys) {
      expect(key).toMatch(/^vppwatch:\{[^{}]+\}(:replicas)?$/);
      expect(Number(await connection.command(['PTTL', key]))).toBeGreaterThan(0);
    }
    // A gate longer than the idle TTL keeps its key until it has passed.
    expect(Number(await connection.command(['PTTL', `vppwatch:{${t}}`]))).toBeGreaterThan(120_000);
  });
});
