import { describe, expect, it } from 'vitest';
import { isVppError } from '../../errors/vpp-error.js';
import { createVppEngine } from '../create-engine.js';
import { getDecodedOutcome, getRetryInfo } from './retry-info.js';
import type { Transport } from './types.js';

const url = 'https://vpp.itunes.apple.com/mdm/v2/assets';
const quiet = { metrics: false, tracing: false, rateLimit: false } as const;
const reply = (status: number, body: unknown) => ({ status, body });

describe('begin: the step API a client with its own retry loop drives', () => {
  it('walks a retry and a success, then attaches RetryInfo and the decoded outcome to the response', async () => {
    const engine = createVppEngine({ ...quiet, baseDelayMs: { transient: 1 } });
    const call = engine.begin({ method: 'GET', url });
    const first = await call.beforeAttempt();
    expect(first.attempt).toBe(1);
    const d1 = call.onResult(reply(500, { errorNumber: 9603, errorMessage: 'Internal error.' }));
    expect(d1).toMatchObject({ action: 'retry', retryClass: 'transient', delaySource: 'backoff' });
    if (d1.action === 'retry') await call.wait(d1.delayMs);
    expect((await call.beforeAttempt()).attempt).toBe(2);
    const d2 = call.onResult(reply(200, { assets: [] }));
    expect(d2.action).toBe('resolve');
    const response = { data: 'the client response object' };
    call.finish({ result: response });
    expect(getRetryInfo(response)).toMatchObject({ attempts: 2, retryReasons: ['transient'] });
    expect(getDecodedOutcome(response)?.outcome).toBe('success');
    expect(Object.keys(response)).toEqual(['data']); // never mutated
  });

  it('onError for a network failure of a POST gives up as unsafe_method, with the error as cause', async () => {
    const engine = createVppEngine(quiet);
    const call = engine.begin({ method: 'POST', url: `${url}/associate`, body: {} });
    await call.beforeAttempt();
    const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    const decision = call.onError(reset);
    expect(decision.action).toBe('reject');
    if (decision.action !== 'reject') return;
    expect(isVppError(decision.error) && decision.error.reason).toBe('unsafe_method');
    expect(isVppError(decision.error) && decision.error.unredacted().cause).toBe(reset);
    call.finish({ error: decision.error });
  });

  it('resends a POST whose connection was refused (never sent)', async () => {
    const engine = createVppEngine({ ...quiet, baseDelayMs: { transient: 1 } });
    const call = engine.begin({ method: 'POST', url: `${url}/associate`, body: {} });
    await call.beforeAttempt();
    const refused = new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } });
    expect(call.onError(refused).action).toBe('retry');
    call.finish({ error: refused });
  });

  it('rejectIdempotentOk and classify overrides change the verdict', async () => {
    const strict = createVppEngine({ ...quiet, rejectIdempotentOk: true, classify: { 9610: 'transient' } });
    const a = strict.begin({
      method: 'POST',
      url: 'https://vpp.itunes.apple.com/mdm/retireVPPUserSrv',
      body: {},
    });
    await a.beforeAttempt();
    expect(a.onResult(reply(200, { status: -1, errorNumber: 9618, errorMessage: 'x' })).action).toBe(
      'reject',
    );
    const b = strict.begin({ method: 'GET', url });
    await b.beforeAttempt();
    const decision = b.onResult(reply(200, { status: -1, errorNumber: 9610, errorMessage: 'x' }));
    expect(decision).toMatchObject({ action: 'retry', retryClass: 'transient' });
  });

  it('a VppError carries the class the engine acted on: a classify override, not the catalog class', async () => {
    // 9610 is `state` in the catalog; the override makes it fatal for this engine.
    const engine = createVppEngine({ ...quiet, classify: { 9610: 'client_fatal' } });
    const call = engine.begin({ method: 'GET', url });
    await call.beforeAttempt();
    const decision = call.onResult(reply(200, { status: -1, errorNumber: 9610, errorMessage: 'x' }));
    expect(decision.action).toBe('reject');
    if (decision.action !== 'reject' || !isVppError(decision.error)) throw new Error('expected a VppError');
    expect(decision.error.failure?.retryClass).not.toBe('client_fatal');
    expect(decision.error.retryClass).toBe('client_fatal');
    expect(decision.error.toJSON()).toMatchObject({ retryClass: 'client_fatal' });
    call.finish({ error: decision.error });
  });

  it('retry: false turns retries off for one request', async () => {
    const engine = createVppEngine(quiet);
    const call = engine.begin({ method: 'GET', url, retry: false });
    await call.beforeAttempt();
    const decision = call.onResult(reply(500, { errorNumber: 9603, errorMessage: 'x' }));
    expect(decision.action === 'reject' && isVppError(decision.error) && decision.error.reason).toBe(
      'not_retryable',
    );
  });

  it('a listener that throws never breaks the request, and unsubscribe works', async () => {
    const engine = createVppEngine(quiet);
    const seen: string[] = [];
    engine.on('attempt', () => {
      throw new Error('listener bug');
    });
    const off = engine.on('success', (e) => seen.push(e.operation));
    const transport: Transport<{ status: number }> = {
      send: async () => ({ status: 200 }),
      read: (r) => r,
      readError: () => null,
    };
    await engine.execute({ method: 'GET', url }, transport);
    off();
    await engine.execute({ method: 'GET', url }, transport);
    expect(seen).toEqual(['assets_get']);
  });

  it('resolves an answer the client threw when the transport can turn it into a result', async () => {
    const engine = createVppEngine(quiet);
    const thrown = { response: { status: 400, data: { errorNumber: 9616, errorMessage: 'x' } } };
    const transport: Transport<{ status: number; data: unknown }> = {
      send: async () => {
        throw thrown;
      },
      read: (r) => ({ status: r.status, body: r.data }),
      readError: (e) => ({
        status: (e as typeof thrown).response.status,
        body: (e as typeof thrown).response.data,
      }),
      resultOf: (e) => (e as typeof thrown).response,
    };
    await expect(
      engine.execute({ method: 'POST', url: `${url}/associate`, body: {} }, transport),
    ).resolves.toBe(thrown.response);
  });
});

