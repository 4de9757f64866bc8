import { isVppError } from '@vppwatch/core';
import { type ScriptedReply, type ScriptedServer, startScriptedServer } from '@vppwatch/simulator';
import axios, { type AxiosInstance, isCancel } from 'axios';
import { afterEach, describe, expect, it } from 'vitest';
import { attachVppInterceptor } from './index.js';
import { fakeSToken, testEngineOptions, v2Error } from './test-support/fixtures.js';

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function clientFor(script: ScriptedReply[], onRequest?: () => void): Promise<AxiosInstance> {
  server = await startScriptedServer(script, onRequest);
  const client = axios.create({
    baseURL: `${server.url}/mdm/v2`,
    headers: { Authorization: `Bearer ${fakeSToken()}` },
  });
  attachVppInterceptor(client, testEngineOptions());
  return client;
}

// Long enough that the test would time out (30 s) if the abort did not end the wait.
const throttledLong = { status: 429, headers: { 'retry-after': '50' }, body: v2Error(9646) };

describe('abort and timeouts', () => {
  it('an abort during a 50 s backoff settles at once with axios CanceledError, sending nothing more', async () => {
    const controller = new AbortController();
    const client = await clientFor([throttledLong, { status: 200 }], () => {
      setTimeout(() => controller.abort(), 50);
    });
    const error = await client.get('/assets', { signal: controller.signal }).catch((e: unknown) => e);
    expect(isCancel(error)).toBe(true);
    expect(server!.requests).toHaveLength(1);
  });

  it('an abort while an attempt is in flight cancels that attempt', async () => {
    const controller = new AbortController();
    const client = await clientFor([{ hang: true }], () => {
      setTimeout(() => controller.abort(), 20);
    });
    const error = await client.get('/assets', { signal: controller.signal }).catch((e: unknown) => e);
    expect(isCancel(error)).toBe(true);
    expect(server!.requests).toHaveLength(1);
  });

  it('a legacy CancelToken also ends the backoff wait', async () => {
    const source = axios.CancelToken.source();
    const client = await clientFor([throttledLong, { status: 200 }], () => {
      setTimeout(() => source.cancel('user gave up'), 50);
    });
    const error = await client.get('/assets', { cancelToken: source.token }).catch((e: unknown) => e);
    expect(isCancel(error)).toBe(true);
    expect(server!.requests).toHaveLength(1);
  });

  it('axios timeout applies to each attempt: a hung attempt times out and the next one succeeds', async () => {
    const client = await clientFor([{ hang: true }, { status: 200, body: { assets: [] } }]);
    const response = await client.get('/assets', { timeout: 200 });
    expect(response.data).toEqual({ assets: [] });
    expect(server!.requests).toHaveLength(2);
  });

  it('a timeout with retries off rejects with a network VppError, not a caller cancel', async () => {
    const client = await clientFor([{ hang: true }]);
    const error = await client
      .get('/assets', { timeout: 100, vpp: { retry: false } })
      .catch((e: unknown) => e);
    expect(isCancel(error)).toBe(false);
    expect(isVppError(error) && error.code).toBe('ERR_VPP_NETWORK');
  });

  it('vpp.deadlineMs bounds the whole request: a Retry-After past the deadline gives up at once', async () => {
    const client = await clientFor([throttledLong, { status: 200 }]);
    const error = await client.get('/assets', { vpp: { deadlineMs: 2000 } }).catch((e: unknown) => e);
    expect(isVppError(error)).toBe(true);
    if (!isVppError(error)) return;
    expect(['deadline', 'retry_after_too_long']).toContain(error.reason);
    expect(error.retryAt).not.toBeNull();
    expect(server!.requests).toHaveLength(1);
  });
});
