import { createVppEngine, getRetryInfo, isVppError } from '@vppwatch/core';
import { type ScriptedServer, startScriptedServer } from '@vppwatch/simulator';
import type { BeforeRequestHook } from 'got';
import { afterEach, describe, expect, it } from 'vitest';
import { fastEngine } from './test-support/engine.js';
import { got } from './test-support/got.js';
import { vppHooks } from './vpp-hooks.js';

const internalError = { status: 500, body: { errorNumber: 9603, errorMessage: 'Internal error.' } };
const ok = { status: 200, body: { eventId: 'e-1' } };

let server: ScriptedServer;
afterEach(async () => server?.close());

function client(extra: Parameters<typeof got.extend>[0] = {}) {
  return got.extend({ prefixUrl: `${server.url}/mdm/v2/` }, vppHooks({ engine: fastEngine() }), extra);
}

describe('vppHooks merged with got.extend', () => {
  it("keeps the user's own beforeRequest and afterResponse hooks running on every attempt", async () => {
    server = await startScriptedServer([internalError, ok]);
    const seen: string[] = [];
    const mark: BeforeRequestHook = (_options, context) => {
      seen.push(`before:${context.retryCount}`);
    };
    const apple = client({
      hooks: {
        beforeRequest: [mark],
        afterResponse: [
          (response) => {
            seen.push(`after:${response.statusCode}`);
            return response;
          },
        ],
      },
    });
    const response = await apple.get('assets');
    expect(response.statusCode).toBe(200);
    expect(seen).toEqual(['before:0', 'after:500', 'before:1', 'after:200']);
  });

  it("never writes into the caller's options or context", async () => {
    server = await startScriptedServer([internalError, ok]);
    const context = { vppwatch: { idempotent: true }, mine: 1 };
    const json = { assets: [{ adamId: '1', pricingParam: 'STDQ' }] };
    const options = { json, context };
    const snapshot = structuredClone(options);
    await client().post('assets/associate', options);
    expect(options).toEqual(snapshot);
    expect(Object.getOwnPropertySymbols(context)).toEqual([]);
  });
});

describe('user hooks around ours', () => {
  it("leaves got's own rejection of invalid options alone", async () => {
    server = await startScriptedServer([ok]);
    const error = await client()
      .get('assets', { timeout: { request: 'soon' as unknown as number } })
      .catch((e: unknown) => e);
    expect(isVppError(error)).toBe(false);
    expect((error as Error).message).toMatch(/timeout/i);
    expect(server.requests).toHaveLength(0);
  });

  it("lets a user's later beforeError hook have the last word on the error", async () => {
    server = await startScriptedServer([
      { status: 401, body: { errorNumber: 9621, errorMessage: 'expired' } },
    ]);
    class TokenExpired extends Error {}
    const apple = client({
      hooks: { beforeError: [(error) => (isVppError(error) ? new TokenExpired(error.message) : error)] },
    });
    const error = await apple.get('assets').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TokenExpired);
  });

  it("ends the call with the error of a user's beforeRequest hook that throws, without retrying", async () => {
    server = await startScriptedServer([ok]);
    const failingAuth: BeforeRequestHook = () => {
      throw new Error('token store unavailable');
    };
    const error = await client({ hooks: { beforeRequest: [failingAuth] } })
      .get('assets')
      .catch((e: unknown) => e);
    expect((error as Error).message).toBe('token store unavailable');
    expect(getRetryInfo(error)?.attempts).toBe(1);
    expect(server.requests).toHaveLength(0);
  });
});

describe('the engine is the only retry authority', () => {
  it('does not retry a POST answered by a bare 500 (ambiguous: the write may have happened)', async () => {
    server = await startScriptedServer([{ status: 500, body: 'oops' }, ok]);
    const error = await client()
      .post('assets/associate', { json: {} })
      .catch((e: unknown) => e);
    expect(isVppError(error)).toBe(true);
    expect(server.requests).toHaveLength(1);
  });

  it('retries a POST answered by 9603, which got by default never retries (POST is not in its methods)', async () => {
    server = await startScriptedServer([internalError, ok]);
    const response = await client().post('assets/associate', { json: {} });
    expect(response.statusCode).toBe(200);
    expect(server.requests.map((r) => r.method)).toEqual(['POST', 'POST']);
    expect(getRetryInfo(response)).toMatchObject({ attempts: 2, retryReasons: ['transient'] });
  });

  it('retries a 404 that carries 9646 (throttled), a status got never retries', async () => {
    server = await startScriptedServer([
      { status: 404, body: { errorNumber: 9646, errorMessage: 'Too many requests' } },
      ok,
    ]);
    const response = await client().get('assets');
    expect(response.statusCode).toBe(200);
    expect(server.requests).toHaveLength(2);
  });

  it("does not sit out an hour-long Retry-After that got's own rules would wait for", async () => {
    server = await startScriptedServer([{ status: 503, headers: { 'retry-after': '3600' }, body: {} }, ok]);
    const error = await client()
      .get('assets')
      .catch((e: unknown) => e);
    expect(isVppError(error) && error.code).toBe('ERR_VPP_RETRY_AFTER');
    expect(server.requests).toHaveLength(1);
  });

  it('ignores got-level retry settings and follows per-request `retry: false`', async () => {
    server = await startScriptedServer([internalError, ok]);
    const error = await client()
      .get('assets', { context: { vppwatch: { retry: false } } })
      .catch((e: unknown) => e);
    expect(isVppError(error) && error.errorNumber).toBe(9603);
    expect(server.requests).toHaveLength(1);
  });
});

