import { afterEach, describe, expect, it } from 'vitest';
import { isVppError } from '../../errors/vpp-error.js';
import { createVppEngine } from '../create-engine.js';
import { MemoryTenantStore } from '../tenant/memory-tenant-store.js';
import { fetchTransport } from '../test-support/fetch-transport.js';
import { startScriptedServer } from '../test-support/scripted-server.js';
import { getDecodedOutcome, getRetryInfo } from './retry-info.js';
import type { RequestDescriptor } from './types.js';

const servers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const quiet = { metrics: false, tracing: false } as const;

async function run(
  script: Parameters<typeof startScriptedServer>[0],
  request: Omit<RequestDescriptor, 'url'> & { path: string },
  options: Parameters<typeof createVppEngine>[0] = {},
) {
  const server = await startScriptedServer(script);
  servers.push(server);
  const engine = createVppEngine({ ...quiet, rateLimit: false, ...options });
  const descriptor: RequestDescriptor = { ...request, url: server.url(request.path) };
  const outcome = await engine.execute(descriptor, fetchTransport(descriptor)).then(
    (value) => ({ value, error: undefined }),
    (error: unknown) => ({ value: undefined, error }),
  );
  return { ...outcome, seen: server.seen };
}

const bearer = { authorization: 'Bearer c2VjcmV0LXRva2Vu' };

describe('execute over real HTTP with fetch', () => {
  it('waits out a 429 Retry-After, then resolves the 200', async () => {
    const { value, seen } = await run(
      (i) =>
        i === 0
          ? {
              status: 429,
              headers: { 'retry-after': '0' },
              body: { errorNumber: 9646, errorMessage: 'Too many' },
            }
          : { status: 200, body: { assets: [] } },
      { method: 'POST', path: '/mdm/v2/assets/associate', headers: bearer, body: { assets: [] } },
      { baseDelayMs: { throttled: 5 } },
    );
    expect(value?.status).toBe(200);
    expect(seen).toHaveLength(2);
    const info = getRetryInfo(value);
    expect(info).toMatchObject({
      attempts: 2,
      retryReasons: ['throttled'],
      lastRetryAfterMs: 0,
      giveUpReason: null,
    });
    expect(getDecodedOutcome(value)?.outcome).toBe('success');
  });

  it('resends through a burst of 9603 and resolves', async () => {
    const { value, seen } = await run(
      (i) =>
        i < 3
          ? { status: 500, body: { errorNumber: 9603, errorMessage: 'Internal error.' } }
          : { status: 200, body: {} },
      { method: 'POST', path: '/mdm/v2/users/create', headers: bearer, body: { users: [] } },
      { baseDelayMs: { transient: 1 } },
    );
    expect(value?.status).toBe(200);
    expect(seen).toHaveLength(4);
    expect(getRetryInfo(value)?.retryReasons).toEqual(['transient', 'transient', 'transient']);
  });

  it('gives up on 9603 after maxAttempts with the last answer as the failure', async () => {
    const { error, seen } = await run(
      () => ({ status: 500, body: { errorNumber: 9603, errorMessage: 'Internal error.' } }),
      { method: 'GET', path: '/mdm/v2/assets', headers: bearer },
      { baseDelayMs: { transient: 1 }, maxAttempts: 3 },
    );
    expect(seen).toHaveLength(3);
    expect(isVppError(error) && error.code).toBe('ERR_VPP_API');
    expect(isVppError(error) && error.reason).toBe('attempts');
    expect(isVppError(error) && error.errorNumber).toBe(9603);
    expect(isVppError(error) && error.retryInfo?.attempts).toBe(3);
  });

  it('resolves an idempotent_ok answer (legacy 9616 already assigned) as success', async () => {
    const { value, seen } = await run(
      () => ({
        status: 200,
        body: { status: -1, errorNumber: 9616, errorMessage: 'License already assigned' },
      }),
      { method: 'POST', path: '/mdm/manageVPPLicensesByAdamIdSrv', body: { sToken: 'legacy-secret' } },
    );
    expect(seen).toHaveLength(1);
    expect(value?.status).toBe(200);
    expect(getDecodedOutcome(value)?.retryClass).toBe('idempotent_ok');
  });

  it('rejects 9621 (token expired) at once without a retry', async () => {
    const { error, seen } = await run(
      () => ({ status: 401, body: { errorNumber: 9621, errorMessage: 'The token has expired.' } }),
      { method: 'GET', path: '/mdm/v2/assets', headers: bearer },
    );
    expect(seen).toHaveLength(1);
    expect(isVppError(error)).toBe(true);
    if (!isVppError(error)) return;
    expect(error).toMatchObject({ code: 'ERR_VPP_API', reason: 'not_retryable', retryClass: 'auth_fatal' });
    expect(getRetryInfo(error)?.attempts).toBe(1);
  });

  it('gives up at once with ERR_VPP_RETRY_AFTER when Retry-After exceeds maxRetryAfterMs', async () => {
    const { error, seen } = await run(
      () => ({
        status: 503,
        headers: { 'retry-after': '120' },
        body: { errorNumber: 9729, errorMessage: 'x' },
      }),
      { method: 'GET', path: '/mdm/v2/assets', headers: bearer },
      { maxRetryAfterMs: 60_000 },
    );
    expect(seen).toHaveLength(1);
    expect(isVppError(error) && error.code).toBe('ERR_VPP_RETRY_AFTER');
    expect(isVppError(error) && error.reason).toBe('retry_after_too_long');
    expect(isVppError(error) && (error.retryAt ?? 0) > Date.now() + 100_000).toBe(true);
  });

  it('does not resend a POST after an ambiguous 5xx without an Apple code', async () => {
    const { error, seen } = await run(() => ({ status: 502, body: '<html>bad gateway</html>' }), {
      method: 'POST',
      path: '/mdm/v2/assets/associate',
      headers: bearer,
      body: {},
    });
    expect(seen).toHaveLength(1);
    expect(isVppError(error) && error.reason).toBe('unsafe_method');
  });

  it('gives up a network failure with ERR_VPP_NETWORK and the fetch error as cause', async () => {
    const engine = createVppEngine({
      ...quiet,
      rateLimit: false,
      baseDelayMs: { transient: 1 },
      maxAttempts: 2,
    });
    const request: RequestDescriptor = { method: 'GET', url: 'http://127.0.0.1:1/mdm/v2/assets' };
    const error = await engine.execute(request, fetchTransport(request)).catch((e: unknown) => e);
    expect(isVppError(error) && error.code).toBe('ERR_VPP_NETWORK');
    expect(isVppError(error) && error.unredacted().cause).toBeInstanceOf(TypeError);
    expect(getRetryInfo(error)?.attempts).toBe(2);
  });
});

describe('execute with a store that throws', () => {
  it('rejects (never throws synchronously) and ends the call', async () => {
    const store = new MemoryTenantStore();
    store.tryAcquireNow = () => {
      throw new Error('store down');
    };
    const engine = createVppEngine({ store, metrics: false, tracing: false, rateLimit: false });
    let sent = 0;
    const transport = {
      send: async () => {
        sent += 1;
        return { status: 200 };
      },
      read: (r: { status: number }) => r,
      readError: () => null,
    };
    let pending: Promise<unknown> | undefined;
    expect(() => {
      pending = engine.execute(
        { method: 'GET', url: 'https://vpp.itunes.apple.com/mdm/v2/assets' },
        transport,
      );
    }).not.toThrow();
    await expect(pending).rejects.toThrow('store down');
    expect(sent).toBe(0);
  });
});
