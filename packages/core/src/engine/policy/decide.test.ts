import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RETRY_CLASSES } from '../../catalog/retry-class.js';
import { decodeResponse } from '../../decode/decode-response.js';
import { normalizeOptions } from '../normalize-options.js';
import { failureOf } from '../test-support/decoded.js';
import { retryAfterJitterMax } from './compute-delay.js';
import { type DecisionState, decide, type FailureInput } from './decide.js';

/** The rate limit off: budget costs as without the engine's pacing. */
const policy = normalizeOptions({ rateLimit: false });
const NOW = 1_700_000_000_000;
const state = (over: Partial<DecisionState> = {}): DecisionState => ({
  attempt: 1,
  method: 'GET',
  idempotent: false,
  retryEnabled: true,
  aborted: false,
  deadlineAt: null,
  consecutive9603: 0,
  gateUntil: 0,
  budgetTokens: 500,
  now: NOW,
  ...over,
});
const response = (
  code: number | null,
  cls: (typeof RETRY_CLASSES)[number],
  status: number | null,
  ra: number | null = null,
) =>
  ({ kind: 'response', decoded: failureOf(code, cls, status, ra), retryClass: cls }) satisfies FailureInput;
const half = () => 0.5;

describe('decide', () => {
  // 004_c44bd972831b499b.txt: "We recommend the user wait at least an hour before retrying."
  it('riCloud code-rate-limited: never resent, retryAt at least an hour ahead', () => {
    const decoded = decodeResponse({
      status: 429,
      headers: { 'retry-after': '30' },
      body: { error: 'code-rate-limited', message: 'rate limited' },
    });
    const input = { kind: 'response', decoded, retryClass: 'state' } as const;
    const d = decide(input, state({ method: 'POST' }), policy, half);
    expect(d).toMatchObject({ retry: false, reason: 'not_retryable', retryAt: NOW + 3_600_000 });
    // Even with the class overridden to a retryable one, no resend comes sooner than the hour.
    const forced = decide({ ...input, retryClass: 'retry_later' }, state({ idempotent: true }), policy, half);
    expect(forced).toMatchObject({ retry: false, reason: 'retry_after_too_long', retryAt: NOW + 3_600_000 });
    const patient = normalizeOptions({ metrics: false, tracing: false, maxRetryAfterMs: 7_200_000 });
    const later = decide({ ...input, retryClass: 'retry_later' }, state({ idempotent: true }), patient, half);
    expect(later.retry && later.delayMs).toBeGreaterThanOrEqual(3_600_000);
  });

  it("takes the server's Retry-After over the class's own schedule (9644 with Retry-After 5 s)", () => {
    const d = decide(response(9644, 'retry_later', 503, 5_000), state(), policy, half);
    expect(d.retry && d.delaySource).toBe('retry_after');
    if (!d.retry) throw new Error('expected a retry');
    expect(d.delayMs).toBeGreaterThanOrEqual(5_000);
    expect(d.delayMs).toBeLessThanOrEqual(5_000 + retryAfterJitterMax(5_000));
    // Without a Retry-After, maintenance is retried on a minutes scale.
    const own = decide(response(9644, 'retry_later', 200), state(), policy, half);
    expect(own.retry && own.delayMs).toBeGreaterThan(10_000);
  });

  it('retries the three retryable classes and nothing else', () => {
    for (const cls of RETRY_CLASSES) {
      const d = decide(response(9603, cls, 500), state(), policy, half);
      expect(d.retry, cls).toBe(cls === 'transient' || cls === 'throttled' || cls === 'retry_later');
    }
  });

  it('uses full jitter below base·2^n for transient failures', () => {
    const d = decide(response(9603, 'transient', 500), state({ attempt: 3 }), policy, () => 0.999);
    expect(d.retry && d.delayMs).toBeLessThan(400);
    expect(d.retry && d.delaySource).toBe('backoff');
  });

  it('moves a 9603 storm (more than five in a row) to minutes', () => {
    const calm = decide(response(9603, 'transient', 500), state({ consecutive9603: 5 }), policy, half);
    const storm = decide(response(9603, 'transient', 500), state({ consecutive9603: 6 }), policy, half);
    expect(calm.retry && calm.delayMs).toBeLessThan(1000);
    expect(storm.retry && storm.delayMs).toBeGreaterThanOrEqual(60_000);
  });

  it('waits out a Retry-After within the deadline; gives up at once beyond maxRetryAfterMs, carrying retryAt', () => {
    const apples = decide(response(9646, 'throttled', 429, 120_000), state(), policy, half);
    expect(apples).toMatchObject({ retry: true, delaySource: 'retry_after', retryAt: NOW + 120_000 });
    const d = decide(response(9729, 'transient', 503, 1_200_000), state(), policy, half);
    expect(d).toMatchObject({ retry: false, reason: 'retry_after_too_long', retryAt: NOW + 1_200_000 });
  });

  it('gives up with deadline when the wait would pass it', () => {
    const d = decide(
      response(null, 'throttled', 429, 10_000),
      state({ deadlineAt: NOW + 5_000 }),
      policy,
      half,
    );
    expect(d).toMatchObject({ retry: false, reason: 'deadline', retryAt: NOW + 10_000 });
  });

  it('resends POST only when the server provably did not process it', () => {
    const post = state({ method: 'POST' });
    expect(decide(response(9646, 'throttled', 429), post, policy, half).retry).toBe(true);
    expect(decide(response(9603, 'transient', 500), post, policy, half).retry).toBe(true);
    expect(decide(response(null, 'transient', 503, 1000), post, policy, half).retry).toBe(true);
    expect(decide(response(null, 'transient', 502), post, policy, half)).toMatchObject({
      reason: 'unsafe_method',
    });
    expect(decide({ kind: 'network', notSent: false }, post, policy, half)).toMatchObject({
      reason: 'unsafe_method',
    });
    expect(decide({ kind: 'network', notSent: true }, post, policy, half).retry).toBe(true);
    expect(
      decide({ kind: 'network', notSent: false }, state({ method: 'POST', idempotent: true }), policy, half)
        .retry,
    ).toBe(true);
  });

  it('stops at maxAttempts, on a drained budget, on abort, and when retries are off', () => {
    const f = response(9603, 'transient', 500);
    expect(decide(f, state({ attempt: 4 }), policy, half)).toMatchObject({ reason: 'attempts' });
    expect(decide(f, state({ budgetTokens: 13 }), policy, half)).toMatchObject({ reason: 'budget' });
    expect(decide(response(9646, 'throttled', 429), state({ budgetTokens: 5 }), policy, half).retry).toBe(
      true,
    );
    expect(decide(f, state({ aborted: true }), policy, half)).toMatchObject({ reason: 'aborted' });
    expect(decide(f, state({ retryEnabled: false }), policy, half)).toMatchObject({
      reason: 'not_retryable',
    });
  });

  it('charges a throttle only once per announcement: echoes of a known gate are free', () => {
    const fresh = decide(response(9646, 'throttled', 429, 2000), state(), policy, half);
    const echo = decide(
      response(9646, 'throttled', 429, 2000),
      state({ gateUntil: NOW + 2000 }),
      policy,
      half,
    );
    expect(fresh.retry && fresh.cost).toBe(5);
    expect(echo.retry && echo.cost).toBe(0);
    expect(decide(response(9603, 'transient', 500), state(), policy, half)).toMatchObject({ cost: 14 });
  });

  it('with the rate limit on, throttled and maintenance retries cost no budget (they wait their turn anyway)', () => {
    const limited = normalizeOptions({});
    for (const cls of ['throttled', 'retry_later'] as const) {
      const d = decide(response(9646, cls, 429, 2000), state({ budgetTokens: 0 }), limited, half);
      expect(d).toMatchObject({ retry: true, cost: 0 });
    }
    expect(decide(response(9603, 'transient', 500), state(), limited, half)).toMatchObject({ cost: 14 });
  });

  it('waits for a later tenant gate instead of its own shorter delay', () => {
    const d = decide(response(9603, 'transient', 500), state({ gateUntil: NOW + 7_000 }), policy, half);
    expect(d).toMatchObject({ retry: true, delayMs: 7_000, delaySource: 'gate' });
  });
});