describe('network errors and per-request options', () => {
  it('retries a GET whose connection was reset', async () => {
    server = await startScriptedServer([{ reset: true }, ok]);
    const response = await client().get('assets');
    expect(response.statusCode).toBe(200);
    expect(server.requests).toHaveLength(2);
  });

  it('does not resend a POST after a reset unless the caller vouches it is idempotent', async () => {
    server = await startScriptedServer([{ reset: true }, { reset: true }, ok]);
    const error = await client()
      .post('users/create', { json: {} })
      .catch((e: unknown) => e);
    expect(isVppError(error) && error.code).toBe('ERR_VPP_NETWORK');
    expect(server.requests).toHaveLength(1);

    const response = await client().post('users/create', {
      json: {},
      context: { vppwatch: { idempotent: true } },
    });
    expect(response.statusCode).toBe(200);
    expect(server.requests).toHaveLength(3);
  });

  it('gives up at once on a wait that would outlast the deadline', async () => {
    server = await startScriptedServer([{ status: 503, headers: { 'retry-after': '5' }, body: {} }, ok]);
    const apple = got.extend(
      { prefixUrl: `${server.url}/mdm/v2/` },
      vppHooks({ engine: fastEngine(), deadlineMs: 1_000 }),
    );
    const error = await apple.get('assets').catch((e: unknown) => e);
    expect(isVppError(error) && error.reason).toBe('deadline');
    expect(server.requests).toHaveLength(1);
  });

  it('rejects a deadline that is not a positive number', () => {
    expect(() => vppHooks({ engine: fastEngine(), deadlineMs: 0 })).toThrow(RangeError);
  });
});

describe('results', () => {
  it('resolves `.json()` and `resolveBodyOnly` through the handler', async () => {
    server = await startScriptedServer([internalError, { status: 200, body: { assets: [{ adamId: '7' }] } }]);
    const body = await client().get('assets').json<{ assets: { adamId: string }[] }>();
    expect(body.assets[0]?.adamId).toBe('7');
    const text = await client().get('assets', { resolveBodyOnly: true });
    expect(JSON.parse(String(text))).toEqual({ assets: [{ adamId: '7' }] });
  });

  it('keeps got’s promise methods, and `.json()` on them still ends with our outcome', async () => {
    server = await startScriptedServer([
      { status: 200, body: { assets: [{ adamId: '7' }] } },
      { status: 200, body: { status: -1, errorNumber: 9621, errorMessage: 'expired' } },
    ]);
    const responses: number[] = [];
    const pending = client().get('assets');
    pending.on('response', (response: { statusCode: number }) => responses.push(response.statusCode));
    expect(JSON.parse(await pending.text())).toEqual({ assets: [{ adamId: '7' }] });
    expect(responses).toEqual([200]);
    // An Apple error in an HTTP 200 body: got alone would resolve `.json()`; ours rejects it.
    const error = await client()
      .get('assets')
      .json()
      .catch((e: unknown) => e);
    expect(isVppError(error) && error.retryClass).toBe('auth_fatal');
  });

  it('rejects an Apple failure even with `throwHttpErrors: false`', async () => {
    server = await startScriptedServer([
      { status: 401, body: { errorNumber: 9621, errorMessage: 'expired' } },
    ]);
    const error = await client()
      .get('assets', { throwHttpErrors: false })
      .catch((e: unknown) => e);
    expect(isVppError(error) && error.retryClass).toBe('auth_fatal');
  });

  it('attaches RetryInfo to the final error, with got’s error as its cause', async () => {
    server = await startScriptedServer([
      { status: 401, body: { errorNumber: 9621, errorMessage: 'expired' } },
    ]);
    const error = await client()
      .get('assets')
      .catch((e: unknown) => e);
    expect(getRetryInfo(error)).toMatchObject({ attempts: 1, giveUpReason: 'not_retryable' });
    expect(isVppError(error) && (error.unredacted().cause as Error).name).toBe('HTTPError');
    expect(isVppError(error) && error.cause).toEqual({
      name: 'HTTPError',
      code: 'ERR_NON_2XX_3XX_RESPONSE',
      httpStatus: 401,
    });
  });
});

describe('vppHooks options', () => {
  it('takes engine options flat, as the axios adapter does, and refuses them next to a shared engine', () => {
    expect(() => vppHooks({ maxAttempts: 2, metrics: false, tracing: false })).not.toThrow();
    expect(() => vppHooks({ engine: createVppEngine({ metrics: false }), maxAttempts: 2 })).toThrow(
      /either "engine" or engine options/,
    );
  });
});