describe('createVppEngine options', () => {
  it('rejects bad values with ERR_VPP_INVALID_ARGUMENT naming the option', () => {
    const bad = [
      { maxAttempts: 0 },
      { maxAttempts: 1.5 },
      { maxRetryAfterMs: -1 },
      { baseDelayMs: { transient: Number.NaN } },
      { rateLimit: { requestsPerSecond: 0 } },
      { budget: { capacity: Number.POSITIVE_INFINITY } },
      { classify: { 9603: 'sometimes' as never } },
      { delay: 5 as never },
    ];
    for (const options of bad) {
      const name = Object.keys(options)[0]!;
      expect(() => createVppEngine({ ...quiet, ...options }), name).toThrow(
        expect.objectContaining({ code: 'ERR_VPP_INVALID_ARGUMENT', message: expect.stringContaining(name) }),
      );
    }
  });

  it('rejects an absurd rate, deadline or controller option at creation (not finite, not positive, beyond bounds)', () => {
    const bad: [string, Parameters<typeof createVppEngine>[0]][] = [
      ['rateLimit.requestsPerSecond', { rateLimit: { requestsPerSecond: Number.POSITIVE_INFINITY } }],
      ['rateLimit.requestsPerSecond', { rateLimit: { requestsPerSecond: 1e9 } }],
      ['rateLimit.requestsPerSecond', { rateLimit: { requestsPerSecond: -5 } }],
      ['rateLimit.burst', { rateLimit: { burst: 1e7 } }],
      ['rateLimit.adaptive.beta', { rateLimit: { adaptive: { beta: 1 } } }],
      ['rateLimit.adaptive.beta', { rateLimit: { adaptive: { beta: Number.NaN } } }],
      ['rateLimit.adaptive.scale', { rateLimit: { adaptive: { scale: 0 } } }],
      ['rateLimit.adaptive.scale', { rateLimit: { adaptive: { scale: 1e6 } } }],
      ['rateLimit.adaptive.minRate', { rateLimit: { adaptive: { minRate: -1 } } }],
      ['rateLimit.adaptive', { rateLimit: { adaptive: 'fast' as never } }],
      ['rateLimit', { rateLimit: 15 as never }],
      ['deadlineMs', { deadlineMs: Number.POSITIVE_INFINITY }],
      ['deadlineMs', { deadlineMs: 0 }],
      ['deadlineMs', { deadlineMs: 7 * 86_400_000 }],
      ['maxRetryAfterMs', { maxRetryAfterMs: 1e15 }],
      ['attemptTimeoutMs', { attemptTimeoutMs: -1 }],
      ['maxAttempts', { maxAttempts: 1e6 }],
    ];
    for (const [name, options] of bad) {
      expect(() => createVppEngine({ ...quiet, ...options }), name).toThrow(
        expect.objectContaining({ code: 'ERR_VPP_INVALID_ARGUMENT', message: expect.stringContaining(name) }),
      );
    }
    const engine = createVppEngine(quiet);
    const request = { method: 'GET', url, deadlineMs: Number.NaN };
    expect(() => engine.begin(request)).toThrow(
      expect.objectContaining({
        code: 'ERR_VPP_INVALID_ARGUMENT',
        message: expect.stringContaining('deadlineMs'),
      }),
    );
  });

  it('never mutates the caller’s options object', () => {
    const options = Object.freeze({ ...quiet, baseDelayMs: Object.freeze({ transient: 5 }) });
    expect(() => createVppEngine(options)).not.toThrow();
  });
});
