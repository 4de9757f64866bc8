import { describe, expect, it } from 'vitest';
import { startSimulator } from '../server.js';
import { legacy, simulator, v2 } from '../test-support/harness.js';

const T = Date.UTC(2026, 0, 1);

/** `n` GET assets at once; the statuses in order. */
async function burst(
  sim: Awaited<ReturnType<typeof simulator>>,
  token: string,
  n: number,
): Promise<number[]> {
  const results = await Promise.all(Array.from({ length: n }, () => v2(sim, 'assets', { token })));
  return results.map((r) => r.status);
}
const count = (statuses: number[], status: number) => statuses.filter((s) => s === status).length;

describe('capacity below 15', () => {
  it('admits one second of a lower rate at once, refuses the rest with 9646, and announces that rate', async () => {
    let now = T;
    const sim = await simulator({ now: () => now });
    const token = sim.token();
    sim.faults.setForToken(token, { rateLimit: { perSecond: 5 } });
    const first = await burst(sim, token, 8);
    expect([count(first, 200), count(first, 429)]).toEqual([5, 3]);
    now = T + 1000;
    expect(count(await burst(sim, token, 8), 200)).toBe(5);
    expect(sim.capacity(token)).toMatchObject({ perSecond: 5, burst: 5, foreign: null });
  });
});

describe('capacitySchedule', () => {
  it('changes what the token admits at each step, relative to when it is set, while service/config still says 15', async () => {
    let now = T;
    const sim = await simulator({ now: () => now });
    const token = sim.token();
    now = T + 60_000; // the schedule starts when it is set, not when the simulator started
    sim.faults.setForToken(token, {
      capacitySchedule: [
        { atMs: 0, perSecond: 15 },
        { atMs: 5000, perSecond: 5 },
        { atMs: 25_000, perSecond: 15 },
      ],
    });
    const start = now;
    expect(count(await burst(sim, token, 20), 200)).toBe(15);
    now = start + 5000; // capacity drops: the bucket holds at most 5
    expect(count(await burst(sim, token, 20), 200)).toBe(5);
    now = start + 6000;
    expect(count(await burst(sim, token, 20), 200)).toBe(5);
    now = start + 25_000; // 19 s at 5/s refilled the bucket of 5; capacity returns to 15
    expect(count(await burst(sim, token, 20), 200)).toBe(5);
    now = start + 26_000;
    expect(count(await burst(sim, token, 20), 200)).toBe(15);

    const config = await v2(sim, 'service/config');
    expect((config.body.limits as Record<string, unknown>).maxRequestPerSecond).toBe(15);
    const steps = sim.faults.effective(sim.tokenHash(token)).capacitySchedule;
    expect((steps || []).map((s) => s.startsAt - start)).toEqual([0, 5000, 25_000]);

    const seconds = sim.requests.throughput(sim.tokenHash(token), { from: start });
    expect(seconds.map((w) => w.served)).toEqual([15, 0, 0, 0, 0, 5, 5, ...Array(18).fill(0), 5, 15]);
    expect(seconds.reduce((sum, w) => sum + w.throttled, 0)).toBe(5 + 15 + 15 + 15 + 5);
  });

  it('applies to the legacy API too, with the rate limit’s legacy style', async () => {
    const sim = await simulator({ now: () => T });
    const sToken = sim.token();
    sim.faults.setForToken(sToken, {
      rateLimit: { legacy: 'http-503' },
      capacitySchedule: [{ atMs: 0, perSecond: 1 }],
    });
    expect((await legacy(sim, 'getVPPAssetsSrv', { sToken })).body.status).toBe(0);
    const refused = await legacy(sim, 'getVPPAssetsSrv', { sToken });
    expect([refused.status, refused.body.errorNumber, refused.headers.get('retry-after')]).toEqual([
      503,
      9646,
      '1',
    ]);
  });

  it('is lifted with false', async () => {
    const sim = await simulator({ now: () => T });
    const token = sim.token();
    sim.faults.setForToken(token, { capacitySchedule: [{ atMs: 0, perSecond: 1 }] });
    expect(count(await burst(sim, token, 3), 429)).toBe(2);
    sim.faults.setForToken(token, { capacitySchedule: false });
    expect(count(await burst(sim, token, 3), 429)).toBe(0);
    expect(sim.capacity(token)).toBeNull();
  });
});

