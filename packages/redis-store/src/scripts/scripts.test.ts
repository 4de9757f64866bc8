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
const rate = { ceiling: 15, burst: 15, firstBurst: 15, controller: { beta: 0.7, scale: 0.4, minRate: 0.5 } };

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
    for (let i = 0; i < 16; i++) verdicts.push(await state.turn(t, rate, null));
    expect(verdicts.slice(0, 15).map((v) => v.verdict)).toEqual(Array(15).fill('go'));
    const last = verdicts[15];
    expect(last?.verdict).toBe('wait');
    // 15 × (1000/15) ms + 25 ms margin after the first booking, less the time the 15 bookings took.
    expect(last?.waitMs).toBeGreaterThan(900);
    expect(last?.waitMs).toBeLessThanOrEqual(1025);
  });

  it("sends the first-contact burst in the tenant's first second, then the rest at twice the pace", async () => {
    const t = tenant();
    const first = { ...rate, firstBurst: 5 };
    const verdicts = [];
    for (let i = 0; i < 7; i++) verdicts.push(await state.turn(t, first, null));
    expect(verdicts.slice(0, 5).map((v) => v.verdict)).toEqual(Array(5).fill('go'));
    expect(verdicts[5]?.verdict).toBe('wait');
    // The 6th half an interval (1000/30 ms) after the 5th, the 7th half one more: spaced at twice the pace.
    expect(verdicts[5]?.waitMs).toBeLessThanOrEqual(1000 / 30);
    expect(verdicts[6]!.waitMs - verdicts[5]!.waitMs).toBeGreaterThan(25);
    expect(verdicts[6]!.waitMs - verdicts[5]!.waitMs).toBeLessThan(40);
    const fields = (await connection.command(['HGETALL', state.key(t)])) as Record<string, string>;
    expect(Number(fields.since)).toBeGreaterThan(0);
  });

  it('books nothing while the gate is closed', async () => {
    const t = tenant();
    await state.report(t, rate, { gateMs: 5_000 });
    const gated = await state.turn(t, rate, null);
    expect(gated.verdict).toBe('gated');
    expect(gated.gateMs).toBeGreaterThan(4_000);
    const fields = (await connection.command(['HGETALL', state.key(t)])) as Record<string, string>;
    expect(fields.ring).toBeUndefined();
  });

  it('paces evenly with burst 1', async () => {
    const t = tenant();
    const first = await state.turn(t, { ...rate, burst: 1 }, null);
    const second = await state.turn(t, { ...rate, burst: 1 }, null);
    expect(first.verdict).toBe('go');
    expect(second.verdict).toBe('wait');
    expect(second.waitMs).toBeGreaterThan(50);
  });

  it('a released booking leaves the window and the pacing: the next turn is not held back by it', async () => {
    const t = tenant();
    const paced = { ...rate, burst: 1 };
    const turns = [];
    for (let i = 0; i < 15; i++) turns.push(await state.turn(t, paced, null));
    expect(turns[14]!.waitMs).toBeGreaterThan(800); // 14 intervals of 1000/15 ms
    const late = new Map(turns.slice(1).map((turn) => [turn.booked!, -Number(turn.booked)]));
    await state.report(t, paced, { late });
    const next = await state.turn(t, paced, null);
    expect(next.waitMs).toBeLessThanOrEqual(1000 / 15); // one interval after the only booking kept
  });

  it('counts the replicas that sent a heartbeat', async () => {
    const t = tenant();
    await state.turn(t, rate, 'a');
    await state.turn(t, rate, 'b');
    const third = await state.turn(t, rate, 'a');
    expect(third.replicas).toBe(2);
    expect((await state.turn(t, rate, null)).replicas).toBeNull();
  });
});

describe('report script', () => {
  it('raises the gate only to a later time', async () => {
    const t = tenant();
    const raised = await state.report(t, rate, { gateMs: 3_000 });
    const lower = await state.report(t, rate, { gateMs: 1_000 });
    expect(raised.gateMs).toBeGreaterThan(2_900);
    expect(lower.gateMs).toBeGreaterThan(2_000);
  });

  it('keeps the budget within [0, capacity], starting from capacity', async () => {
    const t = tenant();
    expect((await state.turn(t, rate, null)).budget).toBeNull();
    expect((await state.report(t, rate, { budgetDelta: -5, budgetCapacity: 8 })).budget).toBe(3);
    expect((await state.report(t, rate, { budgetDelta: -5, budgetCapacity: 8 })).budget).toBe(0);
    expect((await state.report(t, rate, { budgetDelta: 20, budgetCapacity: 8 })).budget).toBe(8);
  });

  it('counts and resets the 9603 streak', async () => {
    const t = tenant();
    await state.report(t, rate, { streak: 1 });
    expect((await state.report(t, rate, { streak: 1 })).consecutive9603).toBe(2);
    expect((await state.report(t, rate, { streak: 'reset' })).consecutive9603).toBe(0);
  });

  it('sends the script again in full after the server forgot it', async () => {
    const t = tenant();
    await state.turn(t, rate, null);
    await connection.command(['SCRIPT', 'FLUSH']);
    expect((await state.turn(t, rate, null)).verdict).toBe('go');
  });
});