describe('decide (properties)', () => {
  const classes = fc.constantFrom('transient' as const, 'throttled' as const, 'retry_later' as const);
  const custom = fc.oneof(
    fc.constant(undefined),
    fc
      .constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -1, 0, 1e12)
      .map((v) => () => v),
  );

  it('every delay is finite, never before Retry-After, and within [floor, cap]', () => {
    fc.assert(
      fc.property(
        classes,
        fc.integer({ min: 1, max: 60 }),
        fc.option(fc.integer({ min: 0, max: 60_000 }), { nil: null }),
        fc.double({ min: 0, max: 0.999999, noNaN: true }),
        fc.integer({ min: 0, max: 20 }),
        custom,
        (cls, attempt, retryAfter, r, streak, delay) => {
          const p = normalizeOptions({ maxAttempts: 100, ...(delay ? { delay } : {}) });
          const d = decide(
            response(9603, cls, 500, retryAfter),
            state({ attempt, consecutive9603: streak }),
            p,
            () => r,
          );
          if (!d.retry) return;
          expect(Number.isFinite(d.delayMs)).toBe(true);
          expect(d.delayMs).toBeGreaterThanOrEqual(retryAfter ?? 0);
          const cap = streak > 5 ? 300_000 : p.maxDelayMs[cls]; // every failure here is a 9603
          const upper =
            retryAfter === null ? cap : Math.max(cap, retryAfter + retryAfterJitterMax(retryAfter));
          expect(d.delayMs).toBeLessThanOrEqual(upper);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('never retries a transient failure past the attempt limit, whatever the delay function says', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10 }), fc.integer({ min: 1, max: 10 }), (max, failures) => {
        const p = normalizeOptions({ maxAttempts: max, delay: () => 0 });
        const s = state({ attempt: failures + 3, transientFailures: failures });
        expect(decide(response(9603, 'transient', 500), s, p, Math.random).retry).toBe(failures < max);
      }),
    );
  });

  it('retries throttles past maxAttempts: the deadline bounds them', () => {
    const p = normalizeOptions({ maxAttempts: 2 });
    const deadlineAt = NOW + 300_000;
    const s = (attempt: number) => state({ attempt, transientFailures: 0, deadlineAt });
    expect(decide(response(9646, 'throttled', 429, 1000), s(50), p, half).retry).toBe(true);
    expect(decide(response(9644, 'retry_later', 503, 1000), s(50), p, half).retry).toBe(true);
    const late = state({ attempt: 50, transientFailures: 0, deadlineAt: NOW + 500 });
    expect(decide(response(9646, 'throttled', 429, 1000), late, p, half)).toMatchObject({
      retry: false,
      reason: 'deadline',
      retryAt: NOW + 1000,
    });
  });
});
