import { getRetryInfo, isVppError } from '@vppwatch/core';
import { type ScriptedServer, startScriptedServer } from '@vppwatch/simulator';
import axios, { type AxiosAdapter, getAdapter, type InternalAxiosRequestConfig } from 'axios';
import { afterEach, describe, expect, it } from 'vitest';
import { attachVppInterceptor } from './index.js';
import { fakeSToken, legacyError, testEngineOptions } from './test-support/fixtures.js';

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** The real http adapter, recording the config each attempt reaches it with. */
function spyAdapter(seen: InternalAxiosRequestConfig[]): AxiosAdapter {
  return (config) => {
    seen.push(config);
    return getAdapter('http', config)(config);
  };
}

describe('what each attempt hands the axios adapter', () => {
  it('without signal, deadline or timeout: the config as axios built it, with no abort wiring', async () => {
    server = await startScriptedServer([
      { status: 200, body: { assets: [], tokenExpirationDate: '2099-01-01T00:00:00Z' } },
    ]);
    const seen: InternalAxiosRequestConfig[] = [];
    const client = axios.create({ baseURL: `${server.url}/mdm/v2`, adapter: spyAdapter(seen) });
    attachVppInterceptor(client, testEngineOptions());
    const response = await client.get('/assets', { headers: { Authorization: `Bearer ${fakeSToken()}` } });
    expect(response.data).toEqual({ assets: [], tokenExpirationDate: '2099-01-01T00:00:00Z' });
    expect(getRetryInfo(response)?.attempts).toBe(1);
    expect(seen).toHaveLength(1);
    expect(seen[0]?.signal).toBeUndefined();
    expect(seen[0]?.timeout).toBe(0);
  });

  it('with an axios timeout: an engine signal per attempt, and axios’s own timer off', async () => {
    server = await startScriptedServer([
      { status: 200, body: legacyError(9603) },
      { status: 200, body: {} },
    ]);
    const seen: InternalAxiosRequestConfig[] = [];
    const client = axios.create({
      baseURL: `${server.url}/mdm/v2`,
      adapter: spyAdapter(seen),
      timeout: 5_000,
    });
    attachVppInterceptor(client, testEngineOptions());
    const response = await client.get('/assets');
    expect(getRetryInfo(response)?.attempts).toBe(2);
    expect(seen.map((config) => config.signal instanceof AbortSignal)).toEqual([true, true]);
    expect(seen.map((config) => config.timeout)).toEqual([0, 0]);
    expect(seen[0]?.signal).not.toBe(seen[1]?.signal);
  });

  it('a 2xx text body carrying a legacy error still rejects with a VppError', async () => {
    server = await startScriptedServer([{ status: 200, body: legacyError(9610) }]);
    const client = axios.create({ baseURL: `${server.url}/mdm/v2`, responseType: 'text' });
    attachVppInterceptor(client, testEngineOptions());
    const error = await client.get('/assets').catch((e: unknown) => e);
    expect(isVppError(error) && error.errorNumber).toBe(9610);
  });
});
