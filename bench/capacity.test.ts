import { describe, expect, it } from 'vitest';
import { runCapacity } from './lib/capacity-bench-run.mjs';
import { QUICK_CASES } from './lib/capacity-cases.mjs';
import { capacityIdealMs } from './lib/capacity-ideal.mjs';
import { recoveryMs } from './lib/capacity-recovery.mjs';
import { strategyById } from './lib/strategies.mjs';
import { judgeCapacityRun } from './lib/targets.mjs';

// `node bench/capacity.mjs --quick` in a test: every capacity case once, through the axios adapter, with the simulator
// in this process. The assertions are counts from the simulator's log, which hold whatever the engine's rate control
// does; the targets themselves (ratios, times) belong to `pnpm bench`.
describe.concurrent('capacity bench, quick', () => {
  for (const kase of QUICK_CASES) {
    it(`${kase.label}: every call accounted for, and the server's counts add up`, async ({ expect }) => {
      const run = await runCapacity({
        kase,
        strategy: strategyById('vppwatch-axios'),
        simulator: 'in-process',
      });

      expect(run.succeeded + run.rejected).toBe(kase.requests);
      expect(run.attempts).toBe(run.served + run.throttled);
      expect(run.served).toBe(run.succeeded); // one served attempt per successful call, none for a rejected one
      expect(run.attempts).toBeGreaterThanOrEqual(kase.requests);
      expect(run.throttledShare).toBeCloseTo(run.throttled / run.attempts, 3);
      expect(run.idealMs).toBe(capacityIdealMs(kase));
      expect(run.measuresRecovery).toBe(kase.returnsAtMs !== null);
      if (kase.foreignPerSecond > 0) {
        expect(run.foreign?.sent).toBeGreaterThan(0);
        expect((run.foreign?.served ?? 0) + (run.foreign?.refused ?? 0)).toBe(run.foreign?.sent);
      } else expect(run.foreign).toBeNull();
      if (kase.returnsAtMs !== null) {
        const perSecond = run.servedPerSecond ?? [];
        expect(perSecond.reduce((a, b) => a + b, 0)).toBe(run.served);
        // The seconds at 5/s (1 s to 3 s): at most the bucket of 5 and 5 per second, whatever the client sends.
        expect((perSecond[1] ?? 0) + (perSecond[2] ?? 0)).toBeLessThanOrEqual(15);
      } else expect(run.servedPerSecond).toBeNull();
    });
  }

  it('catches a client that spends more than the organization admits (axios-retry defaults at 5/s)', async ({
    expect,
  }) => {
    const kase = QUICK_CASES.find((c) => c.id === '5/s');
    if (kase === undefined) throw new Error('no 5/s case');
    const run = await runCapacity({ kase, strategy: strategyById('axios-retry'), simulator: 'in-process' });

    expect(run.throttled).toBeGreaterThan(0); // 10 workers at once against a bucket of 5
    expect(run.attemptsPerCall).toBeGreaterThan(1.1);
    expect(judgeCapacityRun(run).throttled).toBe(false);
    expect(judgeCapacityRun(run).all).toBe(false);
  });
});

describe('capacity yardsticks', () => {
  it('ideal: the throttle bench’s (N - 15) / 15 at 15/s, a fifth of the rate at 5/s, and the foreign client’s share taken', () => {
    const at = (perSecond: number) => [{ fromMs: 0, perSecond }];
    expect(capacityIdealMs({ requests: 300, capacity: at(15), foreignPerSecond: 0 })).toBe(19_000);
    expect(capacityIdealMs({ requests: 100, capacity: at(5), foreignPerSecond: 0 })).toBe(19_000);
    // Ours by T: 15 + 15 T refilled, less the foreign client's floor(7 T) + 1; 30 first at T = 1.934 s.
    expect(capacityIdealMs({ requests: 30, capacity: at(15), foreignPerSecond: 7 })).toBe(1934);
    const drop = [
      { fromMs: 0, perSecond: 15 },
      { fromMs: 5000, perSecond: 5 },
      { fromMs: 25_000, perSecond: 15 },
    ];
    expect(capacityIdealMs({ requests: 190, capacity: drop, foreignPerSecond: 0 })).toBe(25_000);
    expect(capacityIdealMs({ requests: 340, capacity: drop, foreignPerSecond: 0 })).toBe(35_000);
  });

  it('recovery: the first 1 s window with >= 0.9 x 15 served after capacity returns, ignoring 429s and earlier requests', () => {
    const served = (at: number) => ({ at, fault: null });
    const refused = (at: number) => ({ at, fault: 'rate-limit' });
    const back = 10_000;
    const records = [
      ...Array.from({ length: 20 }, (_, i) => served(back - 900 + i * 10)), // before the return: not counted
      ...Array.from({ length: 30 }, (_, i) => refused(back + i * 10)), // 429s: not counted
      ...Array.from({ length: 13 }, (_, i) => served(back + 1000 + i * 70)), // 13 in a second: not enough
      ...Array.from({ length: 14 }, (_, i) => served(back + 4000 + i * 70)),
    ];
    expect(recoveryMs(records, back, { perSecond: 15, share: 0.9 })).toBe(4000);
    expect(recoveryMs(records.slice(0, -1), back, { perSecond: 15, share: 0.9 })).toBeNull();
  });
});
