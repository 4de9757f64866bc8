import { describe, expect, it } from 'vitest';
import { createVppEngine } from '../create-engine.js';
import type { AttemptContext, Transport } from './types.js';

const url = 'https://vpp.itunes.apple.com/mdm/v2/assets';
const quiet = { metrics: false, tracing: false, rateLimit: false } as const;

function recording(contexts: AttemptContext[]): Transport<{ status: number; body: unknown }> {
  return {
    send: async (ctx) => {
      contexts.push(ctx);
      return { status: 200, body: { assets: [] } };
    },
    read: (r) => r,
    readError: () => null,
  };
}

describe('attempt contexts', () => {
  it('say when nothing can abort the attempt, and still hand out a signal on demand', async () => {
    const engine = createVppEngine(quiet);
    const contexts: AttemptContext[] = [];
    await engine.execute({ method: 'GET', url }, recording(contexts));
    const [ctx] = contexts;
    expect(ctx?.abortable).toBe(false);
    expect(ctx?.attempt).toBe(1);
    expect(ctx?.signal).toBeInstanceOf(AbortSignal);
    expect(ctx?.signal.aborted).toBe(false);
  });

  it('are abortable with a caller signal, a deadline or an attempt timeout', async () => {
    const engine = createVppEngine({ ...quiet, attemptTimeoutMs: 60_000 });
    const plain = createVppEngine(quiet);
    const contexts: AttemptContext[] = [];
    await engine.execute({ method: 'GET', url }, recording(contexts));
    await plain.execute({ method: 'GET', url, deadlineMs: 60_000 }, recording(contexts));
    const controller = new AbortController();
    await plain.execute({ method: 'GET', url, signal: controller.signal }, recording(contexts));
    expect(contexts.map((c) => c.abortable)).toEqual([true, true, true]);
    controller.abort(new Error('stop'));
    expect(contexts[2]?.signal.aborted).toBe(false); // the attempt ended with its call: nothing left listening
  });

  it('the step API waits for the tenant gate when the fast path cannot start an attempt', async () => {
    const engine = createVppEngine({
      ...quiet,
      rateLimit: { requestsPerSecond: 1000, burst: 1 },
      now: () => 1_000,
    });
    const first = engine.begin({ method: 'GET', url });
    const second = engine.begin({ method: 'GET', url });
    expect(first.tryAttemptNow?.()?.attempt).toBe(1);
    expect(second.tryAttemptNow?.()).toBeNull(); // the limiter slot is taken: nothing booked
    expect((await second.beforeAttempt()).attempt).toBe(1);
    first.finish({});
    second.finish({});
  });
});