describe('foreignLoad', () => {
  it('spends the token’s capacity inside the limiter, so our client meets 429s as if another tool shared the token', async () => {
    let now = T;
    const sim = await simulator({ now: () => now });
    const token = sim.token();
    sim.faults.setForToken(token, { rateLimit: { perSecond: 15 }, foreignLoad: { perSecond: 7 } });
    expect(sim.capacity(token)?.foreign).toEqual({ sent: 1, served: 1, refused: 0 }); // its first, at once
    now = T + 1000; // 7 more foreign requests, every 1/7 s; the bucket refills faster than they spend it
    const statuses = await burst(sim, token, 20);
    expect([count(statuses, 200), count(statuses, 429)]).toEqual([14, 6]);
    expect(sim.capacity(token)?.foreign).toEqual({ sent: 8, served: 8, refused: 0 });

    now = T + 2000; // 7 foreign requests share one second's 15 tokens with ours
    const next = await burst(sim, token, 20);
    expect(count(next, 200)).toBe(15 - 7);
    expect(sim.capacity(token)?.foreign).toEqual({ sent: 15, served: 15, refused: 0 });

    const hash = sim.tokenHash(token);
    expect(sim.requests.forToken(hash)).toHaveLength(40); // only our own requests are logged
    expect(sim.requests.throughput(hash).map((w) => [w.served, w.throttled])).toEqual([
      [14, 6],
      [8, 12],
    ]);
  });

  it('refuses foreign requests our client left no token for', async () => {
    let now = T;
    const sim = await simulator({ now: () => now });
    const token = sim.token();
    sim.faults.setForToken(token, { rateLimit: { perSecond: 2, burst: 2 }, foreignLoad: { perSecond: 4 } });
    await burst(sim, token, 1); // the foreign client's first took a token at T; ours took the other
    now = T + 1000; // four more foreign arrivals at 2/s refill: the first two find a token, the rest do not
    expect(sim.capacity(token)?.foreign).toEqual({ sent: 5, served: 3, refused: 2 });
  });
});

describe('validation', () => {
  it.each([
    [{ capacitySchedule: [] }, /faults\.capacitySchedule must be a non-empty array/],
    [
      { capacitySchedule: [{ atMs: 0, perSecond: 0 }] },
      /faults\.capacitySchedule\[0\]\.perSecond must be a finite number above 0, got 0/,
    ],
    [
      {
        capacitySchedule: [
          { atMs: 5000, perSecond: 5 },
          { atMs: 5000, perSecond: 15 },
        ],
      },
      /faults\.capacitySchedule\[1\]\.atMs must be later than the step before it \(5000 ms\), got 5000/,
    ],
    [
      { capacitySchedule: [{ atMs: -1, perSecond: 5 }] },
      /capacitySchedule\[0\]\.atMs must be a finite number of ms/,
    ],
    [
      { capacitySchedule: [{ atMs: 0, perSecond: 5, burst: 0.5 }] },
      /capacitySchedule\[0\]\.burst must be a finite number of at least 1/,
    ],
    [
      { foreignLoad: { perSecond: Number.NaN } },
      /faults\.foreignLoad\.perSecond must be a finite number above 0, got NaN/,
    ],
    [{ foreignLoad: 7 }, /faults\.foreignLoad must be an object/],
    [{ rateLimit: { perSecond: Infinity } }, /faults\.rateLimit\.perSecond must be a finite number above 0/],
    [
      { rateLimit: { retryAfter: 'later' } },
      /faults\.rateLimit\.retryAfter must be 'seconds', 'http-date' or 'none', got "later"/,
    ],
  ])(
    'rejects %o with a RangeError that names the field, and keeps the faults it had',
    async (config, message) => {
      const sim = await simulator({ now: () => T });
      const token = sim.token();
      sim.faults.setForToken(token, { rateLimit: { perSecond: 3 } });
      expect(() => sim.faults.setForToken(token, config as never)).toThrow(RangeError);
      expect(() => sim.faults.set(config as never)).toThrow(message);
      expect(sim.faults.effective(sim.tokenHash(token)).rateLimit).toEqual({ perSecond: 3 });
    },
  );

  it('checks faults passed at start too', async () => {
    await expect(startSimulator({ faults: { foreignLoad: { perSecond: -7 } } })).rejects.toThrow(
      /faults\.foreignLoad\.perSecond must be a finite number above 0, got -7/,
    );
  });
});
