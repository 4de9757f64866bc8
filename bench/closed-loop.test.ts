import { describe, it } from 'vitest';
import { runCapacity } from './lib/capacity-bench-run.mjs';
import { admits, drop, foreign } from './lib/capacity-cases.mjs';
import { strategyById } from './lib/strategies.mjs';

// Issue 12's capacity cases, short, end to end through both adapters with engine defaults: counts only. The
// simulator runs in its own process and spends the foreign client's share itself, so what it counts does not
// depend on how busy this test's event loop is (an earlier version ran eight in-process runs side by side and a
// client-side foreign timer, and its counts moved with the machine's load). Measured through axios, two runs each
// (2026-12-03, first-contact burst 5): 10/s 1.017 attempts per call, 5/s 1.075, foreign 1.05, drop 1.02; without
// the closed loop (`rateLimit: { adaptive: false }`) 1.033, 1.275, 1.05 and 1.07. The bounds are the product's
// target (1.10), and 1.15 at 5/s, where 40 calls weigh the first discovery heavily: the 5/s bound is the one a loop
// that stops learning fails; the others are too short for the loop to matter and guard the start and the gate.
const cases = [
  { kase: admits(10, 60, 10), maxPerCall: 1.1 },
  { kase: admits(5, 40, 10), maxPerCall: 1.15 },
  { kase: foreign(60, 10), maxPerCall: 1.1 },
  { kase: drop(1000, 4000, 100, 10), maxPerCall: 1.1 },
];

for (const adapter of ['vppwatch-axios', 'vppwatch-got'] as const) {
  describe(`the closed loop through ${adapter}, engine defaults`, () => {
    for (const { kase, maxPerCall } of cases) {
      it(`${kase.label}: every call succeeds, at most ${maxPerCall} attempts per call, nothing inside a window`, async ({
        expect,
      }) => {
        const run = await runCapacity({
          kase,
          strategy: strategyById(adapter),
          simulator: 'child',
          graceMs: 50,
        });
        expect(run.rejected).toBe(0);
        expect(run.attempts).toBe(run.served + run.throttled);
        expect(run.attemptsPerCall).toBeLessThanOrEqual(maxPerCall);
        // With 50 ms of grace: a request sent just before a 429 left may arrive just after it.
        expect(run.insideWindow).toBe(0);
      }, 60_000);
    }
  });
}