describe('closed-loop rate', () => {
  it('lowers the shared rate once per throttle, ignores echoes, and paces evenly below the ceiling', async () => {
    const t = tenant();
    const first = await state.report(t, rate, { throttledSentAgoMs: 50 });
    expect(first.loweredFrom).toBe(15);
    expect(first.rate?.lastMaxRate).toBe(15);
    // Sent before that decrease: an echo of the same overload, not a new throttle.
    const echo = await state.report(t, rate, { throttledSentAgoMs: 5_000 });
    expect(echo.loweredFrom).toBeNull();
    // At 0.7 × 15 = 10.5/s, one request every 95 ms (burst 1 while below the ceiling).
    const go = await state.turn(t, rate, null);
    const next = await state.turn(t, rate, null);
    expect(go.verdict).toBe('go');
    expect(next.verdict).toBe('wait');
    expect(next.waitMs).toBeGreaterThan(80);
    expect(next.waitMs).toBeLessThanOrEqual(1000 / 10.5 + 1);
  });

  it('converges fast: a throttle below the last maximum aims lower, and the cubic starts when the gate opens', async () => {
    const t = tenant();
    await state.report(t, rate, { throttledSentAgoMs: 0 });
    await new Promise((resolve) => setTimeout(resolve, 5));
    const second = await state.report(t, rate, { gateMs: 2_000, throttledSentAgoMs: 0 });
    const from = second.loweredFrom ?? 0;
    expect(from).toBeLessThan(15);
    expect(second.rate?.lastMaxRate).toBeCloseTo((from * 1.7) / 2, 2);
    // The record's clock is the gate's end: 2 s from now.
    expect(second.rate?.msSinceThrottle).toBeLessThan(-1_900);
  });

  it("a throttle ending the tenant's first second restarts at what that second admitted (core's firstContactRate)", async () => {
    const t = tenant();
    const first = { ...rate, firstBurst: 5 };
    const startedAt = Date.now();
    for (let i = 0; i < 5; i++) expect((await state.turn(t, first, null)).verdict).toBe('go');
    // The refused attempt left 50 ms after the first booking (durations only: Redis keeps its own clock), between
    // the first and second paced slots (1000 / 30 ms apart) give or take round trips: the five of the burst and
    // one paced one had left, within a second and a bit.
    await new Promise((resolve) => setTimeout(resolve, 60));
    const sentAgo = Date.now() - startedAt - 50;
    const reply = await state.report(t, first, { gateMs: 1_000, throttledSentAgoMs: sentAgo });
    expect(reply.loweredFrom).toBe(15);
    expect(reply.rate?.lastMaxRate).toBeGreaterThan(6 / 1.1 / 0.7);
    expect(reply.rate?.lastMaxRate).toBeLessThanOrEqual(7 / 0.7);
    // Refused within the burst itself: nothing is known of a second, the usual decrease applies.
    const early = tenant();
    const earlyAt = Date.now();
    await state.turn(early, first, null);
    // Sent about 8 ms after the first booking, with the burst (before the first paced slot at 33 ms).
    const withBurst = { throttledSentAgoMs: Math.max(0, Date.now() - earlyAt - 8) };
    expect((await state.report(early, first, withBurst)).rate?.lastMaxRate).toBe(15);
    // Without a first-contact burst the usual decrease applies: the plateau is the rate in force, 15.
    const plain = tenant();
    await state.turn(plain, rate, null);
    expect((await state.report(plain, rate, { throttledSentAgoMs: 0 })).rate?.lastMaxRate).toBe(15);
  });

  it("a throttle just past the plateau aims lower (core's PLATEAU_TOLERANCE); well past it, it does not", async () => {
    const k = Math.cbrt((8 * (1 - 0.7)) / 0.4);
    const [seconds, micros] = (await connection.command(['TIME'])) as [string, string];
    const redisNow = Number(seconds) * 1000 + Number(micros) / 1000;
    const near = tenant();
    const far = tenant();
    // lmr 8; the last throttle K + 0.3 s ago (the cubic at 8.13: PROBE_GROWTH 12 × 0.4 × 0.3³, leaving 0.25 s of
    // round trips before it passes 8.8) or K + 2 s ago (15).
    await connection.command([
      'HSET',
      state.key(near),
      'lmr',
      '8',
      'lta',
      String(redisNow - (k + 0.3) * 1000),
    ]);
    await connection.command(['HSET', state.key(far), 'lmr', '8', 'lta', String(redisNow - (k + 2) * 1000)]);
    const justPast = await state.report(near, rate, { throttledSentAgoMs: 0 });
    expect(justPast.loweredFrom).toBeGreaterThan(8);
    expect(justPast.loweredFrom).toBeLessThan(8.8);
    expect(justPast.rate?.lastMaxRate).toBeCloseTo(((justPast.loweredFrom ?? 0) * 1.7) / 2, 2);
    const wellPast = await state.report(far, rate, { throttledSentAgoMs: 0 });
    expect(wellPast.loweredFrom).toBeGreaterThan(8.8);
    expect(wellPast.rate?.lastMaxRate).toBeCloseTo(wellPast.loweredFrom ?? 0, 2);
  });

  it('keeps no rate record when the loop is off', async () => {
    const t = tenant();
    const reply = await state.report(t, { ...rate, controller: null }, { throttledSentAgoMs: 10 });
    expect(reply.loweredFrom).toBeNull();
    expect(reply.rate).toBeNull();
  });

  it('checks only the gate without a rate limit', async () => {
    const t = tenant();
    for (let i = 0; i < 30; i++) expect((await state.turn(t, null, null)).verdict).toBe('go');
  });
});

describe('keys', () => {
  it('hold only the hash-tagged tenant, and every one has a TTL', async () => {
    const t = tenant();
    await state.turn(t, rate, 'replica-1');
    await state.report(t, rate, { gateMs: 120_000, budgetDelta: -1, budgetCapacity: 10, streak: 1 });
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
