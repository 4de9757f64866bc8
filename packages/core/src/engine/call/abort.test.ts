import { afterEach, describe, expect, it, vi } from 'vitest';
import { isVppError } from '../../errors/vpp-error.js';
import { createVppEngine } from '../create-engine.js';
import { fakeApple } from '../test-support/fake-apple.js';
import { getRetryInfo } from './retry-info.js';
import type { RequestDescriptor, Transport } from './types.js';

const url = 'https://vpp.itunes.apple.com/mdm/v2/assets';
const wait60 = {
  status: 503,
  headers: { 'retry-after': '60' },
  body: { errorNumber: 9729, errorMessage: 'x' },
};
const quiet = { metrics: false, tracing: false } as const;

/** A transport answering at once (no timer of its own), so every timer left belongs to the engine. */
const instant = (
  reply: () => { status: number; headers?: Record<string, string>; body?: unknown },
): Transport<unknown> => ({
  send: async () => reply(),
  read: (r) => r as { status: number },
  readError: () => null,
});

afterEach(() => {
  vi.useRealTimers();
});

describe('abort and time limits', () => {
  it('an abort during a 60 s Retry-After wait settles at once (injected clock) and leaves no timer', async () => {
    vi.useFakeTimers({ now: 1_700_000_000_000 });
    let clock = 1_700_000_000_000;
    const engine = createVppEngine({ ...quiet, now: () => clock });
    const controller = new AbortController();
    const retries: number[] = [];
    engine.on('retry', (e) => retries.push(e.delayMs));
    const request: RequestDescriptor = { method: 'GET', url, signal: controller.signal };
    const pending = engine
      .execute(
        request,
        instant(() => wait60),
      )
      .catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(1000);
    clock += 1000;
    expect(retries[0]).toBeGreaterThanOrEqual(60_000);
    const abortedAt = clock;
    controller.abort(new Error('caller gave up'));
    const error = await pending; // no timer advanced: it settled on the abort alone
    expect(clock - abortedAt).toBeLessThan(10);
    expect((error as Error).message).toBe('caller gave up');
    expect(vi.getTimerCount()).toBe(0);
    expect(getRetryInfo(error)).toMatchObject({ attempts: 1, giveUpReason: 'aborted' });
  });

  it('leaves no Timeout handle open after an abort with real timers', async () => {
    const timeouts = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    const before = timeouts();
    const engine = createVppEngine({ ...quiet, deadlineMs: 120_000, attemptTimeoutMs: 30_000 });
    const controller = new AbortController();
    const waiting = new Promise<void>((resolve) => engine.on('retry', () => resolve()));
    const pending = engine
      .execute(
        { method: 'GET', url, signal: controller.signal },
        instant(() => wait60),
      )
      .catch((e: unknown) => e);
    await waiting;
    // Let the engine enter its 60 s wait (its timer must be visible) before aborting.
    while (timeouts() <= before) await new Promise((resolve) => setImmediate(resolve));
    controller.abort();
    const error = await pending;
    expect((error as Error).name).toBe('AbortError');
    expect(timeouts()).toBeLessThanOrEqual(before);
  });

  it('never retries a caller abort, even for an idempotent GET', async () => {
    vi.useFakeTimers();
    const engine = createVppEngine(quiet);
    const controller = new AbortController();
    const apple = fakeApple(() => ({ status: 200, body: {} }), 1000);
    const pending = engine
      .execute({ method: 'GET', url, signal: controller.signal }, apple.transport)
      .catch((e) => e);
    await vi.advanceTimersByTimeAsync(100);
    controller.abort();
    const error = await pending;
    expect((error as Error).name).toBe('AbortError');
    expect(apple.sentAt).toHaveLength(1);
  });

  it('retries a timed-out attempt of a GET, and the deadline ends the call with ERR_VPP_DEADLINE', async () => {
    vi.useFakeTimers();
    const engine = createVppEngine({
      ...quiet,
      attemptTimeoutMs: 1000,
      deadlineMs: 2500,
      baseDelayMs: { transient: 1 },
    });
    const apple = fakeApple(() => ({ status: 200, body: {} }), 10_000);
    const pending = engine.execute({ method: 'GET', url }, apple.transport).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(3000);
    const error = await pending;
    expect(isVppError(error) && error.code).toBe('ERR_VPP_DEADLINE');
    expect(apple.sentAt.length).toBe(3);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('does not resend a POST whose attempt timed out (it may have been processed)', async () => {
    vi.useFakeTimers();
    const engine = createVppEngine({ ...quiet, attemptTimeoutMs: 1000 });
    const apple = fakeApple(() => ({ status: 200, body: {} }), 10_000);
    const request = { method: 'POST', url: `${url}/associate`, body: {} };
    const pending = engine.execute(request, apple.transport).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(1500);
    const error = await pending;
    expect(isVppError(error) && error.reason).toBe('unsafe_method');
    expect(isVppError(error) && (error.unredacted().cause as Error).name).toBe('TimeoutError');
    expect(isVppError(error) && error.cause?.name).toBe('TimeoutError');
    expect(apple.sentAt).toHaveLength(1);
  });

  it('a request arriving while the tenant gate is closed beyond its deadline fails at once with retryAt', async () => {
    vi.useFakeTimers({ now: 1_700_000_000_000 });
    const engine = createVppEngine({ ...quiet, deadlineMs: 30_000 });
    const headers = { authorization: 'Bearer t' };
    const first = await engine
      .execute(
        { method: 'GET', url, headers },
        instant(() => wait60),
      )
      .catch((e) => e);
    expect(isVppError(first) && first.reason).toBe('deadline');
    let sent = 0;
    const second = await engine
      .execute(
        { method: 'GET', url, headers },
        instant(() => {
          sent += 1;
          return { status: 200 };
        }),
      )
      .catch((e: unknown) => e);
    expect(sent).toBe(0);
    expect(isVppError(second) && second.code).toBe('ERR_VPP_RETRY_AFTER');
    expect(isVppError(second) && second.retryAt).toBe(1_700_000_060_000);
  });

  it('an absurd announced wait closes the tenant gate for maxRetryAfterMs at most', async () => {
    vi.useFakeTimers({ now: 1_700_000_000_000 });
    const engine = createVppEngine({ ...quiet, maxRetryAfterMs: 30_000 });
    const headers = { authorization: 'Bearer t' };
    const year = { ...wait60, headers: { 'retry-after': String(365 * 86_400) } };
    const first = await engine
      .execute(
        { method: 'GET', url, headers },
        instant(() => year),
      )
      .catch((e) => e);
    expect(isVppError(first) && first.reason).toBe('retry_after_too_long');
    const apple = fakeApple(() => ({ status: 200 }));
    const second = engine.execute({ method: 'GET', url, headers }, apple.transport);
    await vi.advanceTimersByTimeAsync(40_000);
    await second;
    expect(apple.sentAt).toHaveLength(1);
    expect(apple.sentAt[0]).toBeGreaterThanOrEqual(1_700_000_030_000); // waited the capped gate, no longer
    expect(apple.sentAt[0]).toBeLessThan(1_700_000_032_000);
  });
});
