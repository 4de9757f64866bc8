import { describe, expect, it } from 'vitest';
import { runCapacity } from './lib/capacity-bench-run.mjs';
import {
  CAPACITY_CASES,
  caseById,
  DROP_SWEEP_CASES,
  DROP_SWEEP_RETURNS_MS,
  dropReturningAt,
  QUICK_CASES,
} from './lib/capacity-cases.mjs';
import { capacityIdealMs } from './lib/capacity-ideal.mjs';
import { recoveryMs } from './lib/capacity-recovery.mjs';
import { capacitySummary, capacityTable, capacityVerdicts } from './lib/capacity-summary.mjs';
import { dropSweepSummary } from './lib/capacity-sweep.mjs';
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

describe("the drop's phase sweep", () => {
  it('shifts only the return: the same 5 s before and the same 11 s of calls after it', () => {
    const row = caseById(CAPACITY_CASES, 'drop');
    expect(dropReturningAt(25_000).requests).toBe(row.requests);
    expect(capacityIdealMs(dropReturningAt(25_000))).toBe(capacityIdealMs(row));
    expect(DROP_SWEEP_CASES.map((c) => c.returnsAtMs)).toEqual(DROP_SWEEP_RETURNS_MS);
    for (const kase of DROP_SWEEP_CASES) {
      expect(kase.sweepOf).toBe('drop');
      expect(kase.id).not.toBe('drop');
      expect(kase.capacity.map((c) => c.perSecond)).toEqual([15, 5, 15]);
      // After the return: as long as the row's own (its ideal ends 10 s after capacity returns), within the
      // half call a shift of 0.7 s at 5/s rounds away.
      const after = capacityIdealMs(kase) - (kase.returnsAtMs ?? 0);
      expect(Math.abs(after - (capacityIdealMs(row) - 25_000))).toBeLessThanOrEqual(100);
    }
  });

  // A run as capacity.mjs reports it; only the fields the verdicts read matter.
  const run = (strategy: string, returnsAtMs: number, wallRatio: number, throttledShare = 0.02) => ({
    case: returnsAtMs === 25_000 ? 'drop' : `drop@${returnsAtMs / 1000}s`,
    sweepOf: returnsAtMs === 25_000 ? null : 'drop',
    returnsAtMs,
    strategy,
    requests: 340,
    concurrency: 20,
    wallMs: 35_000 * wallRatio,
    idealMs: 35_000,
    wallRatio,
    succeeded: 340,
    rejected: 0,
    attempts: 347,
    attemptsPerCall: 1.02,
    served: 340,
    throttled: 7,
    throttledShare,
    insideWindow: 0,
    measuresRecovery: true,
    recoveryMs: 4000 as number | null,
    foreign: null,
    servedPerSecond: null,
    giveUpKinds: {},
  });
  const sweep = (walls: readonly number[], share = 0.02) =>
    [25_000, ...DROP_SWEEP_RETURNS_MS].map((at, i) => run('vppwatch-axios', at, walls[i] ?? 1, share));
  const verdict = (runs: ReturnType<typeof run>[], text: string) =>
    capacityVerdicts({ runs }).find((v) => v.target.includes(text));

  it("judges the drop's wall on the median of its phases, naming the worst", () => {
    const walls = [1.12, 1.05, 1.08, 1.09, 1.13, 1.07]; // the row's own phase (25 s) misses; median 1.085
    const median = verdict(sweep(walls), 'median wall');
    expect(median?.met).toBe(true);
    expect(median?.detail).toContain('median 1.085x, worst 1.130x (return at 25.6 s)');
    // The row's own run is one phase among six: the rows' wall verdict leaves it to the median.
    const row15 = {
      ...run('vppwatch-axios', 25_000, 1.04),
      case: '15/s',
      sweepOf: null,
      measuresRecovery: false,
    };
    const rows = verdict([row15, ...sweep(walls)], 'wall <= 1.1x the ideal for the real capacity');
    expect(rows?.met).toBe(true);
    expect(rows?.target).toContain('the drop: the median of its phases');
    expect(capacitySummary({ runs: [row15, ...sweep(walls)] }).join('\n')).toMatch(
      /drop .* 1\.120 one phase/,
    );
    expect(verdict(sweep([1.12, 1.05, 1.11, 1.12, 1.13, 1.07]), 'median wall')?.met).toBe(false);
    expect(dropSweepSummary(sweep(walls)).join('\n')).toMatch(/25\.0:1\.120 .*1\.085 +1\.130 \(25\.6 s\)/);
  });

  it('judges every other target on each phase', () => {
    const runs = sweep([1.05, 1.05, 1.05, 1.05, 1.05, 1.05]);
    expect(verdict(runs, 'recovery <= 10 s in each')?.met).toBe(true);
    const bad = runs.map((r) =>
      r.returnsAtMs === 23_700 ? { ...r, throttled: 20, throttledShare: 0.06 } : r,
    );
    const missed = verdict(bad, 'recovery <= 10 s in each');
    expect(missed?.met).toBe(false);
    expect(missed?.detail).toContain('drop@23.7s');
  });

  it('judges each adapter on its own median, and says never for a phase that did not recover', () => {
    const got = [25_000, ...DROP_SWEEP_RETURNS_MS].map((at, i) =>
      run('vppwatch-got', at, [1.12, 1.05, 1.11, 1.12, 1.13, 1.07][i] ?? 1),
    );
    const both = [...sweep([1.07, 1.05, 1.08, 1.09, 1.13, 1.07]), ...got];
    const median = verdict(both, 'median wall');
    expect(median?.met).toBe(false); // axios 1.075, got 1.115
    expect(median?.detail).toContain('vppwatch-axios: median 1.075x');
    expect(median?.detail).toContain('vppwatch-got: median 1.115x');
    expect(median?.target).toContain('over 6 return phases');
    const stuck = both.map((r) =>
      r.strategy === 'vppwatch-got' && r.returnsAtMs === 23_000 ? { ...r, recoveryMs: null } : r,
    );
    expect(dropSweepSummary(stuck).join('\n')).toMatch(/got-hook.* never$/m);
    expect(verdict(stuck, 'recovery <= 10 s in each')?.detail).toContain('vppwatch-got/drop@23s');
  });

  it("leaves the rows' wall verdict out when the swept drop was the only case, and marks its phases in the table", () => {
    const runs = sweep([1.07, 1.05, 1.08, 1.09, 1.13, 1.07]);
    expect(verdict(runs, 'wall <= 1.1x the ideal for the real capacity')).toBeUndefined();
    expect(verdict(runs, 'median wall')?.met).toBe(true);
    const table = capacityTable(runs, (id) => id);
    expect(table).toContain('yes, wall: median');
    expect(table).not.toMatch(/ NO$/m); // the 1.13 phase is not marked as a miss on its own
  });

  it('is absent without a sweep', () => {
    const rowOnly = [run('vppwatch-axios', 25_000, 1.07)];
    expect(dropSweepSummary(rowOnly)).toEqual([]);
    expect(verdict(rowOnly, 'return phases')).toBeUndefined();
    // Then the drop's single run is judged on its own.
    const alone = [run('vppwatch-axios', 25_000, 1.12)];
    expect(verdict(alone, 'wall <= 1.1x the ideal for the real capacity')?.met).toBe(false);
    expect(verdict(alone, 'wall <= 1.1x the ideal for the real capacity')?.detail).toContain(
      'vppwatch-axios/drop',
    );
  });
});
